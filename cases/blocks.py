"""The blocks a case's story is written in: narrative text plus the sections the catalogue repeats
from case to case (what was hard, what we learned, the problem statements, the funding)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from home.rich_text_features import BASIC, WITH_HEADINGS


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("overskrift"))
    text = blocks.RichTextBlock(label=_("tekst"), features=WITH_HEADINGS)

    class Meta:
        icon = "doc-full"
        label = _("Afsnit med overskrift")
        template = "cases/blocks/section.html"
        description = _("Et afsnit med egen overskrift, fx baggrund, målgruppe eller risikoindikatorer.")


class ReflectionBlock(blocks.StructBlock):
    """ "Hvad var svært?" and "Hvad har vi lært?": the catalogue's reflections, shown highlighted."""

    kind = blocks.ChoiceBlock(
        label=_("slags"),
        choices=[("difficult", _("Hvad var svært?")), ("learned", _("Hvad har vi lært?"))],
    )
    text = blocks.RichTextBlock(label=_("tekst"), features=WITH_HEADINGS)

    class Meta:
        icon = "help"
        label = _("Refleksion")
        template = "cases/blocks/reflection.html"
        description = _("Hvad var svært? eller Hvad har vi lært? – erfaringer andre kan bruge.")


class ProblemStatementsBlock(blocks.StructBlock):
    intro = blocks.TextBlock(label=_("indledning"), required=False)
    statements = blocks.ListBlock(blocks.TextBlock(label=_("problemstilling")), label=_("problemstillinger"))

    class Meta:
        icon = "list-ul"
        label = _("Problemstillinger")
        template = "cases/blocks/problem_statements.html"
        description = _("Problemstillinger, som er del af den fælles, samlende udfordring.")


class FundingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("overskrift"), default="Finansiering")
    text = blocks.RichTextBlock(label=_("tekst"), features=BASIC)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Finansiering")
        template = "cases/blocks/funding.html"
        description = _("Hvem har finansieret hvad, og med hvilke beløb.")


class PullQuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citat"))
    attribution = blocks.CharBlock(label=_("afsender"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citat i teksten")
        template = "cases/blocks/pull_quote.html"
        description = _("Et kort citat midt i fortællingen. Citater med fuld afsender oprettes som Citat.")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("billede"))
    alt_text = blocks.CharBlock(
        label=_("alternativ tekst"), help_text=_("Beskriv billedet for dem, der ikke kan se det.")
    )
    caption = blocks.CharBlock(label=_("billedtekst"), required=False)

    class Meta:
        icon = "image"
        label = _("Billede")
        template = "cases/blocks/image.html"


class CaseBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Tekst"), features=WITH_HEADINGS, icon="pilcrow")
    section = SectionBlock()
    reflection = ReflectionBlock()
    problem_statements = ProblemStatementsBlock()
    funding = FundingBlock()
    quote = PullQuoteBlock()
    image = CaptionedImageBlock()
