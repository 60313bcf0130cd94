import datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()

# Keys of the nested values (a quiz attempt's answers) as the readable page names them.
KEY_LABELS = {"question": "Spørgsmål", "chosen": "Dit svar", "correct": "Rigtigt besvaret"}


@register.filter
def personal_value(value):
    """A value from an export as a person reads it: dates in Danish, yes/no, lists as lists."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, (list, tuple)):
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((personal_value(v),) for v in value))
        )
    if isinstance(value, dict):
        return format_html(
            "<dl>{}</dl>",
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                ((KEY_LABELS.get(key, key), personal_value(v)) for key, v in value.items()),
            ),
        )
    return value
