"""The one search every view uses: the search page, the JSON API and autocomplete.

``SiteSearch(user).search(SearchRequest.from_params(request.GET))`` returns a ``SearchOutcome``:
the hits of one result page (type, title, URL, highlighted snippet, meta line), the total, facet
counts by type, phase and district, editors' promoted results and, when nothing matched,
suggestions of close spellings.

What a user can find: live pages of the registered types that their view restrictions let them
see, and the objects that each non-page model's ``searchable_for(user)`` returns (approved
experience posts only). The active locale is searched first; when it has no match at all, the
other locales are searched so a Danish word still finds the Danish page from the English site.

Wagtail's search backend does the matching and ranking. Results of several models are merged by
their scores (both database backends score every model with the same formula); the facet counts
come from the matching rows in the database (or from Elasticsearch aggregations, see
``search/elasticsearch.py``).
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import Substr
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from home import cache_versions
from home.routing import active_locale, tree_version

from .highlight import START_SEL, STOP_SEL, highlight, mark_headline
from .registry import available_types, has_field

PER_PAGE = 10
MAX_PAGES = 50  # deeper than 500 results nobody reads; keeps the merge of sources bounded
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
AUTOCOMPLETE_LIMIT = 8
# Search outcomes are cached (SiteSearch.search) under the content's versions and this one, which
# promotions and index rebuilds move on; the timeout bounds anything else that could go stale.
SEARCH_VERSION = "search"
SEARCH_CACHE_SECONDS = 10 * 60

_WORD = re.compile(r"\w+", re.UNICODE)
# Boolean syntax pasted from other search engines; as words they would only narrow the match.
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def normalise_query(raw):
    """The words of a query, without operators, quotes or punctuation.

    Users type words; FTS5 and tsquery both have operator syntaxes that would otherwise reach the
    database from the search box."""
    words = _WORD.findall((raw or "")[: MAX_QUERY_LENGTH * 5])
    words = [word for word in words if word.strip("_") and word not in _OPERATORS][:MAX_TERMS]
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def _positive_int(value, default=None):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


@dataclass
class SearchRequest:
    query: str = ""
    types: tuple = ()
    phase: int | None = None
    district: int | None = None
    page: int = 1

    @classmethod
    def from_params(cls, params):
        """Read ``q``, ``type`` (repeatable), ``phase``, ``district`` and ``page``; anything
        malformed falls back to its default instead of failing."""
        known = {search_type.key for search_type in available_types()}
        types = tuple(key for key in params.getlist("type") if key in known)
        return cls(
            query=normalise_query(params.get("q", "")),
            types=types,
            phase=_positive_int(params.get("phase")),
            district=_positive_int(params.get("district")),
            page=min(_positive_int(params.get("page"), 1), MAX_PAGES),
        )

    @property
    def has_filters(self):
        return bool(self.types or self.phase or self.district)


@dataclass
class Hit:
    title: str
    url: str
    type_key: str
    type_label: str
    locale: str
    snippet: str = ""
    meta: str = ""
    promoted: bool = False
    obj: object = None
    score: float = 0.0


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchOutcome:
    request: SearchRequest
    hits: list = field(default_factory=list)
    count: int = 0
    promoted: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestions: list = field(default_factory=list)
    other_locales: bool = False

    @property
    def num_pages(self):
        return max(1, min(MAX_PAGES, -(-self.count // PER_PAGE)))

    @property
    def page(self):
        return min(self.request.page, self.num_pages)

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages


# Of a dict returned by ``search_meta()``, the context shown beside a hit, in this order.
META_KEYS = ("course", "case", "district", "phase", "tool", "erfa_day")


def meta_text(meta):
    if not meta:
        return ""
    if isinstance(meta, dict):
        return " · ".join(str(meta[key]) for key in META_KEYS if meta.get(key))
    return str(meta)


def hidden_pages_q(user):
    """A Q matching every page the user may not view (its own or an ancestor's view restriction)."""
    return _hidden_pages(user)[0]


def _hidden_pages(user):
    """(the Q of ``hidden_pages_q``, the ids of the restrictions that hide those pages)."""
    hidden, hiding = Q(), []
    restrictions = list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))
    if not restrictions:
        return None, ()
    group_ids = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
    for restriction in restrictions:
        if _restriction_allows(restriction, user, group_ids):
            continue
        hidden |= Page.objects.descendant_of_q(restriction.page, inclusive=True)
        hiding.append(restriction.pk)
    return (hidden or None), tuple(hiding)


