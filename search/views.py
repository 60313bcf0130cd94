from django.apps import apps
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from home.access import visible_to
from home.routing import active_locale

from .service import PER_PAGE, SearchRequest, SiteSearch


def _query_string(params, **changes):
    """The current search's parameters with some replaced (for facet and pagination links)."""
    query = params.copy()
    if "page" not in changes:
        query.pop("page", None)  # a new filter starts again at the first page
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


def help_links(request):
    """Where to go when nothing matched: the glossary and the toolbox of the active language."""
    links = []
    locale = active_locale()
    for label, model_label in (
        (_("Slå op i begrebslisten"), "toolbox.GlossaryPage"),
        (_("Gå til værktøjskassen"), "toolbox.ToolboxPage"),
    ):
        pages = visible_to(apps.get_model(model_label).objects.live().filter(locale=locale), request.user)
        page = pages.first()
        if page is not None:
            links.append({"label": label, "url": page.get_url(request=request)})
    return links


@require_GET
def search(request):
    search_request = SearchRequest.from_params(request.GET)
    outcome = SiteSearch(request.user, request=request).search(search_request)
    params = request.GET

    def link(**changes):
        return "?" + _query_string(params, **changes)

    facets = outcome.facets
    for name in ("type", "phase", "district"):
        for option in facets.get(name, []):
            option.url = link(**{name: None if option.selected else option.value})
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": search_request.query,
            "outcome": outcome,
            "facets": facets,
            "clear_filters_url": "?" + _query_string(params, type=None, phase=None, district=None),
            "first_position": (outcome.page - 1) * PER_PAGE + 1,
            "help_links": help_links(request) if search_request.query and not outcome.count else [],
            "previous_url": link(page=str(outcome.page - 1)) if outcome.has_previous else "",
            "next_url": link(page=str(outcome.page + 1)) if outcome.has_next else "",
        },
    )


@require_GET
def autocomplete(request):
    entries = SiteSearch(request.user, request=request).autocomplete(request.GET.get("q", ""))
    return JsonResponse({"results": entries})


@require_GET
def api_search(request):
    """``GET /api/search/?q=&type=&page=``: the search page's results as JSON.

    Anonymous callers get 401 with a JSON body rather than the login redirect the pages use."""
    if not request.user.is_authenticated:
        return JsonResponse({"detail": _("Log ind for at søge.")}, status=401)
    search_request = SearchRequest.from_params(request.GET)
    outcome = SiteSearch(request.user, request=request).search(search_request)
    return JsonResponse(
        {
            "query": search_request.query,
            "count": outcome.count,
            "page": outcome.page,
            "num_pages": outcome.num_pages,
            "results": [
                {
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url) if hit.url else "",
                    "type": hit.type_key,
                    "type_label": hit.type_label,
                    "snippet": str(hit.snippet),
                    "meta": hit.meta,
                    "locale": hit.locale,
                    "promoted": hit.promoted,
                }
                for hit in outcome.promoted + outcome.hits
            ],
            "facets": {
                name: [{"value": o.value, "label": o.label, "count": o.count} for o in options]
                for name, options in outcome.facets.items()
            },
            "suggestions": outcome.suggestions,
            "corrected_query": outcome.corrected_query,
        }
    )
