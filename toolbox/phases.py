"""The seven phases of the co-creation method, defined once.

The numbers and names are the case catalogue's (*Casekatalog*, June 2021, "7 faser"); the toolbox's
``PhasePage`` of each phase is its content (``PhasePage.number`` takes these choices). Cases
(``CasePage.phase_reached``), courses (``Question.phase``, a phase page) and initiatives
(``Initiative.phase``) use the same numbers. This module imports no models, so any app may import
it without pulling in the toolbox's pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.IntegerChoices):
    """The seven phases, in the order an initiative goes through them."""

    STARTUP = 1, _("Fase 1 – Opstart")
    MAPPING = 2, _("Fase 2 – Kortlægning")
    ANALYSIS = 3, _("Fase 3 – Analysemodul")
    INVOLVEMENT = 4, _("Fase 4 – Aktørinvolvering")
    ESTABLISHMENT = 5, _("Fase 5 – Etablering")
    DEVELOPMENT = 6, _("Fase 6 – Samskabende udviklingsarbejde")
    CLOSING = 7, _("Fase 7 – Afslutning")
