from .pages import (
    CaseActor,
    CaseGoal,
    CaseIndexPage,
    CaseInspiration,
    CasePage,
    CasePhaseLink,
    CaseResult,
    CaseRippleEffect,
    CaseToolLink,
)
from .snippets import Actor, ActorType, Quote, Theme

__all__ = [
    "Actor",
    "ActorType",
    "CaseActor",
    "CaseGoal",
    "CaseIndexPage",
    "CaseInspiration",
    "CasePage",
    "CasePhaseLink",
    "CaseResult",
    "CaseRippleEffect",
    "CaseToolLink",
    "Quote",
    "Theme",
]
