"""The two halves of the backup test, each run as its own process against its own database:

    python -m tests.operations.backup_probe seed     # before the dump: content, a user, progress, a file
    python -m tests.operations.backup_probe verify   # after the restore: all of it is there and works

`verify` exits non-zero with the reason on stderr when something is missing."""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.documents import get_document_model  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from courses.models import CourseIndexPage, CoursePage, LessonCompletion, LessonPage, ModulePage  # noqa: E402
from courses.progress import mark_lesson_done  # noqa: E402
from home.models import User  # noqa: E402

EMAIL = "backup-probe@politi.dk"
DOCUMENT_TITLE = "Referat fra ERFA-dag (backup-probe)"
DOCUMENT_BYTES = b"%PDF-1.4 referat fra ERFA-dagen i Vordingborg"
SEARCH_WORD = "samskabelse"


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _lessons():
    lessons = list(LessonPage.objects.live().order_by("path")[:3])
    if lessons:
        return lessons
    # The catalogue has no course yet: a small one so there is progress to back up.
    home = Site.objects.get(is_default_site=True).root_page
    index = _publish(home, CourseIndexPage(title="Uddannelse", slug="uddannelse-probe"))
    course = _publish(
        index,
        CoursePage(title="Samskabelse for brugere", slug="bruger-probe", track="bruger", intro="<p>x</p>"),
    )
    module = _publish(course, ModulePage(title="Metoden", slug="metoden"))
    return [
        _publish(module, LessonPage(title=f"Samskabelse lektion {n}", slug=f"lektion-{n}", intro="x"))
        for n in (1, 2)
    ]


def seed():
    user = User.objects.create_user(email=EMAIL, password="backup-probe-password", first_name="Probe")
    for lesson in _lessons():
        mark_lesson_done(user, lesson)
    document = get_document_model()(title=DOCUMENT_TITLE)
    document.file.save("referat.pdf", ContentFile(DOCUMENT_BYTES), save=True)


def fail(reason):
    sys.stderr.write(reason + "\n")
    sys.exit(1)


def verify():
    user = User.objects.filter(email=EMAIL).first() or fail("the user is missing")
    completions = LessonCompletion.objects.filter(user=user).count()
    expected = len(_lessons())
    if completions != expected:
        fail(f"progress: {completions} completed lessons, expected {expected}")

    client = Client()
    client.force_login(user)
    home = client.get("/")
    if home.status_code != 200 or "Velkommen, Probe" not in home.content.decode():
        fail(f"the home page answers {home.status_code} without the greeting")
    lesson = LessonPage.objects.live().first()
    if client.get(lesson.url).status_code != 200:
        fail(f"the lesson page {lesson.url} does not render")

    hits = list(Page.objects.live().search(SEARCH_WORD))
    if not hits:
        fail(f"searching for {SEARCH_WORD!r} finds nothing")

    document = get_document_model().objects.filter(title=DOCUMENT_TITLE).first() or fail(
        "document row missing"
    )
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    if body != DOCUMENT_BYTES:
        fail(f"the document's file is missing or changed (status {response.status_code})")
    sys.stdout.write(f"restored: {completions} completions, {len(hits)} search hits, document intact\n")


if __name__ == "__main__":
    {"seed": seed, "verify": verify}[sys.argv[1]]()
