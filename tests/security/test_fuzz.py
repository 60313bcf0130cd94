"""Whatever a client sends to the endpoints that parse free input, the answer is a page or a
clear refusal, never a server error (the test client re-raises any exception a view lets out)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.models import CourseIndexPage, CoursePage, ModulePage, QuizAttempt
from courses.quiz import choice_value
from tests.conftest import page_action
from tests.courses.conftest import add_lesson, add_page, make_quiz

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a browser form could never send: control characters, NUL, huge numbers, SQL and markup.
nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "0", "-1", "1e9", "99999999999999999999999", "\x00", "1 OR 1=1", "<svg onload=x>"]),
    st.integers(min_value=-(2**63), max_value=2**70).map(str),
)


@pytest.fixture
def module_with_quiz(home_page):
    index = add_page(home_page, CourseIndexPage(title="Uddannelse", slug="uddannelse"))
    course = add_page(
        index,
        CoursePage(
            title="Co-creation for brugere", slug="bruger", track="bruger", intro="<p>Grundkursus</p>"
        ),
    )
    module = add_page(course, ModulePage(title="Metoden", slug="metoden", quiz=make_quiz(questions=3)))
    add_lesson(module, 1)
    return module


@FUZZ
@given(data=st.data())
def test_no_quiz_submission_gives_a_server_error(client_learner, module_with_quiz, data):
    quiz = module_with_quiz.quiz
    started = client_learner.post(page_action(module_with_quiz, "quiz_start"))
    assert started.status_code == 302
    attempt = QuizAttempt.objects.filter(quiz=quiz, state=QuizAttempt.IN_PROGRESS).get()

    questions = list(quiz.questions.prefetch_related("choices"))
    real_fields = [f"question-{q.pk}" for q in questions]
    real_choices = [choice_value(attempt, c) for q in questions for c in q.choices.all()]
    real_choices += [str(c.pk) for q in questions for c in q.choices.all()]  # what the old form sent
    field = st.one_of(
        st.sampled_from(real_fields), st.text(max_size=30), nasty_text.map("question-{}".format)
    )
    value = st.one_of(st.sampled_from(real_choices), nasty_text)
    form = data.draw(st.dictionaries(field, st.lists(value, max_size=4), max_size=6))

    response = client_learner.post(reverse("courses:attempt_submit", args=[attempt.pk]), form)

    assert response.status_code in (302, 400)
    attempt.refresh_from_db()
    if response.status_code == 400:
        assert not attempt.is_finished  # a refused submission changes nothing
    else:
        assert attempt.is_finished and attempt.score is not None


def search_endpoints():
    from django.urls import NoReverseMatch, reverse

    found = []
    for name in ("search", "search_autocomplete", "search_api"):
        try:
            found.append(reverse(name))
        except NoReverseMatch:
            pass
    return found


# Parameters a search form or API might read, and a few it should simply ignore.
SEARCH_PARAMS = ["q", "page", "type", "kind", "sort", "locale", "limit", "district", "phase"]


@FUZZ
@given(data=st.data())
def test_no_search_request_gives_a_server_error(client_learner, home_page, data):
    endpoints = search_endpoints()
    if not endpoints:
        pytest.skip("the search app has no views yet")
    url = data.draw(st.sampled_from(endpoints))
    params = data.draw(
        st.dictionaries(
            st.sampled_from(SEARCH_PARAMS),
            st.one_of(nasty_text, st.text(alphabet="æøåÆØÅ &|!():*\"'-", max_size=30)),
            min_size=1,
            max_size=4,
        )
    )

    response = client_learner.get(url, params)

    assert response.status_code in (200, 400, 404), (url, params, response.status_code)
