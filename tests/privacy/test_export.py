import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from courses.models import AttemptAnswer, AttemptQuestion, QuizAttempt, ReflectionAnswer

from .conftest import EMAIL, lessons_of, module_of

pytestmark = pytest.mark.django_db


def download(client):
    response = client.get(reverse("privacy:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mine-data-')
    return json.loads(response.content)


def test_my_data_needs_login(client):
    for name in ("privacy:my_data", "privacy:my_data_json"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_download_holds_everything_about_the_person(client, everything, person):
    data = download(client)["sections"]
    profile = data["account"]["datasets"]["profile"]["rows"][0]
    assert profile["email"] == EMAIL and profile["job_title"] == "Politiassistent"
    assert data["account"]["datasets"]["single_sign_on"]["rows"][0]["uid"] == "entra-4711"
    assert len(data["account"]["datasets"]["sessions"]["rows"]) == 1
    courses = data["courses"]["datasets"]
    assert courses["reflections"]["rows"][0]["answer"] == "Jeg, Gunnhild, vil prøve det."
    attempt = courses["quiz_attempts"]["rows"][0]
    assert attempt["passed"] is True
    assert {answer["chosen"][0] for answer in attempt["answers"]} == {"Rigtigt 1", "Rigtigt 2"}
    assert courses["certificates"]["rows"][0]["recipient_name"] == "Gunnhild Zackariassen"
    assert courses["assignments"]["rows"][0]["assigned_by"] == "Bethina Røge"
    assert len(courses["lesson_completions"]["rows"]) == 3
    erfa = data["erfa"]["datasets"]
    assert len(erfa["signups"]["rows"]) == 2
    assert erfa["experience_posts"]["rows"][0]["text"].startswith("Hilsen Gunnhild")
    initiatives = data["initiatives"]["datasets"]
    assert initiatives["initiatives"]["rows"][0]["role"] == ["oprettet af dig", "ankerperson"]
    assert initiatives["memberships"]["rows"][0]["initiative"] == "Tryg i Vestbyen"
    assert initiatives["ripples"]["rows"][0]["description"] == "Skolen tog kontakt"
    assert initiatives["measurements"]["rows"][0]["note"] == "To møder"
    assert initiatives["phase_moves"]["rows"][0]["note"] == "Klar"


def test_the_readable_page_shows_it_in_danish(client, everything, person):
    response = client.get(reverse("privacy:my_data"))
    page = response.content.decode()
    for text in (
        "Mine data",
        "Kurser og læring",
        "Quizforsøg og dine svar",
        "Jeg, Gunnhild, vil prøve det.",
        "Rigtigt besvaret",
        "Download som JSON",
        "Tryg i Vestbyen",
    ):
        assert text in page
    assert f'<a href="{reverse("privacy:my_data")}">Mine data</a>' in page  # in the user menu
    learning = client.get(reverse("courses:my_learning")).content.decode()
    assert f'href="{reverse("privacy:my_data")}">Se mine data' in learning
    saved = client.get(reverse("privacy:my_data") + "?download=1")
    assert saved["Content-Disposition"].endswith('.html"')


def test_only_the_persons_own_data(client, everything, other_learner, user_course):
    ReflectionAnswer.objects.create(
        user=other_learner,
        lesson=lessons_of(user_course)[0],
        block_id="x",
        question="?",
        answer="Oles egne ord",
    )
    client.force_login(other_learner)
    body = json.dumps(download(client))
    assert "Oles egne ord" in body
    # His own history mentions whom he invited; her words and her address are hers alone.
    for hers in ("Jeg, Gunnhild, vil prøve det.", "Hilsen Gunnhild", "entra-4711", EMAIL):
        assert hers not in body
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Oles egne ord" in page and "Jeg, Gunnhild" not in page


def _add_rows(person, course, count):
    lesson = lessons_of(course)[0]
    quiz = module_of(course).quiz
    questions = list(quiz.questions.all())
    ReflectionAnswer.objects.bulk_create(
        ReflectionAnswer(user=person, lesson=lesson, block_id=f"b{n}", question="Q", answer=f"Svar {n}")
        for n in range(count)
    )
    attempts = QuizAttempt.objects.bulk_create(
        QuizAttempt(
            user=person, quiz=quiz, page=module_of(course), number=100 + n, state=QuizAttempt.FINISHED
        )
        for n in range(count)
    )
    asked = AttemptQuestion.objects.bulk_create(
        AttemptQuestion(attempt=attempt, question=question, position=i)
        for attempt in attempts
        for i, question in enumerate(questions)
    )
    AttemptAnswer.objects.bulk_create(
        AttemptAnswer(attempt_question=q, choice=q.question.choices.first()) for q in asked
    )


def test_the_export_reads_the_same_number_of_queries_at_5_and_500_rows(
    client, everything, person, user_course
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            download(client)
        return len(captured)

    _add_rows(person, user_course, 5)
    at_5 = queries()
    _add_rows_more = 495
    ReflectionAnswer.objects.filter(user=person, block_id__startswith="b").delete()
    QuizAttempt.objects.filter(user=person, number__gte=100).delete()
    _add_rows(person, user_course, 5 + _add_rows_more)
    at_500 = queries()
    assert at_5 == at_500
    assert len(download(client)["sections"]["courses"]["datasets"]["quiz_attempts"]["rows"]) == 501


def test_my_data_is_in_english_on_the_english_site(client, everything, person):
    with translation.override("en"):
        url = reverse("privacy:my_data")
    assert url.startswith("/en/")
    html = client.get(url).content.decode()
    assert "Everything the intranet holds about you" in html
    assert "Download as JSON" in html and "Download as an HTML page" in html
    assert "Download som JSON" not in html and "Alt, hvad intranettet gemmer om dig" not in html


def test_the_download_lists_the_names_and_addresses_the_person_had_before(client, person):
    person.last_name = "Vestergaard"
    person.email = "gunnhild.vestergaard@politi.dk"
    person.save()
    client.force_login(person)
    former = download(client)["sections"]["account"]["datasets"]["former_names"]
    assert [(row["kind"], row["value"]) for row in former["rows"]] == [
        ("navn", "Gunnhild Zackariassen"),
        ("e-mail", EMAIL),
    ]
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Tidligere navne og e-mailadresser" in page and "Gunnhild Zackariassen" in page
