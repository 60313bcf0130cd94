"""The access rule (home/access.py) in templates, for the reader of the request:
``{% if value.case|readable %}`` for one referenced page, ``{% for lesson in lessons|openable %}``
for a loaded list."""

from django import template

from home import access

register = template.Library()


@register.filter
def readable(page):
    return access.readable(page)


@register.filter
def openable(pages):
    return access.openable(pages or [])
