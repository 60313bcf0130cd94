"""What a case page shows besides its own fields: actors, results, goals, quotes, the links in both
directions, and the panels other apps add.

Everything but the panels is handed to the template lazily: the template renders it inside a
fragment cache, so a cached case page runs none of these queries.

Page choosers are synchronised across translations, so the links of an English case still point at
Danish pages; they are shown through the linked pages' translations in the case's language."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Page

from home import cache_versions
from home.access import access_key, may_open, readable, visible_to
from home.panels import hook_panels
from home.references import translated_pages_referencing

from .models import CaseInspiration


def localized_links(links, target_name, locale_id):
    """The links as a list, each with ``target``: the linked page in ``locale_id`` when it has a live
    translation there, else the page itself. One query for all translations."""
    links = list(links)
    foreign_keys = {
        getattr(link, target_name).translation_key
        for link in links
        if getattr(link, target_name).locale_id != locale_id
    }
    translations = {}
    if foreign_keys:
        translations = {
            page.translation_key: page
            for page in Page.objects.live().filter(translation_key__in=foreign_keys, locale_id=locale_id)
        }
    for link in links:
        target = getattr(link, target_name)
        link.target = (
            translations.get(target.translation_key, target) if target.locale_id != locale_id else target
        )
    return links


def lessons_about(case_page, user):
    """Live lessons in the case's language that link to the case or one of its translations."""
    # Imported here: courses links to cases (quiz questions), so cases comes first.
    from courses.models import LessonPage

    return [
        lesson for lesson in translated_pages_referencing(case_page, LessonPage) if may_open(lesson, user)
    ]


def case_page_panels(request, case_page):
    """Panels other apps add to a case (e.g. approved ERFA experience posts about it).

    A function registered with ``register_case_page_panels`` receives the request and the case page
    and returns ``None`` or a dict with ``template`` and the context that template needs."""
    return hook_panels("register_case_page_panels", request, case_page)


def case_details(request, page):
    """What the case page shows besides its fields. Every link to another page leaves out the
    pages the reader may not open, so the cached fragments are keyed by what the reader may see
    (``access_key``) as well as the page, its latest revision and the language; a preview renders
    the draft uncached (``{% wagtailcache %}`` in the template)."""
    locale_id = page.locale_id
    user = request.user

    def openable(links):
        return [link for link in links if readable(link.target, user)]

    return {
        "case_cache_key": cache_versions.key(
            cache_versions.CONTENT, "case", page.pk, page.latest_revision_id, get_language(), access_key(user)
        ),
        # The parts search indexes too (CasePage.LISTED, CasePage.shown_quotes).
        **page.listed(),
        "quotes": page.shown_quotes(),
        "inspired": SimpleLazyObject(
            lambda: (
                [
                    link
                    for link in openable(
                        localized_links(
                            page.inspired_links.filter(inspired_case__isnull=False).select_related(
                                "inspired_case"
                            ),
                            "inspired_case",
                            locale_id,
                        )
                    )
                ]
                + list(page.inspired_links.filter(inspired_case__isnull=True))
            )
        ),
        "inspired_by": visible_to(
            CaseInspiration.objects.filter(
                inspired_case__translation_key=page.translation_key,
                case__locale_id=locale_id,
                case__live=True,
            ).select_related("case"),
            user,
            prefix="case__",
        ),
        "phase_links": SimpleLazyObject(
            lambda: openable(
                localized_links(
                    page.phase_links.filter(phase__live=True).select_related("phase"), "phase", locale_id
                )
            )
        ),
        "tool_links": SimpleLazyObject(
            lambda: openable(
                localized_links(
                    page.tool_links.filter(tool__live=True).select_related("tool"), "tool", locale_id
                )
            )
        ),
        "lessons": SimpleLazyObject(lambda: lessons_about(page, user)),
        "case_panels": case_page_panels(request, page),
    }