def _restriction_allows(restriction, user, group_ids):
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if user.is_superuser:
            return True
        return any(group.pk in group_ids for group in restriction.groups.all())
    return False  # shared passwords are switched off; a leftover one hides the page from search


def _is_sqlite():
    return connection.vendor == "sqlite"


class SiteSearch:
    operator = "and"

    def __init__(self, user, locale=None, request=None):
        self.user = user
        self.request = request
        self.memo = {}  # per-search lookups shared by the registry's helpers
        self.locale = locale or active_locale()
        self.backend = get_search_backend()
        self.types = available_types()
        self.types_by_key = {search_type.key: search_type for search_type in self.types}
        self._hidden, self._hiding = _hidden_pages(user)

    # --- what a user may find -----------------------------------------------------------------

    def page_types(self):
        return [search_type for search_type in self.types if search_type.is_page]

    def object_types(self):
        return [search_type for search_type in self.types if not search_type.is_page]

    def _content_type_ids(self, search_types):
        content_types = ContentType.objects.get_for_models(*(t.model for t in search_types))
        return [content_type.pk for content_type in content_types.values()]

    def visible_pages(self, model=Page, search_types=None, locale=True):
        """Live pages of the searched types that this user may view, in the active locale."""
        search_types = self.page_types() if search_types is None else search_types
        queryset = model.objects.live().filter(content_type__in=self._content_type_ids(search_types))
        if locale:
            queryset = queryset.filter(locale=self.locale)
        if self._hidden is not None:
            queryset = queryset.exclude(self._hidden)
        return queryset

    def visible_objects(self, search_type, locale=True):
        model = search_type.model
        if search_type.queryset is not None:
            queryset = search_type.queryset(model, self.user)
        else:
            queryset = model.searchable_for(self.user)
        if locale and has_field(model, "locale"):
            queryset = queryset.filter(locale=self.locale)
        return queryset

    # --- filters ------------------------------------------------------------------------------

    def _selected_types(self, request):
        if not request.types:
            return list(self.types)
        return [t for t in self.types if t.key in request.types]

    def _filter_pages(self, queryset, search_types, request):
        """Restrict a page queryset to the chosen types, phase and district. Returns None when no
        chosen type can satisfy the filters."""
        if request.district:
            search_types = [t for t in search_types if has_field(t.model, t.district_field)]
        if request.phase:
            phase_path = self._phase_path(request.phase)
            if phase_path is None:
                return None
            in_phase = Q(path__startswith=phase_path)
            phase_ids = self.phase_ids(request.phase)
            for search_type in search_types:
                if has_field(search_type.model, search_type.phase_field):
                    ids = search_type.model.objects.filter(**{f"{search_type.phase_field}__in": phase_ids})
                    in_phase |= Q(pk__in=ids.values("pk"))
            queryset = queryset.filter(in_phase)
        if not search_types:
            return None
        queryset = queryset.filter(content_type__in=self._content_type_ids(search_types))
        if request.district:
            in_district = Q()
            for search_type in search_types:
                ids = search_type.model.objects.filter(**{search_type.district_field: request.district})
                in_district |= Q(pk__in=ids.values("pk"))
            queryset = queryset.filter(in_district)
        return queryset

    def _filter_objects(self, queryset, search_type, request):
        if request.district:
            if not has_field(search_type.model, search_type.district_field):
                return None
            queryset = queryset.filter(**{search_type.district_field: request.district})
        if request.phase:
            if not has_field(search_type.model, search_type.phase_field):
                return None
            queryset = queryset.filter(**{f"{search_type.phase_field}__in": self.phase_ids(request.phase)})
        return queryset

    def phases(self):
        """The method's phases in the active locale, in their order (cached per search)."""
        if not hasattr(self, "_phases"):
            phase_type = next((t for t in self.types if t.key == "phase"), None)
            if phase_type is None:
                self._phases = []
            else:
                self._phases = list(
                    phase_type.model.objects.live()
                    .filter(locale=self.locale)
                    .order_by("path")
                    .values("pk", "title", "path", "depth", "translation_key")
                )
        return self._phases

    def phase_aliases(self):
        """Every phase page id in any language → the id of that phase in the active locale (the
        facet's value), so a link to the Danish phase counts for the English one (cached)."""
        if not hasattr(self, "_phase_aliases"):
            by_key = {phase["translation_key"]: phase["pk"] for phase in self.phases()}
            self._phase_aliases = {}
            if by_key:
                model = next(t for t in self.types if t.key == "phase").model
                for pk, key in model.objects.filter(translation_key__in=by_key).values_list(
                    "pk", "translation_key"
                ):
                    self._phase_aliases[pk] = by_key[key]
        return self._phase_aliases

    def phase_ids(self, phase_id):
        """The ids of the phase ``phase_id`` in every language."""
        return [pk for pk, alias in self.phase_aliases().items() if alias == phase_id] or [phase_id]

    def _phase_path(self, phase_id):
        return next((phase["path"] for phase in self.phases() if phase["pk"] == phase_id), None)

    # --- the search ---------------------------------------------------------------------------

    def search(self, request):
        """The outcome of ``request``, from the cache when the same search (same words, filters,
        page, language and the same pages hidden from this user) was made since the content
        last changed. A common word costs five full-text queries, 150 ms at 10,000 documents,
        and officers search for the same few words."""
        return cache.get_or_set(self._cache_key(request), lambda: self._search(request), SEARCH_CACHE_SECONDS)

    def _cache_key(self, request):
        from erfa.models.posts import POST_LISTS

        versions = (
            tree_version(),  # pages published, moved, deleted or restricted
            cache_versions.current(POST_LISTS),  # experiences approved or withdrawn
            cache_versions.current("toolbox"),  # glossary terms
            cache_versions.current(SEARCH_VERSION),  # promotions, index rebuilds
        )
        searched = (self.locale.pk, self._hiding, self.uses_elasticsearch, request)
        digest = hashlib.sha256(repr(searched).encode()).hexdigest()
        return f"search:{':'.join(map(str, versions))}:{digest}"

    def _search(self, request):
        outcome = SearchOutcome(request=request)
        if not request.query:
            return outcome
        self.operator = "and"
        self._run(outcome, request, locale=True)
        if outcome.count == 0 and len(request.query.split()) > 1:
            # No page has every word: rank those that have some of them.
            self.operator = "or"
            self._run(outcome, request, locale=True)
        if outcome.count == 0 and not request.has_filters:
            # Nothing in this language: the word may be Danish on the English site.
            self._run(outcome, request, locale=False)
            outcome.other_locales = outcome.count > 0
        if outcome.count == 0:
            from .suggest import suggestions

            outcome.suggestions = suggestions(request.query, self)
        elif outcome.page == 1 and not request.has_filters:
            outcome.promoted = self.promoted(request.query)
        return outcome

    def _run(self, outcome, request, locale):
        if self.uses_elasticsearch:
            return self._run_elasticsearch(outcome, request, locale)
        outcome.facets = self._facets(request, locale)
        # Without filters a source's total is its types' facet counts; no need to count again.
        type_counts = {option.value: option.count for option in outcome.facets["type"]}
        ranked, counts = [], 0
        limit = outcome.request.page * PER_PAGE
        for search_types, results in self._sources(request, locale):
            if request.has_filters:
                count = results.count()
            else:
                count = sum(type_counts.get(search_type.key, 0) for search_type in search_types)
            counts += count
            if count:
                for obj in results[:limit]:
                    ranked.append((self._score(obj), self._type_of(obj, search_types), obj.pk, None))
        outcome.count = counts
        ranked.sort(key=lambda item: item[0], reverse=True)
        start = (outcome.page - 1) * PER_PAGE
        outcome.hits = self._hits(ranked[start : start + PER_PAGE], request.query)

    @property
    def uses_elasticsearch(self):
        from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

        return isinstance(self.backend, ElasticsearchBaseSearchBackend)

    def _run_elasticsearch(self, outcome, request, locale):
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
            request.query,
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
        outcome.hits = self._hits(entries, request.query)
        outcome.facets = self._facet_options(request, counts["type"], counts["phase"], counts["district"])

    def _ranked(self, queryset, query):
        """The database backend's matches for ``query`` as a queryset ordered by relevance, each
        row annotated with ``_score``."""
        results = self.backend.search(query, queryset, operator=self.operator).annotate_score("_score")
        return results.get_queryset()

    def _score(self, obj):
        score = getattr(obj, "_score", 0.0) or 0.0
        # SQLite's bm25() is lower for better matches; PostgreSQL's ts_rank is higher.
        return -score if _is_sqlite() else score

    def _sources(self, request, locale):
        """(types, ranked matches) for pages and for each non-page type the request covers.

        The user's filters are applied to the backend's ranked queryset afterwards, in SQL, so
        they need no ``FilterField`` on the content models."""
        selected = self._selected_types(request)
        sources = []
        page_types = [t for t in selected if t.is_page]
        if page_types:
            pages = self._filter_pages(
                self._ranked(self.visible_pages(locale=locale), request.query), page_types, request
            )
            if pages is not None:
                sources.append((page_types, pages))
        for search_type in selected:
            if search_type.is_page:
                continue
            ranked = self._ranked(self.visible_objects(search_type, locale), request.query)
            objects = self._filter_objects(ranked, search_type, request)
            if objects is not None:
                sources.append(([search_type], objects))
        return sources

    # --- turning matches into hits ------------------------------------------------------------

    def _hits(self, entries, query):
        """Load the objects of one result page (one query per type) with their meta.

        ``entries`` are ``(score, search type, pk, snippet or None)``. Objects are loaded through
        the same visibility filters as the search, so a stale index entry can never show a page
        that has since been unpublished or restricted."""
        by_type = {}
        for _score, search_type, pk, _snippet in entries:
            by_type.setdefault(search_type, []).append(pk)
        loaded = {}
        for search_type, pks in by_type.items():
            related = search_type.select_related or getattr(search_type.model, "search_select_related", ())
            if search_type.is_page:
                queryset = self.visible_pages(search_type.model, [search_type], locale=False)
                queryset = queryset.select_related("locale", *related)
            else:
                queryset = self.visible_objects(search_type, locale=False)
                if has_field(search_type.model, "locale"):
                    related = ("locale", *related)
                if related:
                    queryset = queryset.select_related(*related)
            for obj in queryset.filter(pk__in=pks):
                loaded[(search_type.key, obj.pk)] = obj

        ancestor_titles = self._ancestor_titles(by_type, loaded)
        hits, needs_snippet = [], []
        for score, search_type, pk, snippet in entries:
            obj = loaded.get((search_type.key, pk))
            if obj is None:
                continue
            hit = self._hit(obj, search_type, score, meta=ancestor_titles.get((search_type.key, obj.pk)))
            if snippet is None:
                needs_snippet.append(hit)
            else:
                hit.snippet = mark_headline(snippet)
            hits.append(hit)
        self._add_snippets(needs_snippet, query)
        return hits

    def _ancestor_titles(self, by_type, loaded):
        """Titles of each hit's ``meta_ancestor`` page (one query per ancestor type)."""
        titles = {}
        for search_type in by_type:
            if not (search_type.is_page and search_type.meta_ancestor):
                continue
            try:
                ancestor_model = apps.get_model(search_type.meta_ancestor)
            except LookupError:
                continue
            pages = [
                loaded[(search_type.key, pk)]
                for pk in by_type[search_type]
                if (search_type.key, pk) in loaded
            ]
            prefixes = {page.path[: depth * Page.steplen] for page in pages for depth in range(1, page.depth)}
            ancestors = ancestor_model.objects.filter(path__in=prefixes).values_list("path", "title")
            by_path = dict(ancestors)
            for page in pages:
                for depth in range(page.depth - 1, 0, -1):
                    if title := by_path.get(page.path[: depth * Page.steplen]):
                        titles[(search_type.key, page.pk)] = title
                        break
        return titles

    def _type_of(self, obj, search_types):
        if len(search_types) == 1:
            return search_types[0]
        content_type_id = obj.content_type_id
        for search_type in search_types:
            if ContentType.objects.get_for_model(search_type.model).pk == content_type_id:
                return search_type
        return search_types[0]

    def _hit(self, obj, search_type, score=0.0, meta=None):
        locale = getattr(obj, "locale", None)
        if meta is None and not search_type.meta_ancestor and hasattr(obj, "search_meta"):
            meta = obj.search_meta()
        return Hit(
            title=self._title(obj),
            url=self._url(obj, search_type),
            type_key=search_type.key,
            type_label=str(search_type.label),
            locale=locale.language_code if locale else getattr(obj, "language", ""),
            meta=meta_text(meta),
            obj=obj,
            score=score,
        )

    @staticmethod
    def _title(obj):
        # Pages by their title; other models by their name (a glossary term's ``title`` is what
        # search indexes, not how the term is written).
        return obj.title if isinstance(obj, Page) else str(obj)

    def _url(self, obj, search_type):
        if search_type.url is not None:
            url = search_type.url(obj, self)
        elif search_type.is_page:
            url = obj.get_url(request=self.request)
        else:
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        return url or ""

    def _add_snippets(self, hits, query):
        """Highlighted snippets from the index's plain text of each hit (one query for all)."""
        from wagtail.search.models import IndexEntry

        if not hits:
            return
        condition = Q()
        keys = {}
        for hit in hits:
            model = hit.obj.specific_class if isinstance(hit.obj, Page) else type(hit.obj)
            content_type = ContentType.objects.get_for_model(model)
            condition |= Q(content_type=content_type, object_id=str(hit.obj.pk))
            keys[(content_type.pk, str(hit.obj.pk))] = hit
        entries = IndexEntry.objects.filter(condition)
        if _is_sqlite() or connection.vendor != "postgresql":
            terms = query.split()
            for content_type_id, object_id, body in entries.values_list(
                "content_type_id", "object_id", "body"
            ):
                if hit := keys.get((content_type_id, object_id)):
                    hit.snippet = highlight(body or "", terms)
            return

        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        config = self.backend.config
        headline = SearchHeadline(
            "body_text",
            SearchQuery(" | ".join(query.split()), search_type="raw", config=config),
            config=config,
            start_sel=START_SEL,
            stop_sel=STOP_SEL,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        for content_type_id, object_id, text in entries.annotate(headline=headline).values_list(
            "content_type_id", "object_id", "headline"
        ):
            if hit := keys.get((content_type_id, object_id)):
                hit.snippet = mark_headline(text or "")

    # --- facets -------------------------------------------------------------------------------

    def _matching(self, queryset, query):
        """The rows matching ``query`` as a plain queryset, for counting in SQL."""
        results = self.backend.search(query, queryset, operator=self.operator, order_by_relevance=False)
        return results.get_queryset().order_by()

    def _facets(self, request, locale):
        """Counts for each filter option over the words searched (ignoring the other filters,
        so every option shows what choosing it would give)."""
        query = request.query
        type_counts = {}
        district_counts = {}
        phase_counts = {}
        page_types = self.page_types()
        if page_types:
            matching_pages = self._matching(self.visible_pages(locale=locale), query)
            content_types = ContentType.objects.get_for_models(*(t.model for t in page_types))
            by_content_type = {
                row["content_type"]: row["n"]
                for row in matching_pages.values("content_type").annotate(n=Count("pk"))
            }
            for search_type in page_types:
                type_counts[search_type.key] = by_content_type.get(content_types[search_type.model].pk, 0)
            self._count_pages_by_phase(matching_pages, page_types, phase_counts)
            for search_type in page_types:
                if has_field(search_type.model, search_type.district_field):
                    ids = matching_pages.values("pk")
                    rows = search_type.model.objects.filter(pk__in=ids).values(search_type.district_field)
                    for row in rows.annotate(n=Count("pk")):
                        key = row[search_type.district_field]
                        district_counts[key] = district_counts.get(key, 0) + row["n"]
        for search_type in self.object_types():
            matching = self._matching(self.visible_objects(search_type, locale), query)
            # One grouped query gives the type's total and its district and phase counts.
            group_by = [
                name
                for name in (search_type.district_field, search_type.phase_field)
                if has_field(search_type.model, name)
            ]
            if not group_by:
                type_counts[search_type.key] = matching.count()
                continue
            total = 0
            for row in matching.values(*group_by).annotate(n=Count("pk")):
                total += row["n"]
                for name, counts, key_of in (
                    (search_type.district_field, district_counts, None),
                    (search_type.phase_field, phase_counts, self.phase_aliases()),
                ):
                    if name in group_by and row[name] is not None:
                        key = key_of.get(row[name], row[name]) if key_of is not None else row[name]
                        counts[key] = counts.get(key, 0) + row["n"]
            type_counts[search_type.key] = total
        return self._facet_options(request, type_counts, phase_counts, district_counts)

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

    def _count_pages_by_phase(self, matching_pages, page_types, phase_counts):
        phases = self.phases()
        if not phases:
            return
        depth = phases[0]["depth"]
        by_path = {phase["path"]: phase["pk"] for phase in phases}
        prefix_length = depth * Page.steplen
        rows = (
            matching_pages.filter(
                depth__gte=depth, path__startswith=phases[0]["path"][: (depth - 1) * Page.steplen]
            )
            .annotate(phase_path=Substr("path", 1, prefix_length))
            .values("phase_path")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            if (phase_id := by_path.get(row["phase_path"])) is not None:
                phase_counts[phase_id] = phase_counts.get(phase_id, 0) + row["n"]
        aliases = self.phase_aliases()
        for search_type in page_types:
            if has_field(search_type.model, search_type.phase_field):
                # One row per (phase, page): a case linked to two phases counts in both.
                ids = matching_pages.values("pk")
                rows = search_type.model.objects.filter(pk__in=ids).values(search_type.phase_field)
                for row in rows.annotate(n=Count("pk", distinct=True)):
                    key = aliases.get(row[search_type.phase_field])
                    if key is not None:
                        phase_counts[key] = phase_counts.get(key, 0) + row["n"]

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

    def _type_for_object(self, obj):
        if isinstance(obj, Page):
            content_type_id = obj.content_type_id
            for search_type in self.page_types():
                if ContentType.objects.get_for_model(search_type.model).pk == content_type_id:
                    return search_type
            return None
        return next((t for t in self.object_types() if isinstance(obj, t.model)), None)
