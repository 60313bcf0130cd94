"""What a search asks and what it answers: the request read from the URL, the hits, the facet
options and the outcome the search page, the JSON API and the tests read. Plain data, no queries."""

import re
from dataclasses import dataclass, field

from .registry import available_types

PER_PAGE = 10
MAX_PAGES = 50  # deeper than 500 results nobody reads; keeps the merge of sources bounded
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

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


@dataclass(eq=False)
class Match:
    """One object matching the query, with what the filters need: its district and the phases
    (of the active locale) it belongs to, by the tree or by its links."""

    search_type: object
    pk: int
    score: float
    district: int | None = None
    phases: set = field(default_factory=set)

    def passes(self, request):
        if request.types and self.search_type.key not in request.types:
            return False
        if request.district and self.district != request.district:
            return False
        return not request.phase or request.phase in self.phases


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
    # The query with its typos corrected, when the words as typed found nothing and these did.
    corrected_query: str = ""

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
