import pytest
from django.urls import reverse
from wagtail import hooks
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cases.models import CaseInspiration, CasePage, CasePhaseLink, CaseResult, Quote
from home.models import District

from .conftest import make_case, page_queries

pytestmark = pytest.mark.django_db


def test_case_page_shows_facts_actors_results_and_quotes(client_learner, three_cases, quote):
    case = three_cases["naestved"]
    CaseResult.objects.create(case=case, text='Podcast "Stoffer til eftertanke".')
    response = client_learner.get(case.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sydsjællands og Lolland-Falsters Politi" in html
    assert "Næstved Taxa" in html and "Virksomhed" in html
    assert "Podcast &quot;Stoffer til eftertanke&quot;." in html
    assert "Vi har fandeme nået meget det første år." in html
    assert "Simon Rubæk, Craizy Daisy" in html
    assert "Hvordan skaber vi sammen tryghed i NæverZone" in html


def test_case_page_shows_both_sides_of_an_inspiration(client_learner, three_cases):
    source, inspired = three_cases["naestved"], three_cases["hjoerring"]
    CaseInspiration.objects.create(
        case=source, inspired_case=inspired, note="Samme model for tryghedsvandringer."
    )
    CaseInspiration.objects.create(case=source, inspired_initiative="Narkoindsatsen i Frederikshavn")

    source_html = client_learner.get(source.url).content.decode()
    assert "Har inspireret" in source_html
    assert f'href="{inspired.url}"' in source_html
    assert "Narkoindsatsen i Frederikshavn" in source_html

    inspired_html = client_learner.get(inspired.url).content.decode()
    assert "Inspireret af" in inspired_html
    assert f'href="{source.url}"' in inspired_html
    assert "Samme model for tryghedsvandringer." in inspired_html


def test_case_page_links_to_its_toolbox_phase(client_learner, three_cases, phase_page):
    case = three_cases["hjoerring"]
    CasePhaseLink.objects.create(case=case, phase=phase_page, note="Studerende stod for kortlægningen.")
    html = client_learner.get(case.url).content.decode()
    assert f'href="{phase_page.url}"' in html
    assert "Fase 2 – Kortlægning" in html
    # The toolbox side queries the same model to list the cases illustrating the phase.
    assert list(CasePhaseLink.objects.filter(phase=phase_page).values_list("case__title", flat=True)) == [
        case.title
    ]


def test_case_page_renders_panels_other_apps_register(client_learner, three_cases):
    def erfa_panel(request, case_page):
        quote = {"text": f"ERFA om {case_page.title}", "attribution": "ERFA-dag 2021"}
        return {"template": "cases/includes/quote_panel.html", "quote": quote}

    with hooks.register_temporarily("register_case_page_panels", erfa_panel):
        html = client_learner.get(three_cases["aalborg"].url).content.decode()
    assert "ERFA om Et trygt natteliv i Aalborg" in html


def test_case_page_cache_is_refreshed_when_a_quote_changes(client_learner, three_cases, quote):
    case = three_cases["naestved"]
    assert "fandeme" in client_learner.get(case.url).content.decode()
    quote.text = "Al begyndelse er svær."
    quote.save()
    html = client_learner.get(case.url).content.decode()
    assert "Al begyndelse er svær." in html and "fandeme" not in html


def test_anonymous_visitor_is_sent_to_login(client, three_cases):
    response = client.get(three_cases["aalborg"].url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_case_page_queries_do_not_grow_with_the_catalogue(
    client_learner, home_page, case_index, three_cases, actors
):
    case = three_cases["naestved"]
    client_learner.get(home_page.url)
    _, home_cached = page_queries(client_learner, home_page.url)
    for n in range(2):
        make_case(case_index, f"Ekstra case {n}", actors=[(actors["taxa"], "")], results=["Et resultat"])
    client_learner.get(case.url)  # per-process lookups (content types) happen once, not per page
    cold_with_5, warm_with_5 = page_queries(client_learner, case.url)
    print(f"case page queries: {cold_with_5} with an empty cache, {warm_with_5} cached")

    for n in range(495):
        make_case(case_index, f"Case nummer {n}", actors=[(actors["taxa"], "")], results=["Et resultat"])
    assert CasePage.objects.count() == 500
    assert page_queries(client_learner, case.url) == (cold_with_5, warm_with_5)
    # Cached, a case page costs the user, Wagtail's site, locale and home page look-ups, its
    # routing (two) and one query for each live panel another app adds (ERFA experiences): well
    # within the project's budget of 12 for any signed-in page. (An empty cache, after a publish,
    # costs more once: the fragments are built again.)
    panels = len(hooks.get_hooks("register_case_page_panels"))
    assert warm_with_5 <= 5 + panels


def case_form_data(title, district, **overrides):
    data = {
        "title": title,
        "slug": "hjoerring-fri-for-indbrud",
        "summary": "Borgere, kommune og politi samarbejder om færre indbrud.",
        "challenge": "Hvordan får vi sammen færre indbrud i Hjørring?",
        "district": district.pk,
        "place": "Hjørring Kommune",
        "start_year": "2015",
        "status": "active",
        "phase_reached": "6",
        "anchor_person_name": "",
        "anchor_person_role": "",
        "body": streamfield([]),
        "case_actors": inline_formset([]),
        "results": inline_formset([{"text": "Borgermøder med fokus på forebyggelse af indbrud."}]),
        "goals": inline_formset([]),
        "ripple_effects": inline_formset([]),
        "phase_links": inline_formset([]),
        "tool_links": inline_formset([]),
        "inspired_links": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_specialist_publishes_a_new_case_in_the_admin(client_specialist, case_index):
    district = District.objects.get(slug="nordjylland")
    url = reverse("wagtailadmin_pages:add", args=("cases", "casepage", case_index.pk))
    assert client_specialist.get(url).status_code == 200
    response = client_specialist.post(url, case_form_data("Hjørring – Fri for Indbrud", district))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    case = CasePage.objects.get(title="Hjørring – Fri for Indbrud")
    assert case.live and case.district == district
    assert [result.text for result in case.results.all()] == [
        "Borgermøder med fokus på forebyggelse af indbrud."
    ]


def test_a_case_links_only_a_phase_page_as_its_phase(client_specialist, case_index, phase_page, tool_page):
    """A form sent with a tool's id as the phase (the chooser offers only phases, so only a tampered
    form can) is refused with a message on the field, and no case is saved."""
    district = District.objects.get(slug="nordjylland")
    url = reverse("wagtailadmin_pages:add", args=("cases", "casepage", case_index.pk))
    html = client_specialist.get(url).content.decode()
    assert "toolbox.phasepage" in html and "toolbox.toolpage" in html

    def sent_with_phase(page):
        links = inline_formset([{"phase": page.pk, "note": "Kortlægningen af nattelivet."}])
        data = case_form_data("Hjørring – Fri for Indbrud", district, phase_links=links)
        return client_specialist.post(url, data)

    refused = sent_with_phase(tool_page)
    assert refused.status_code == 200
    assert "er ikke blandt de tilgængelige valgmuligheder" in refused.content.decode()
    assert not CasePage.objects.filter(title="Hjørring – Fri for Indbrud").exists()
    assert not CasePhaseLink.objects.exists()

    assert sent_with_phase(phase_page).status_code == 302
    case = CasePage.objects.get(title="Hjørring – Fri for Indbrud")
    assert [link.phase for link in case.phase_links.all()] == [phase_page]


def test_learner_cannot_create_a_case(client_learner, case_index):
    district = District.objects.get(slug="nordjylland")
    url = reverse("wagtailadmin_pages:add", args=("cases", "casepage", case_index.pk))
    assert client_learner.get(url).status_code in (302, 403)
    client_learner.post(url, case_form_data("Ikke tilladt", district))
    assert not CasePage.objects.filter(title="Ikke tilladt").exists()


def test_editor_can_add_actors_and_quotes_as_snippets(client_editor, danish):
    response = client_editor.post(
        reverse("wagtailsnippets_cases_actor:add"), {"name": "Falck", "actor_type": "business"}
    )
    assert response.status_code == 302
    response = client_editor.post(
        reverse("wagtailsnippets_cases_quote:add") + "?locale=da",
        {
            "text": "Det har været det hele værd.",
            "person": "",
            "role": "",
            "organisation": "",
            "voice": "partner",
            "case": "",
            "sort_order": 0,
            "locale": danish.pk,
        },
    )
    assert response.status_code == 302
    assert Quote.objects.filter(text="Det har været det hele værd.").exists()


def test_home_page_shows_a_quote_of_the_day(client_learner, home_page, quote):
    html = client_learner.get(home_page.url).content.decode()
    assert "Dagens stemme fra casene" in html
    assert "Vi har fandeme nået meget det første år." in html
    assert f'href="{quote.case.url}"' in html


def test_editor_can_open_a_case_and_the_case_snippets_in_the_admin(client_editor, three_cases, phase_page):
    case = three_cases["hjoerring"]
    CasePhaseLink.objects.create(case=case, phase=phase_page)
    response = client_editor.get(reverse("wagtailadmin_pages:edit", args=(case.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aktører og resultater" in html and "Forbindelser" in html
    for name in ("actor", "theme", "quote"):
        assert client_editor.get(reverse(f"wagtailsnippets_cases_{name}:list")).status_code == 200


def test_case_page_lists_the_lessons_that_refer_to_it(client_learner, home_page, three_cases):
    from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
    from tests.courses.conftest import add_page

    case, other = three_cases["naestved"], three_cases["aalborg"]
    # Seen before the lessons exist: publishing a lesson must refresh the cached case page.
    assert "Lektioner om casen" not in client_learner.get(case.url).content.decode()

    index = add_page(home_page, CourseIndexPage(title="Uddannelse", slug="uddannelse"))
    course = add_page(index, CoursePage(title="Co-creation", slug="bruger", track="bruger", intro="<p>x</p>"))
    module = add_page(course, ModulePage(title="Metoden", slug="metoden"))
    for slug, title, target in [("naest", "Narkotika i nattelivet", case), ("aalb", "Taxaerne", other)]:
        reference = {"case": target, "section": "results-heading", "note": "Se resultaterne."}
        add_page(module, LessonPage(title=title, slug=slug, body=[("case_reference", reference)]))

    html = client_learner.get(case.url).content.decode()
    lessons = html[html.index("Lektioner om casen") :]
    lesson = LessonPage.objects.get(slug="naest")
    assert f'<a href="{lesson.url}">Narkotika i nattelivet</a>' in lessons
    assert "Taxaerne" not in html
