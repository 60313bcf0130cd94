"""The one search every view uses: the search page, the JSON API and autocomplete.

``SiteSearch(user).search(SearchRequest.from_params(request.GET))`` returns a ``SearchOutcome``:
the hits of one result page (type, title, URL, highlighted snippet, meta line), the total, facet
counts by type, phase and district, editors' promoted results, the corrected query when the words
as typed found nothing ("Mente du") and, when nothing matched at all, suggestions of close titles.

What a user can find: live pages of the registered types that their view restrictions let them
see, and the objects that each non-page model's ``searchable_for(user)`` returns (approved
experience posts only). The active locale is searched first; when it has no match at all, the
other locales are searched so a Danish word still finds the Danish page from the English site.

On the database backends the index Wagtail keeps is matched once per source
(search/matching.py): the hits, their total and the type, phase and district counts all come from
those rows, scored with the backend's own formula so the models merge by score. A query that
finds nothing is retried with its typos corrected and its compounds split against the vocabulary
(search/vocabulary.py), then with any of its words, then in the other languages. On
Elasticsearch one request does it all (search/elasticsearch.py).
"""

import hashlib

from wagtail.search.backends import get_search_backend

from home import cache_versions
from home.access import access_key
from home.routing import active_locale

from .database import DatabaseMatching
from .hits import HitBuilding
from .query import MAX_PAGES, PER_PAGE, FacetOption, SearchOutcome, SearchRequest, normalise_query
from .registry import available_types
from .text import terms_of
from .visibility import VisibleToUser

__all__ = ["MAX_PAGES", "PER_PAGE", "SearchOutcome", "SearchRequest", "SiteSearch", "normalise_query"]

AUTOCOMPLETE_LIMIT = 8
# Search outcomes are cached (SiteSearch.search) under the content and posts versions; the timeout
# bounds anything else that could go stale.
SEARCH_CACHE_SECONDS = 10 * 60
# What a cached outcome shows: pages, restrictions, glossary terms, promotions and vocabulary
# rebuilds (content); experiences decided and initiatives changed (posts).
OUTCOME_FAMILIES = (cache_versions.CONTENT, cache_versions.POSTS)


