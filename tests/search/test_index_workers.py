"""Search index updates leave the editor's request: with a broker, real Celery workers write the
index entry and the vocabulary after the transaction commits (config/task_backend.py), and a
search cached before they ran is not served stale."""

import pytest
from django.urls import reverse
from wagtail.search.models import IndexEntry

from config.celery import app as celery_app
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from search.models import VocabularyWord
from tests.celery_workers import (
    BROKER_URL,
    new_queue,
    running_workers,
    skip_without_postgres_and_redis,
    wait_until,
)
from tests.conftest import add_page

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RUN = "home.tasks.run_django_task"
INDEX = "search.tasks.index_and_add_words"


@pytest.fixture
def queue():
    """This process sends its tasks to the broker, as a web server with REDIS_URL does."""
    skip_without_postgres_and_redis()
    queue = new_queue()
    conf = celery_app.conf
    saved = {name: conf[name] for name in ("task_always_eager", "broker_url", "task_default_queue")}
    conf.update(task_always_eager=False, broker_url=BROKER_URL, task_default_queue=queue)
    yield queue
    conf.update(saved)


def titles(client, q):
    return [result["title"] for result in client.get(reverse("search_api"), {"q": q}).json()["results"]]


def test_workers_index_a_published_lesson_once_however_often_it_is_queued(
    queue, tmp_path, client_learner, home_page
):
    index = add_page(home_page, CourseIndexPage(title="Uddannelse", slug="uddannelse", intro="Kurserne."))
    course = add_page(
        index,
        CoursePage(
            title="Co-creation for brugere", slug="bruger", track="bruger", intro="<p>Grundkursus</p>"
        ),
    )
    module = add_page(course, ModulePage(title="Metoden", slug="metoden", intro="Metodens faser."))
    lesson = add_page(
        module,
        LessonPage(
            title="Borgerne går med",
            slug="borgerne-gaar-med",
            intro="Tryghedsvandringer med borgerne.",
            body=[("text", "<p>Vandrestafetten samler beboere, skole og politi én aften om måneden.</p>")],
        ),
    )

    # The editor's requests are over, and no worker has run: the index does not know the lesson.
    assert not IndexEntry.objects.filter(object_id=str(lesson.pk)).exists()
    assert "Borgerne går med" not in titles(client_learner, "vandrestafetten")  # and that is cached

    with running_workers(tmp_path, queue) as client:
        wait_until(lambda: titles(client_learner, "vandrestafetten") == ["Borgerne går med"])
        # The workers added its words to the vocabulary: a typo of the new word is corrected to it.
        assert VocabularyWord.objects.filter(language="da", word="vandrestafetten").exists()
        typo = client_learner.get(reverse("search_api"), {"q": "vandrsetafetten"}).json()
        assert typo["corrected_query"] == "vandrestafetten"
        assert [result["title"] for result in typo["results"]] == ["Borgerne går med"]

        # The same update queued again, four times at once to the two workers, and one for a
        # page deleted before a worker got to it: each task completes, without an error.
        lesson_args = ["courses", "lessonpage", str(lesson.pk)]
        results = [client.send_task(RUN, args=[INDEX, lesson_args, {}]) for _ in range(4)]
        results.append(client.send_task(RUN, args=[INDEX, ["courses", "lessonpage", "987654"], {}]))
        assert [result.get(timeout=120) for result in results] == [None] * 5
        assert {result.worker.split("@")[0][:2] for result in results} == {"w1", "w2"}

    assert IndexEntry.objects.filter(object_id=str(lesson.pk), content_type__model="lessonpage").count() == 1
    assert titles(client_learner, "vandrestafetten") == ["Borgerne går med"]
