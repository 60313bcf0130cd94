"""The case index's filters: district, theme, status, phase, actor type and year, with counts,
free text, sorting and pagination, all from the query string so every view is a shareable URL.

The facts every filter needs (one small row per case plus its themes and actor types) are read in
three queries and cached; filtering, counting, sorting and paging then happen in Python. A page
therefore costs the same number of queries with 5 cases as with 500, and only the cases shown are
loaded as pages. Free text goes through Wagtail search on the index's live cases; its hits are
intersected with the other filters, so the counts beside each value include the search too."""

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from home import cache_versions
from home.access import access_key, visible_to
from home.models import District
from toolbox.phases import Phase

from .cache import TIMEOUT
from .models import ActorType, CaseActor, CasePage, Theme
from .models.pages import Status

PER_PAGE = 12
MAX_QUERY_LENGTH = 200

SORTS = {
    "title": gettext_lazy("Titel (A–Å)"),
    "newest": gettext_lazy("Nyeste først"),
    "oldest": gettext_lazy("Ældste først"),
    "phase": gettext_lazy("Længst i forløbet"),
}
RELEVANCE = "relevance"


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list = field(default_factory=list)

    @property
    def selected(self):
        return [value for value in self.values if value.selected]


def _facts(index_page, user):
    """Per case the user may open: id, title, district, status, phase, year, theme ids and actor
    types (cached per set of restrictions hiding cases, not per user)."""
    return cache_versions.cached(
        cache_versions.CONTENT,
        "cases:facts",
        index_page.pk,
        access_key(user),
        compute=lambda: _load_facts(index_page, user),
        timeout=TIMEOUT,
    )


def _load_facts(index_page, user):
    cases = visible_to(CasePage.objects.live().child_of(index_page), user)
    rows = {
        pk: {
            "id": pk,
            "title": title,
            "district": district_id,
            "status": status,
            "phase": phase,
            "year": year,
            "themes": set(),
            "actor_types": set(),
        }
        for pk, title, district_id, status, phase, year in cases.values_list(
            "pk", "title", "district_id", "status", "phase_reached", "start_year"
        )
    }
    case_ids = cases.values("pk")
    for case_id, theme_id in CasePage.themes.through.objects.filter(casepage_id__in=case_ids).values_list(
        "casepage_id", "theme_id"
    ):
        rows[case_id]["themes"].add(theme_id)
    for case_id, actor_type in (
        CaseActor.objects.filter(case_id__in=case_ids).values_list("case_id", "actor__actor_type").distinct()
    ):
        rows[case_id]["actor_types"].add(actor_type)
    return list(rows.values())


def _vocabulary():
    """Districts and themes by id, for labels and slugs in the filter form."""
    return cache_versions.cached(
        cache_versions.CONTENT,
        "cases:vocabulary",
        compute=lambda: {
            "districts": {d.pk: (d.slug, d.name) for d in District.objects.all()},
            "themes": {t.pk: (t.slug, t.name, t.name_en) for t in Theme.objects.all()},
        },
        timeout=TIMEOUT,
    )