class SiteSearch(VisibleToUser, DatabaseMatching, HitBuilding):
    """One user's search, in one language; the jobs it is made of are in search/visibility.py,
    search/database.py (or search/elasticsearch.py) and search/hits.py."""

    operator = "and"

    def __init__(self, user, locale=None, request=None):
        self.user = user
        self.request = request
        self.memo = {}  # per-search lookups shared by the registry's helpers
        self.locale = locale or active_locale()
        self.backend = get_search_backend()
        self.types = available_types()
        self.types_by_key = {search_type.key: search_type for search_type in self.types}
        # Names the pages hidden from this user, for the cache keys of outcomes and facts.
        self._hiding = access_key(user)

    # --- filters ------------------------------------------------------------------------------

    def phases(self):
        """The method's phases in the active locale, in their order (cached)."""
        return self._phase_facts()[0]

    def phase_aliases(self):
        """Every phase page id in any language → the id of that phase in the active locale (the
        facet's value), so a link to the Danish phase counts for the English one (cached)."""
        return self._phase_facts()[1]

    def _phase_facts(self):
        """(phases, aliases): the same for every search in a locale, so kept in the cache under
        the content version, and on the search for its own repeated calls."""
        if not hasattr(self, "_phases"):
            self._phases = self.search_fact("phases", self.locale.pk, compute=self._load_phase_facts)
        return self._phases

    def _load_phase_facts(self):
        phase_type = next((t for t in self.types if t.key == "phase"), None)
        if phase_type is None:
            return [], {}
        phases = list(
            phase_type.model.objects.live()
            .filter(locale=self.locale)
            .order_by("path")
            .values("pk", "title", "path", "depth", "translation_key")
        )
        by_key = {phase["translation_key"]: phase["pk"] for phase in phases}
        aliases = {}
        if by_key:
            for pk, key in phase_type.model.objects.filter(translation_key__in=by_key).values_list(
                "pk", "translation_key"
            ):
                aliases[pk] = by_key[key]
        return phases, aliases

    def phase_ids(self, phase_id):
        """The ids of the phase ``phase_id`` in every language."""
        return [pk for pk, alias in self.phase_aliases().items() if alias == phase_id] or [phase_id]

    # --- the search ---------------------------------------------------------------------------

    def search(self, request):
        """The outcome of ``request``, from the cache when the same search (same words, filters,
        page, language and the same pages hidden from this user) was made since the content
        last changed: officers search for the same few words."""
        return cache_versions.cached(
            OUTCOME_FAMILIES,
            "search",
            self._digest(request),
            compute=lambda: self._search(request),
            timeout=SEARCH_CACHE_SECONDS,
        )

    def _cache_key(self, request):
        """The key ``search`` caches the outcome of ``request`` under."""
        return cache_versions.key(OUTCOME_FAMILIES, "search", self._digest(request))

    def _digest(self, request):
        scopes = tuple(t.cache_scope(self.user) for t in self.object_types() if t.cache_scope is not None)
        searched = (self.locale.pk, self._hiding, self.uses_elasticsearch, scopes, request)
        return hashlib.sha256(repr(searched).encode()).hexdigest()

    def _search(self, request):
        outcome = SearchOutcome(request=request)
        if not request.query:
            return outcome
        terms = terms_of(request.query)
        self.operator = "and"
        self._run(outcome, request, terms, locale=True)
        from . import vocabulary

        # Words the content does not have: a compound split into its parts, a typo corrected to
        # the word of the vocabulary it is one or two letters from.
        rewritten, corrected = vocabulary.rewrite(terms, self.locale.language_code)
        if outcome.count == 0:
            if rewritten != terms:
                terms = rewritten
                self._run(outcome, request, terms, locale=True)
        elif corrected:
            # A misspelt word can still match a little: on SQLite, whose index keeps words as
            # written, the stem of "samskabelsse" ("samskabels") is the start of a few words.
            # When the word the content has finds more, those are the results the officer meant.
            trial = SearchOutcome(request=request)
            self._run(trial, request, rewritten, locale=True)
            if trial.count > outcome.count:
                outcome, terms = trial, rewritten
            else:
                corrected = None
        if outcome.count == 0 and len(terms) > 1:
            # No page has every word: rank those that have some of them.
            self.operator = "or"
            self._run(outcome, request, terms, locale=True)
        if outcome.count == 0 and not request.has_filters:
            # Nothing in this language: the word may be Danish on the English site.
            self._run(outcome, request, terms, locale=False)
            outcome.other_locales = outcome.count > 0
        if outcome.count == 0:
            from .suggest import suggestions

            outcome.suggestions = suggestions(request.query, self)
        else:
            outcome.corrected_query = corrected or ""
            if outcome.page == 1 and not request.has_filters:
                outcome.promoted = self.promoted(request.query)
        return outcome

    def _run(self, outcome, request, terms, locale):
        if self.uses_elasticsearch:
            return self._run_elasticsearch(outcome, request, " ".join(term.word for term in terms), locale)
        self._run_database(outcome, request, terms, locale)

    @property
    def uses_elasticsearch(self):
        from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

        return isinstance(self.backend, ElasticsearchBaseSearchBackend)

    def _run_elasticsearch(self, outcome, request, query, locale):
        """One Elasticsearch request: hits, highlights and facet counts (search/elasticsearch.py)."""
        from . import elasticsearch

        sources = []
        if self.page_types():
            sources.append((self.visible_pages(locale=locale), self.page_types()))
        for search_type in self.object_types():
            sources.append((self.visible_objects(search_type, locale), [search_type]))
        if not sources:
            return
        start = (outcome.page - 1) * PER_PAGE
        search = elasticsearch.build_search(
            self.backend,
            sources,
            query,
            self.operator,
            request=request,
            phases=self.phases(),
            start=start,
            stop=start + PER_PAGE,
            phase_aliases=self.phase_aliases(),
        )
        response = search.execute()
        entries, counts = elasticsearch.read_response(response, self.types, self.phase_aliases())
        outcome.count = response.hits.total.value
        outcome.hits = self._hits(entries, terms_of(query))
        outcome.facets = self._facet_options(request, counts["type"], counts["phase"], counts["district"])

    def _facet_options(self, request, type_counts, phase_counts, district_counts):
        return {
            "type": [
                FacetOption(t.key, str(t.label), type_counts.get(t.key, 0), t.key in request.types)
                for t in self.types
            ],
            "phase": [
                FacetOption(
                    str(phase["pk"]),
                    phase["title"],
                    phase_counts.get(phase["pk"], 0),
                    phase["pk"] == request.phase,
                )
                for phase in self.phases()
            ],
            "district": self._district_options(district_counts, request.district),
        }

    def _district_options(self, district_counts, selected):
        from home.models import District

        if not district_counts:
            return []
        districts = District.objects.filter(pk__in=[pk for pk in district_counts if pk is not None])
        return [
            FacetOption(
                str(district.pk), district.name, district_counts[district.pk], district.pk == selected
            )
            for district in districts
        ]

    # --- promotions and autocomplete ----------------------------------------------------------

    def promoted(self, query):
        """Editors' picks for this query (wagtail.contrib.search_promotions), only pages the user
        may see, in the active locale."""
        from wagtail.contrib.search_promotions.models import SearchPromotion
        from wagtail.search.utils import normalise_query_string

        visible = self.visible_pages(search_types=self.page_types()) if self.page_types() else None
        promotions = SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        promotions = promotions.order_by("sort_order").select_related("page")
        promoted_pages = [p for p in promotions if p.page_id is not None]
        if not promoted_pages or visible is None:
            return []
        visible_ids = set(
            visible.filter(pk__in=[p.page_id for p in promoted_pages]).values_list("pk", flat=True)
        )
        hits = []
        for promotion in promoted_pages:
            if promotion.page_id not in visible_ids:
                continue
            page = promotion.page.specific
            search_type = next(t for t in self.page_types() if isinstance(page, t.model))
            hit = self._hit(page, search_type)
            hit.promoted = True
            hit.snippet = promotion.description
            hits.append(hit)
        return hits

    def autocomplete(self, raw_query, limit=AUTOCOMPLETE_LIMIT):
        """Titles (and glossary terms) starting with what the user has typed so far."""
        query = normalise_query(raw_query)
        if len(query) < 2:
            return []
        suggestions = []
        if self.page_types():
            for page in self.backend.autocomplete(query, self.visible_pages())[:limit]:
                suggestions.append(page)
        for search_type in self.object_types():
            model = search_type.model
            if not model.get_autocomplete_search_fields():
                continue
            suggestions.extend(self.backend.autocomplete(query, self.visible_objects(search_type))[:limit])
        entries = []
        for obj in suggestions[:limit]:
            search_type = self._type_for_object(obj)
            if search_type is None:
                continue
            url = self._url(obj, search_type)
            entries.append({"title": self._title(obj), "url": url, "type": str(search_type.label)})
        return entries
