"""The kinds of content the site search covers.

Each content app declares its ``search_fields`` on its own models; this list only says which models
are searched, how a hit is labelled, and — for models that are not pages — which objects a user
may find. Models are named as "app.Model" and looked up when first used: the content apps import
search's helpers, so search cannot import their models when it is loaded.

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
    # For objects each user sees differently: ``cache_scope(user)`` is a value that changes
    # whenever what this user may find of the type changes; it goes into the key of the cached
    # outcome, so one user's outcome is never served to another who may see less.
    cache_scope: Callable | None = None

    def __hash__(self):
        # The generated hash would hash every field, the lazy label too: a gettext call each time
        # a search groups its hundreds of matches by type (a fifth of a search's time).
        return hash(self.key)

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def is_page(self):
        return issubclass(self.model, Page)


def approved_experiences(model, user):
    # Search shows approved posts only, even to their authors and to moderators: a draft or a
    # rejected post is never a search result for anyone.
    return model.objects.approved().for_listing()


def terms_on_open_glossaries(model, user):
    """Glossary terms of the languages whose glossary page ``user`` may open: a term's hit links
    to its entry there, so a restricted glossary takes its terms out of search too."""
    from home.access import visible_to

    glossaries = visible_to(apps.get_model("toolbox.GlossaryPage").objects.live(), user)
    return model.objects.filter(locale_id__in=glossaries.values("locale_id"))


def glossary_term_url(term, site_search):
    """The term's entry on the glossary page of its language (one lookup per language)."""
    cache = site_search.memo.setdefault("glossary_urls", {})
    if term.locale_id not in cache:
        page = apps.get_model("toolbox.GlossaryPage").objects.live().filter(locale_id=term.locale_id).first()
        cache[term.locale_id] = page.get_url(request=site_search.request) if page else ""
    base = cache[term.locale_id]
    return f"{base}#{term.anchor}" if base else ""


def visible_initiatives(user):
    from home import cache_versions

    model = apps.get_model("initiatives.Initiative")
    return (cache_versions.current(cache_versions.POSTS), model.visible_ids(user))


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
    SearchType(
        "term", _("Begreb"), "toolbox.GlossaryTerm", queryset=terms_on_open_glossaries, url=glossary_term_url
    ),
    SearchType(
        "experience", _("Erfaring"), "erfa.ExperiencePost", phase_field="phase", queryset=approved_experiences
    ),
    # An officer's own initiatives, found only by those who may open them (its working group,
    # the district's superbrugere, the specialists).
    SearchType(
        "initiative",
        _("Initiativ"),
        "initiatives.Initiative",
        district_field="district",
        cache_scope=visible_initiatives,
    ),
]


def available_types():
    """The search types, in display order; a non-page model that says neither who may find its
    objects (``queryset``) nor has ``searchable_for`` is left out: search fails closed."""
    return [
        search_type
        for search_type in SEARCH_TYPES
        if search_type.is_page
        or search_type.queryset is not None
        or hasattr(search_type.model, "searchable_for")
    ]


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
