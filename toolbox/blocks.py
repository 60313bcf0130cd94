"""StreamField blocks of the toolbox: a tool's steps and the method page's structured sections."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.rich_text_features import BODY


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Trin"), max_length=150)
    text = blocks.RichTextBlock(label=_("Sådan gør I"), features=BODY)
    tip = blocks.TextBlock(
        label=_("Tip fra praksis"),
        required=False,
        help_text=_("En erfaring fra initiativerne, der hjælper med netop dette trin."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Trin")
        template = "toolbox/blocks/step.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Overskrift"), max_length=150)
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Punkter"))

    class Meta:
        icon = "tasks"
        label = _("Tjekliste")
        template = "toolbox/blocks/checklist.html"


class ToolStepsBlock(blocks.StreamBlock):
    """What a working group does, step by step, when it uses a tool."""

    step = StepBlock(group=_("Fremgangsmåde"))
    checklist = ChecklistBlock(group=_("Fremgangsmåde"))

    class Meta:
        icon = "list-ol"
        description = _("Værktøjets trin i den rækkefølge, arbejdsgruppen tager dem.")
        block_counts = {"step": {"min_num": 1}}


class RoleBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Rolle"), max_length=100)
    description = blocks.RichTextBlock(label=_("Beskrivelse"), features=BODY)

    class Meta:
        icon = "user"
        label = _("Rolle")


class TrackBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Spor"), max_length=50, help_text=_("Fx “Spor 1”."))
    title = blocks.CharBlock(label=_("Titel"), max_length=150)
    text = blocks.RichTextBlock(label=_("Beskrivelse"), features=BODY)

    class Meta:
        icon = "arrow-right"
        label = _("Implementeringsspor")


class KeyLessonBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Læringspunkt"), max_length=150)
    text = blocks.RichTextBlock(label=_("Tekst"), features=BODY)

    class Meta:
        icon = "pick"
        label = _("Læringspunkt")


class RoleListBlock(blocks.StreamBlock):
    role = RoleBlock()


class TrackListBlock(blocks.StreamBlock):
    track = TrackBlock()


class KeyLessonListBlock(blocks.StreamBlock):
    lesson = KeyLessonBlock()
