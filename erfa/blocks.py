from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.rich_text_features import BASIC, BASIC_WITH_LIST


class ProgrammeItemBlock(blocks.StructBlock):
    """One slot of an ERFA day: a time, what happens and who leads it."""

    starts = blocks.TimeBlock(label=_("fra"))
    ends = blocks.TimeBlock(label=_("til"), required=False)
    title = blocks.CharBlock(label=_("punkt"), max_length=200)
    description = blocks.RichTextBlock(label=_("beskrivelse"), features=BASIC_WITH_LIST, required=False)
    speaker = blocks.CharBlock(label=_("oplægsholder eller facilitator"), max_length=200, required=False)

    class Meta:
        icon = "time"
        template = "erfa/blocks/programme_item.html"
        label = _("programpunkt")
        description = _("Et tidsrum i programmet med titel, beskrivelse og oplægsholder")
        preview_value = {
            "starts": "09:30",
            "ends": "10:00",
            "title": "Velkomst og formål med dagen",
            "speaker": "Nationalt Forebyggelsescenter",
        }


class ProgrammeBlock(blocks.StreamBlock):
    """The programme of an ERFA day: timed items, with a heading or a note where the day needs one."""

    heading = blocks.CharBlock(
        label=_("mellemrubrik"), max_length=120, icon="title", template="erfa/blocks/programme_heading.html"
    )
    item = ProgrammeItemBlock()
    note = blocks.RichTextBlock(label=_("note"), features=BASIC, icon="info-circle")

    class Meta:
        block_counts = {"item": {"min_num": 1}}
