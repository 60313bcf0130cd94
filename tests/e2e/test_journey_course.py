"""Journey 1: a new officer takes the user course from the home page to the certificate, fails and
then passes a quiz, watches the progress bar move, and finds the super-user course unlocked.
Run once with the mouse (checking every page type with axe on the way) and once with the
keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import OFFICER, Keyboard, Mouse, login, screenshot, serious_accessibility_violations

pytestmark = pytest.mark.e2e

LOCKED = "Låst:"


class Journey:
    def __init__(self, page, ui, site_sql, check_accessibility):
        self.page, self.ui, self.sql = page, ui, site_sql
        self.check_accessibility = check_accessibility
        self.violations = {}
        self.seen = set()

    def visit(self, kind):
        """Called on arrival at each page: a screenshot and axe, once per page type."""
        if kind in self.seen:
            return
        self.seen.add(kind)
        if self.check_accessibility:
            screenshot(self.page, f"course-{kind}")
            found = serious_accessibility_violations(self.page)
            if found:
                self.violations[kind] = found

    def progress(self):
        return int(self.page.get_by_role("progressbar").first.get_attribute("aria-valuenow"))

    def answer_quiz(self, right):
        page = self.page
        expect(page.get_by_role("button", name="Aflever")).to_be_visible()
        self.visit("quiz")
        # The form's values are per-attempt tokens: the officer goes by the choices' text.
        fields = {
            box.get_attribute("name") for box in page.locator("form.quiz-form input[name^='question-']").all()
        }
        for field in sorted(fields):
            question_id = int(field.removeprefix("question-"))
            rows = self.sql(
                "SELECT text, is_correct FROM courses_choice WHERE question_id = %s", [question_id]
            )
            correct = sorted(text for text, is_correct in rows if is_correct)
            wanted = correct if right else [next(text for text, is_correct in rows if not is_correct)]
            fieldset = page.locator("fieldset", has=page.locator(f"input[name='{field}']"))
            for text in wanted:
                self.ui.choose(fieldset.get_by_label(text, exact=True))
        self.ui.activate(page.get_by_role("button", name="Aflever"))
        expect(page.locator(".alert-heading").first).to_have_text("Bestået" if right else "Ikke bestået")

    def take_quiz(self, fail_first):
        page = self.page
        quiz_page_url = page.url
        self.ui.activate(page.get_by_role("button", name=re.compile("Start quizzen|Tag quizzen igen")))
        if fail_first:
            self.answer_quiz(right=False)
            self.visit("quiz-result-failed")
            page.goto(quiz_page_url)
            expect(page.get_by_text("Ikke bestået endnu")).to_be_visible()
            self.ui.activate(page.get_by_role("button", name="Tag quizzen igen"))
        self.answer_quiz(right=True)
        self.visit("quiz-review")


def walk_user_course(page, ui, site_sql, check_accessibility, email=OFFICER, name="Mette Holm"):
    journey = Journey(page, ui, site_sql, check_accessibility)
    login(page, email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")

    courses_link = page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Uddannelse")
    ui.activate(courses_link)
    expect(page.locator(".course-card")).to_have_count(2)
    journey.visit("course-index")
    superuser_card = page.locator(".course-card", has_text=LOCKED)
    user_card = page.locator(".course-card", has_not_text=LOCKED)
    expect(superuser_card).to_have_count(1)
    superuser_url = superuser_card.get_by_role("link").first.get_attribute("href")

    ui.activate(user_card.get_by_role("heading").get_by_role("link"))
    course_url = page.url
    journey.visit("course")
    assert journey.progress() == 0
    ui.activate(page.get_by_role("link", name=re.compile("^Start kurset")))

    progress, failed_once = [0], False
    for _ in range(80):
        if page.locator(".lesson-body").count():
            journey.visit("lesson")
        done_button = page.get_by_role("button", name="Marker lektionen som gennemført")
        quiz_button = page.get_by_role("button", name=re.compile("Start quizzen|Tag quizzen igen"))
        if done_button.count():
            ui.activate(done_button)
            expect(page.locator(".messages")).to_contain_text("gennemført")
        elif quiz_button.count():
            if page.locator(".lesson-body").count() == 0:
                journey.visit("module")
            journey.take_quiz(fail_first=not failed_once)
            failed_once = True
        page.goto(course_url)
        progress.append(journey.progress())
        assert progress[-1] > progress[-2], f"the progress bar did not move: {progress}"
        certificate_link = page.get_by_role("link", name="Se dit kursusbevis")
        if certificate_link.count():
            break
        ui.activate(page.get_by_role("link", name=re.compile("^Fortsæt")))
    else:
        raise AssertionError(f"no certificate after {len(progress)} steps: {progress}")
    assert progress[-1] == 100
    assert failed_once, "the course had no quiz to fail and pass"

    ui.activate(certificate_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kursusbevis")
    expect(page.locator(".certificate__name")).to_have_text(name)
    journey.visit("certificate")

    page.goto("/learning/")
    expect(page.get_by_role("heading", name="Kursusbeviser")).to_be_visible()
    journey.visit("my-learning")

    page.goto(superuser_url)
    expect(page.get_by_text("Kurset er låst")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Start kurset"))).to_be_visible()
    journey.visit("superuser-course")
    return journey


@pytest.fixture
def catalogue_courses(page_url):
    if page_url("courses.LessonPage") is None:
        pytest.skip("the catalogue has no courses yet")


def test_officer_takes_the_user_course_to_the_certificate(page, site_sql, catalogue_courses):
    journey = walk_user_course(page, Mouse(page), site_sql, check_accessibility=True)
    assert journey.violations == {}


def test_keyboard_only_officer_takes_the_user_course(page, site_sql, catalogue_courses):
    # Another officer, so the course starts from zero.
    walk_user_course(
        page, Keyboard(page), site_sql, check_accessibility=False, email="anker@politi.dk", name="Jonas Kjær"
    )
