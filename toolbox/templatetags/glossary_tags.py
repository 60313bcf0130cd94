from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from ..glossary import mark_terms

register = template.Library()


@register.filter(is_safe=True)
def glossary(html, marked=None):
    """Mark the first occurrence of each glossary term in rendered rich text or StreamField HTML.

    ``{{ page.body|glossary }}`` marks each term once per request; pass a set
    (``{{ html|glossary:marked }}``) to track the marked terms yourself outside a request."""
    return mark_terms(html, marked)


@register.simple_tag
def glossary_assets():
    """The stylesheet and script for the term tooltips; put in ``{% block extra_head %}``."""
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" defer></script>',
        static("toolbox/glossary.css"),
        static("toolbox/glossary.js"),
    )
