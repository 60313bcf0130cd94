"""Cleaning of experience-post text: plain text with simple formatting, nothing executable.

Allowed: paragraphs, line breaks, bold, italic, lists and links to http(s) or mailto addresses.
Everything else is removed – script and style elements with their content, event-handler
attributes, ``javascript:`` and other link schemes."""

import re
from html import unescape

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
BLOCK_TAG = re.compile(r"<(p|ul|ol)[\s>]", re.IGNORECASE)
BLANK_LINES = re.compile(r"\n\s*\n")


def clean_post_text(text):
    """Sanitise ``text`` and give plain text paragraphs: blank lines separate paragraphs, single
    line breaks stay line breaks. Text that already has paragraphs or lists is kept as written."""
    cleaned = nh3.clean(
        text.replace("\r\n", "\n"),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()
    if not cleaned or BLOCK_TAG.search(cleaned):
        return cleaned
    paragraphs = [part.strip() for part in BLANK_LINES.split(cleaned) if part.strip()]
    return "".join(f"<p>{part.replace(chr(10), '<br>')}</p>" for part in paragraphs)


def visible_text(html):
    """The words a reader would see, as plain (unescaped) text."""
    return " ".join(unescape(nh3.clean(html, tags=set())).split())
