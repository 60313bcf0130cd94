from .pages import GlossaryPage, PhasePage, SourcesPage, ToolboxPage, ToolDocument, ToolPage
from .snippets import GlossaryTerm, Source

__all__ = [
    "GlossaryPage",
    "GlossaryTerm",
    "PhasePage",
    "Source",
    "SourcesPage",
    "ToolDocument",
    "ToolPage",
    "ToolboxPage",
]