class CaseCatalogue:
    """The filtered, sorted, paged list of cases under one index page, for one request."""

    def __init__(self, index_page, request):
        self.index_page = index_page
        self.params = request.GET
        self.problems = []
        vocabulary = _vocabulary()
        english = (get_language() or "").startswith("en")
        self.district_choices = {slug: (pk, name) for pk, (slug, name) in vocabulary["districts"].items()}
        self.theme_choices = {
            slug: (pk, (name_en if english and name_en else name))
            for pk, (slug, name, name_en) in vocabulary["themes"].items()
        }
        self.facts = _facts(index_page, request.user)
        self.query = self._read_query()
        self.selected = self._read_filters()
        self.sort = self._read_sort()
        matching = self._search_hits()
        self.matches = [case for case in self.facts if matching is None or case["id"] in matching]
        self.filtered = [case for case in self.matches if self._passes(case)]
        self.facets = self._build_facets()
        self.page_obj = self._paginate(self._sorted(self.filtered, matching))

    # --- reading the query string; a value that means nothing is reported, never an error page
    def _read_query(self):
        query = " ".join(self.params.get("q", "").split())
        if len(query) > MAX_QUERY_LENGTH:
            self.problems.append(
                _("Søgeteksten er for lang; kun de første %d tegn er brugt.") % MAX_QUERY_LENGTH
            )
            query = query[:MAX_QUERY_LENGTH]
        return query

    def _read_filters(self):
        readers = {
            "district": (lambda raw: self.district_choices[raw][0], _("politikreds")),
            "theme": (lambda raw: self.theme_choices[raw][0], _("tema")),
            "status": (lambda raw: Status(raw).value, _("status")),
            "phase": (lambda raw: Phase(int(raw)).value, _("fase")),
            "actor_type": (lambda raw: ActorType(raw).value, _("aktørtype")),
            "year": (int, _("år")),
        }
        selected = {}
        for name, (read, label) in readers.items():
            values = set()
            for raw in self.params.getlist(name):
                raw = raw.strip()
                if not raw:
                    continue
                try:
                    values.add(read(raw))
                except (KeyError, ValueError):
                    self.problems.append(
                        _("Ukendt %(label)s “%(value)s” – filteret er ikke brugt.")
                        % {"label": label, "value": raw[:50]}
                    )
            if values:
                selected[name] = values
        return selected

    def _read_sort(self):
        sort = self.params.get("sort", "")
        if sort == RELEVANCE and self.query:
            return sort
        if sort in SORTS:
            return sort
        if sort:
            self.problems.append(_("Ukendt sortering – sorteret efter titel."))
        return RELEVANCE if self.query else "title"

    def _search_hits(self):
        """Ids of the cases matching the free text in relevance order, or None without a query."""
        if not self.query:
            return None
        cases = CasePage.objects.live().child_of(self.index_page)
        return {page.pk: rank for rank, page in enumerate(cases.search(self.query))}

    # --- filtering and counting
    @staticmethod
    def _value_of(case, name):
        """The values a case has for a filter (a set, since a case has several themes)."""
        if name == "theme":
            return case["themes"]
        if name == "actor_type":
            return case["actor_types"]
        return {case[name]}

    def _passes(self, case, except_facet=None):
        return all(
            values & self._value_of(case, name)
            for name, values in self.selected.items()
            if name != except_facet
        )

    def _counts(self, name):
        counts = {}
        for case in self.matches:
            if self._passes(case, except_facet=name):
                for value in self._value_of(case, name):
                    counts[value] = counts.get(value, 0) + 1
        return counts

    def _build_facets(self):
        in_catalogue = {
            name: set().union(*(self._value_of(case, name) for case in self.facts))
            for name in ("district", "theme", "year")
        }
        districts = sorted(
            (pk, slug, name)
            for slug, (pk, name) in self.district_choices.items()
            if pk in in_catalogue["district"]
        )
        themes = sorted(
            (
                (pk, slug, name)
                for slug, (pk, name) in self.theme_choices.items()
                if pk in in_catalogue["theme"]
            ),
            key=lambda theme: theme[2],
        )
        options = {
            "district": [(pk, slug, name) for pk, slug, name in districts],
            "theme": themes,
            "status": [(value, value, label) for value, label in Status.choices],
            "phase": [(value, str(value), label) for value, label in Phase.choices],
            "actor_type": [(value, value, label) for value, label in ActorType.choices],
            "year": [
                (year, str(year), str(year)) for year in sorted(in_catalogue["year"] - {None}, reverse=True)
            ],
        }
        labels = {
            "district": _("Politikreds"),
            "theme": _("Tema"),
            "status": _("Status"),
            "phase": _("Nået til fase"),
            "actor_type": _("Aktørtype"),
            "year": _("Startår"),
        }
        facets = []
        for name, values in options.items():
            counts = self._counts(name)
            chosen = self.selected.get(name, set())
            facets.append(
                Facet(
                    name=name,
                    label=labels[name],
                    values=[
                        FacetValue(value=slug, label=label, count=counts.get(key, 0), selected=key in chosen)
                        for key, slug, label in values
                    ],
                )
            )
        return facets

    # --- sorting and paging
    def _sorted(self, cases, matching):
        if self.sort == RELEVANCE:
            return sorted(cases, key=lambda case: matching[case["id"]])
        by_title = sorted(cases, key=lambda case: case["title"].casefold())
        if self.sort == "newest":
            return sorted(by_title, key=lambda case: -(case["year"] or 0))
        if self.sort == "oldest":
            return sorted(by_title, key=lambda case: case["year"] or 9999)
        if self.sort == "phase":
            return sorted(by_title, key=lambda case: -case["phase"])
        return by_title

    def _paginate(self, cases):
        paginator = Paginator(cases, PER_PAGE)
        number = self.params.get("page", 1)
        try:
            return paginator.page(number)
        except PageNotAnInteger:
            self.problems.append(_("Ukendt sidenummer – viser første side."))
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    # --- what the template uses
    @property
    def total(self):
        return len(self.facts)

    @property
    def count(self):
        return len(self.filtered)

    @property
    def is_filtered(self):
        return bool(self.selected or self.query)

    @property
    def sort_options(self):
        options = [(RELEVANCE, _("Bedste match"))] if self.query else []
        return options + [(value, str(label)) for value, label in SORTS.items()]

    @property
    def active_filters(self):
        """Each chosen value with the URL of the same view without it."""
        active = []
        for facet in self.facets:
            for value in facet.selected:
                active.append(
                    {
                        "facet": facet.label,
                        "label": value.label,
                        "remove_url": self.url(without=(facet.name, value.value)),
                    }
                )
        if self.query:
            active.append(
                {
                    "facet": _("Søgning"),
                    "label": self.query,
                    "remove_url": self.url(without=("q", self.query)),
                }
            )
        return active

    @property
    def cache_key(self):
        ids = ",".join(str(case["id"]) for case in self.page_obj.object_list)
        return cache_versions.key(cache_versions.CONTENT, "case-cards", get_language(), ids)

    def cases(self):
        """The cases on this page as pages, with what their cards show, in the chosen order."""
        ids = [case["id"] for case in self.page_obj.object_list]
        pages = CasePage.objects.filter(pk__in=ids).select_related("district").prefetch_related("themes")
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in ids if pk in by_id]

    def url(self, without=None, **changes):
        """This view's query string with a value removed or parameters replaced."""
        pairs = []
        for key, values in self.params.lists():
            if key in changes or key == "page":
                continue
            pairs.extend((key, value) for value in values if (key, value) != without)
        for key, value in changes.items():
            if value not in (None, ""):
                pairs.append((key, value))
        return "?" + urlencode(pairs) if pairs else "?"

    @property
    def pages(self):
        """Links to every page of results, or none when they fit on one."""
        if self.page_obj.paginator.num_pages < 2:
            return []
        return [
            {"number": number, "url": self.url(page=number), "current": number == self.page_obj.number}
            for number in self.page_obj.paginator.page_range
        ]

    @property
    def previous_url(self):
        return self.url(page=self.page_obj.previous_page_number()) if self.page_obj.has_previous() else ""

    @property
    def next_url(self):
        return self.url(page=self.page_obj.next_page_number()) if self.page_obj.has_next() else ""
