"""The kinds of content the site search covers.

Each content app declares its ``search_fields`` on its own models; this list only says which models
are searched and how a hit is labelled. Models are looked up lazily with ``apps.get_model`` so a
content app that is missing (or not yet migrated) simply drops out of search.

Contract for a searchable model (see search/README.md):
- Pages: ``live``, the page's view restrictions and the locale are handled here.
- Other models (snippets, experience posts) must define a classmethod ``searchable_for(user)``
  returning the objects that user may find (approved posts only, for example). A model without it
  is left out of search: it fails closed.
- Optional ``search_meta()`` on the instance (unless the type names a ``meta_ancestor``) returns a
  short line of context for the hit (a case's district); ``search_select_related`` (a tuple of
  names) lets the service load what ``search_meta()`` needs in one query per type.
"""

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
    # Field on the model pointing at its phase (FK/M2M to toolbox.PhasePage); pages below a
    # phase in the tree (its tools) belong to that phase without one.
    phase_field: str = ""
    # A page type whose ancestor of this type names the hit's context (a lesson's course, a
    # tool's phase). Loaded for all hits of a result page in one query instead of calling
    # ``search_meta()`` once per hit.
    meta_ancestor: str = ""

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


SEARCH_TYPES = [
    SearchType("case", _("Case"), "cases.CasePage", district_field="district", phase_field="phases"),
    SearchType("tool", _("Værktøj"), "toolbox.ToolPage", meta_ancestor="toolbox.PhasePage"),
    SearchType("phase", _("Fase"), "toolbox.PhasePage"),
    SearchType(
        "lesson", _("Lektion"), "courses.LessonPage", phase_field="phase", meta_ancestor="courses.CoursePage"
    ),
    SearchType("term", _("Begreb"), "toolbox.GlossaryTerm"),
    SearchType("experience", _("Erfaring"), "erfa.ExperiencePost", district_field="district"),
]


def available_types():
    """The search types whose models exist in this installation, in display order."""
    available = []
    for search_type in SEARCH_TYPES:
        model = search_type.model
        if model is None:
            continue
        if not search_type.is_page and not hasattr(model, "searchable_for"):
            continue
        available.append(search_type)
    return available


def has_field(model, name):
    if not name:
        return False
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True
