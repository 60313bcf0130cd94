"""The blocks a lesson is written in. The stream is a named class so the lesson body, its
migrations and the admin's block picker all talk about the same thing."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from home.rich_text_features import COURSE_BODY, LESSON_BODY


class CalloutBlock(blocks.StructBlock):
    KINDS = [("info", _("Info")), ("tip", _("Godt råd")), ("warning", _("Vær opmærksom"))]

    kind = blocks.ChoiceBlock(choices=KINDS, default="info", label=_("type"))
    heading = blocks.CharBlock(required=False, label=_("overskrift"))
    text = blocks.RichTextBlock(features=COURSE_BODY, label=_("tekst"))

    class Meta:
        icon = "warning"
        label = _("Fremhævet boks")
        template = "courses/blocks/callout.html"
        description = _("En kort pointe eller advarsel, der skal skille sig ud fra teksten.")
        preview_value = {
            "kind": "tip",
            "heading": "Husk",
            "text": "<p>Kortlægningen er forarbejdet, som hele initiativet hviler på.</p>",
        }


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("begreb"))
    definition = blocks.TextBlock(label=_("forklaring"))

    class Meta:
        icon = "doc-full"
        label = _("Begreb")
        template = "courses/blocks/glossary_term.html"
        description = _("Et begreb fra co-creation metodens ordbog med dets forklaring.")
        preview_value = {
            "term": "Ankerperson",
            "definition": (
                "Repræsenterer den fælles udfordring, som co-creation initiativet tager udgangspunkt i."
            ),
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video-adresse"), help_text=_("YouTube eller Vimeo."))
    caption = blocks.CharBlock(required=False, label=_("billedtekst"))
    transcript = blocks.TextBlock(
        required=False, label=_("udskrift"), help_text=_("Tekstversion for dem, der ikke kan høre lyden.")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"
        description = _("En indlejret video med billedtekst og udskrift.")


class ReflectionQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("spørgsmål"))
    hint = blocks.TextBlock(required=False, label=_("hjælp til at svare"))

    class Meta:
        icon = "help"
        label = _("Refleksionsspørgsmål")
        template = "courses/blocks/reflection_question.html"
        description = _("Kursisten skriver sit svar, som gemmes privat og vises igen under Min læring.")
        preview_value = {
            "question": "Hvilken udfordring i din egen politikreds kunne egne sig til co-creation?"
        }


class ToolReferenceBlock(blocks.StructBlock):
    tool = blocks.PageChooserBlock(page_type="toolbox.ToolPage", label=_("værktøj"))
    note = blocks.CharBlock(
        required=False,
        label=_("hvorfor værktøjet"),
        help_text=_("Fx 'Brug det, når I planlægger kortlægningen.'"),
    )

    class Meta:
        icon = "cogs"
        label = _("Henvisning til værktøj")
        template = "courses/blocks/tool_reference.html"
        description = _("Et kort, der åbner et værktøj i værktøjskassen.")


class CaseReferenceBlock(blocks.StructBlock):
    # Any page can be chosen: the cases app is not a migration dependency of courses. The loader
    # and editors pick case pages; the card shows nothing for a page that is not live.
    SECTIONS = [
        ("challenge-heading", _("Den fælles samlende udfordring")),
        ("actors-heading", _("Aktører")),
        ("results-heading", _("Resultater")),
        ("goals-heading", _("Mål")),
        ("ripples-heading", _("Ringe i vandet")),
        ("quotes-heading", _("Stemmer fra initiativet")),
    ]

    case = blocks.PageChooserBlock(label=_("case"))
    # Not indexed: an empty choice would put its "- Select an option -" placeholder in the text.
    section = blocks.ChoiceBlock(
        choices=SECTIONS, required=False, search_index=False, label=_("afsnit i casen")
    )
    note = blocks.CharBlock(required=False, label=_("tekst på kortet"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Henvisning til case")
        template = "courses/blocks/case_reference.html"
        description = _("Et kort, der åbner en case eller et afsnit af den.")


class LessonBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", label=_("Mellemrubrik"), template="courses/blocks/heading.html"
    )
    text = blocks.RichTextBlock(features=LESSON_BODY, icon="pilcrow", label=_("Tekst"))
    image = ImageBlock(label=_("Billede"), group=_("Medier"), template="courses/blocks/image.html")
    video = VideoBlock(group=_("Medier"))
    callout = CalloutBlock()
    glossary_term = GlossaryTermBlock(group=_("Henvisninger"))
    case_reference = CaseReferenceBlock(group=_("Henvisninger"))
    tool_reference = ToolReferenceBlock(group=_("Henvisninger"))
    reflection = ReflectionQuestionBlock(group=_("Aktiviteter"))
