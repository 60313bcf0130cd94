"""The seeded courses: real content, loaded idempotently, and a new officer's whole journey."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from courses.models import Certificate, CourseIndexPage, CoursePage, LessonPage, ModulePage, Question, Quiz
from home.references import pages_referencing
from tests.conftest import page_action
from toolbox.models import ToolPage

from .conftest import right_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home_page):
    call_command("load_catalogue", stdout=StringIO())


def danish(model):
    return model.objects.filter(locale__language_code="da")


def test_catalogue_creates_both_tracks_with_real_quizzes(catalogue, home_page):
    index = danish(CourseIndexPage).get(slug="uddannelse")
    assert index.get_parent().pk == home_page.pk
    assert index.title == "Uddannelse" and index.show_in_menus and index.live
    user_course = danish(CoursePage).get(slug="co-creation-for-brugere")
    super_course = danish(CoursePage).get(slug="co-creation-for-superbrugere")
    assert user_course.track == "bruger" and super_course.track == "superbruger"
    assert super_course.prerequisite_id == user_course.pk
    for course in (user_course, super_course):
        modules = danish(ModulePage).child_of(course)
        assert modules.count() == 3
        for module in modules:
            assert module.quiz is not None
            questions = module.quiz.questions.all()
            assert questions.count() >= 5
            for question in questions:
                choices = list(question.choices.all())
                assert question.explanation
                assert all(choice.feedback for choice in choices)
                correct = [choice for choice in choices if choice.is_correct]
                assert correct and (question.kind == Question.MULTIPLE or len(correct) == 1)
    titles = set(danish(LessonPage).values_list("title", flat=True))
    assert {
        "Metodens begreber",
        "Ankerpersonen",
        "De tre vigtige læringspunkter",
        "Målsætning på en ny måde",
    } <= titles

    # Lessons link real tool pages, found through Wagtail's reference index.
    tool = ToolPage.objects.get(slug="kortlaegningsplan", locale__language_code="da")
    assert "Forarbejdet: fase 1–4" in {lesson.title for lesson in pages_referencing(tool, LessonPage)}

    # Questions are tagged with the method's phase pages.
    question = Question.objects.get(prompt="I hvilken fase udpeges Ankerpersonen?")
    assert question.phase is not None and question.phase.specific.number == 1

    # English translations of the courses.
    english = CoursePage.objects.get(slug="co-creation-for-brugere", locale__language_code="en")
    assert english.title == "Co-creation for users" and english.live

    # Loading again changes nothing; lesson blocks keep their ids, so reflection answers stay attached.
    counts = (LessonPage.objects.count(), Quiz.objects.count(), Question.objects.count())
    block_ids = [block.id for block in danish(LessonPage).get(slug="samskabelse-i-politiet").body]
    call_command("load_catalogue", stdout=StringIO())
    assert (LessonPage.objects.count(), Quiz.objects.count(), Question.objects.count()) == counts
    assert [block.id for block in danish(LessonPage).get(slug="samskabelse-i-politiet").body] == block_ids


def test_a_new_officer_takes_the_user_course_to_its_certificate(catalogue, client_learner, learner):
    user_course = danish(CoursePage).get(slug="co-creation-for-brugere")
    super_course = danish(CoursePage).get(slug="co-creation-for-superbrugere")
    assert "Kurset er låst" in client_learner.get(super_course.url).text

    percents = []
    for module in danish(ModulePage).child_of(user_course):
        for lesson in danish(LessonPage).child_of(module):
            assert client_learner.get(lesson.url).status_code == 200
            client_learner.post(page_action(lesson, "lesson_done"))
        client_learner.post(page_action(module, "quiz_start"))
        attempt = module.quiz.attempts.get(user=learner)
        response = client_learner.post(
            reverse("courses:attempt_submit", args=[attempt.pk]), right_answers(attempt), follow=True
        )
        assert "Bestået" in response.text
        percents.append(client_learner.get(user_course.url).text)
    assert "(100 %)" in percents[-1] and "(100 %)" not in percents[0]

    certificate = Certificate.objects.get(user=learner)
    page = client_learner.get(reverse("courses:certificate", args=[certificate.pk])).text
    assert (
        "Mette Holm" in page and "Co-creation for brugere" in page and certificate.verification_code in page
    )
    assert "Kurset er låst" not in client_learner.get(super_course.url).text
    my_learning = client_learner.get(reverse("courses:my_learning")).text
    assert "Co-creation for brugere" in my_learning and "Kursusbeviser" in my_learning
