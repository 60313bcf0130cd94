"""A NUL character anywhere in a request (path, query parameter, form field: name or value) is
answered 400 with the site's own page before any view runs. PostgreSQL refuses NUL in text, so
without that every view that put such a value into a query or a save answered 500 there; these
tests run on SQLite and PostgreSQL alike (the test client re-raises any exception a view lets
out, so a 500 fails the test)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver
from django.utils import translation
from django.utils.regex_helper import normalize

from courses.models import CourseIndexPage, CoursePage, ModulePage, ReflectionAnswer
from tests.cases.conftest import case_index  # noqa: F401
from tests.conftest import page_action
from tests.courses.conftest import add_lesson, add_page

pytestmark = pytest.mark.django_db

MESSAGE = "Ugyldige tegn i forespørgslen"
# What a path converter or a regex group is filled with: an id, a slug or word, a UUID, nothing.
SAMPLES = ["1", "x", "00000000-0000-0000-0000-000000000000", ""]


def _fill(regex):
    """One string that ``regex`` matches at its start, its groups filled with sample values."""
    compiled = re.compile(regex)
    for template, params in normalize(regex):
        for sample in SAMPLES:
            candidate = template % dict.fromkeys(params, sample)
            if compiled.match(candidate):
                return candidate
    return None


def _walk(patterns, prefix=""):
    for pattern in patterns:
        part = _fill(pattern.pattern.regex.pattern)
        assert part is not None, f"no sample path for {prefix}{pattern.pattern}"
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + part)
        else:
            yield "/" + prefix + part


def every_url_pattern():
    """A path for every URL pattern of the project, Danish (no prefix) and English (/en/)."""
    urls = []
    for language in ("da", "en"):
        with translation.override(language):
            urls += _walk(get_resolver().url_patterns)
    return list(dict.fromkeys(urls))


@pytest.fixture
def lesson(home_page):
    index = add_page(home_page, CourseIndexPage(title="Uddannelse", slug="uddannelse"))
    course = add_page(index, CoursePage(title="Co-creation", slug="bruger", track="bruger", intro="<p>x</p>"))
    module = add_page(course, ModulePage(title="Metoden", slug="metoden"))
    return add_lesson(module, 1, body=[("reflection", {"question": "Hvad tager du med?", "hint": ""})])


def reflection_url(lesson):
    return page_action(lesson, "save_reflection", lesson.body[0].id)


def assert_refused(response, where):
    assert response.status_code == 400, (where, response.status_code)


def test_the_url_patterns_are_really_walked():
    urls = every_url_pattern()
    # The walk reaches the apps' own views, Wagtail's admin and allauth, in both languages.
    assert len(urls) > 300
    expected = {"/learning/verify/", "/en/learning/verify/", "/accounts/login/", "/admin/pages/1/edit/"}
    assert expected <= set(urls)


def test_a_nul_in_any_url_patterns_query_or_form_is_refused(client_learner, lesson, case_index):  # noqa: F811
    """Every URL pattern (and a few live pages), GET with ?q=%00 and POST with a NUL in a field."""
    live_pages = [lesson.get_parent().get_parent().url, lesson.url, case_index.url, "/en/"]
    for url in every_url_pattern() + live_pages:
        assert_refused(client_learner.get(url + "?q=%00"), ("GET", url))
        assert_refused(client_learner.post(url, {"q": "a\x00b"}), ("POST", url))


def test_the_known_server_errors_get_a_danish_page_instead(client_learner, lesson, case_index):  # noqa: F811
    # The three 500s on PostgreSQL the issue names: case search, certificate check, a reflection.
    requests = [
        client_learner.get(case_index.url, {"q": "\x00"}),
        client_learner.get("/learning/verify/", {"code": "a\x00b"}),
        client_learner.post(reflection_url(lesson), {"answer": "a\x00b"}),
    ]
    for response in requests:
        assert response.status_code == 400
        page = response.content.decode()
        assert MESSAGE in page
        assert 'class="button button-primary"' in page  # the site's own layout, not a bare error
        assert response.templates[0].name == "home/invalid_characters.html"


def test_the_page_speaks_english_under_en(client_learner):
    response = client_learner.get("/en/learning/verify/", {"code": "a\x00b"})
    assert response.status_code == 400
    assert "Invalid characters in the request" in response.content.decode()


def test_nul_in_names_paths_and_uploads_is_refused_too(client_learner, lesson):
    reflection = reflection_url(lesson)
    assert_refused(client_learner.get("/learning/verify/?co%00de=1"), "a parameter's name")
    assert_refused(client_learner.post(reflection, {"ans\x00wer": "tekst"}), "a field's name")
    assert_refused(client_learner.get("/learning/verify%00/"), "the path")
    assert_refused(client_learner.get("/uddannelse/bruger%00/"), "a page's path")
    upload = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert_refused(client_learner.post(reflection, {"answer": "a\x00b", "file": upload}), "multipart field")
    upload = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert_refused(client_learner.post(reflection, {"fi\x00le": upload}), "a file field's name")


def test_anonymous_visitors_get_the_same_refusal(client):
    response = client.get("/accounts/login/", {"next": "/\x00"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def test_clean_requests_go_through(client_learner, learner, lesson):
    verified = client_learner.get("/learning/verify/", {"code": "ABC-123"})
    assert verified.status_code != 400 and MESSAGE not in verified.content.decode()
    # Other control characters are text PostgreSQL stores: only NUL is refused.
    response = client_learner.post(reflection_url(lesson), {"answer": "Æble\x01"})
    assert response.status_code == 302
    assert ReflectionAnswer.objects.get(user=learner).answer == "Æble\x01"


def test_a_session_cookie_with_a_nul_is_no_session_not_a_server_error(client, learner):
    # Django's session middleware looks the key up before any of ours runs; on PostgreSQL a NUL
    # in that lookup was a 500 (home/sessions.py).
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnopqrstuvwxyz012345"
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(learner)
    assert client.get("/").status_code == 200  # a real session still works
