"""The kinds of content the site search covers.

Each content app declares its ``search_fields`` on its own models; this list only says which models
are searched, how a hit is labelled, and — for models that are not pages — which objects a user
may find. Models are looked up lazily with ``apps.get_model`` so a content app that is missing (or
not yet migrated) simply drops out of search.

- Pages: ``live``, the page's view restrictions and the locale are handled by the service.
- Other models: ``queryset(model, user)`` returns the objects that user may find (approved
  experience posts only); without it the model's classmethod ``searchable_for(user)`` is used, and
  a model with neither is left out of search: it fails closed. ``url(obj, site_search)`` gives the
  address of an object without ``get_absolute_url()``.
- The hit's context line comes from ``search_meta()`` on the object (a string, or a dict of
  which the case, phase, tool, course and district are shown) or, with ``meta_ancestor``, from the
  title of that ancestor page (a lesson's course), loaded for all hits in one query.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


@dataclass(frozen=True)
class SearchType:
    key: str  # the value of ?type= in URLs and the API
    label: str
    model_label: str
    # Field on the model holding the police district (FK to home.District), if it has one.
    district_field: str = ""
    # Field (or lookup path) on the model pointing at its phase pages (FK to toolbox.PhasePage,
    # or through a relation: a case's ``phase_links__phase``); pages below a phase in the tree
    # (its tools) belong to that phase without one. The linked phase may be in another language
    # (English cases link to the Danish phases): filters and counts go by the phase's
    # translation key.
    phase_field: str = ""
    # For Elasticsearch: the model's ``index.FilterField`` holding the same phase ids (default:
    # ``phase_field``, which must then be a plain field).
    phase_filter_field: str = ""
    # A page type whose ancestor of this type names the hit's context (a lesson's course, a
    # tool's phase). Loaded for all hits of a result page in one query instead of calling
    # ``search_meta()`` once per hit.
    meta_ancestor: str = ""
    queryset: Callable | None = None
    # Relations ``search_meta()`` reads, loaded with the hits (a case's district).
    select_related: tuple = ()
    url: Callable | None = None

    @property
    def model(self):
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None

    @property
    def is_page(self):
        model = self.model
        return model is not None and issubclass(model, Page)


def approved_experiences(model, user):
    # Search shows approved posts only, even to their authors and to moderators: a draft or a
    # rejected post is never a search result for anyone.
    return model.objects.approved().for_listing()


def every_object(model, user):
    return model.objects.all()


def glossary_term_url(term, site_search):
    """The term's entry on the glossary page of its language (one lookup per language)."""
    cache = site_search.memo.setdefault("glossary_urls", {})
    if term.locale_id not in cache:
        try:
            glossary_page = apps.get_model("toolbox.GlossaryPage")
        except LookupError:
            return ""
        page = glossary_page.objects.live().filter(locale_id=term.locale_id).first()
        cache[term.locale_id] = page.get_url(request=site_search.request) if page else ""
    base = cache[term.locale_id]
    return f"{base}#{term.anchor}" if base else ""


SEARCH_TYPES = [
    SearchType(
        "case",
        _("Case"),
        "cases.CasePage",
        district_field="district",
        # The phases the case illustrates (its "Faser i værktøjskassen"), not ``phase_reached``:
        # a case that reached phase 6 has been through 1–5 without showing anything about them.
        phase_field="phase_links__phase",
        phase_filter_field="search_phase_ids",
        select_related=("district",),
    ),
    SearchType("tool", _("Værktøj"), "toolbox.ToolPage"),
    SearchType("phase", _("Fase"), "toolbox.PhasePage"),
    SearchType(
        "lesson", _("Lektion"), "courses.LessonPage", phase_field="phase", meta_ancestor="courses.CoursePage"
    ),
    SearchType("term", _("Begreb"), "toolbox.GlossaryTerm", queryset=every_object, url=glossary_term_url),
    SearchType(
        "experience", _("Erfaring"), "erfa.ExperiencePost", phase_field="phase", queryset=approved_experiences
    ),
]


def available_types():
    """The search types whose models exist in this installation, in display order."""
    available = []
    for search_type in SEARCH_TYPES:
        model = search_type.model
        if model is None:
            continue
        if not search_type.is_page and search_type.queryset is None and not hasattr(model, "searchable_for"):
            continue
        available.append(search_type)
    return available


def has_field(model, name):
    """Whether ``name`` is a field of ``model``, or a lookup path through its relations
    (``phase_links__phase``)."""
    if not name:
        return False
    for part in name.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:
            return False
        model = field.related_model
        if model is None and part != name.split("__")[-1]:
            return False
    return True
