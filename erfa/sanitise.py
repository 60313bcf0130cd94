"""Cleaning of experience-post text: plain text with simple formatting, nothing executable.

Allowed: paragraphs, line breaks, bold, italic, lists and links to http(s) or mailto addresses
(``<b>`` and ``<i>``, which people type more often, become ``<strong>`` and ``<em>``).
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
SHORT_TAG = re.compile(r"<(/?)(b|i)(\s[^>]*)?>", re.IGNORECASE)
SHORT_TAG_NAMES = {"b": "strong", "i": "em"}
# Where one paragraph, list item or line ends and the next begins.
BLOCK_BOUNDARY = re.compile(r"</(p|li|ul|ol)\s*>|<br\s*/?>", re.IGNORECASE)


def clean_post_text(text):
    """Sanitise ``text`` and give plain text paragraphs: blank lines separate paragraphs, single
    line breaks stay line breaks. Text that already has paragraphs or lists is kept as written."""
    text = SHORT_TAG.sub(lambda m: f"<{m.group(1)}{SHORT_TAG_NAMES[m.group(2).lower()]}>", text)
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
    """The words a reader would see, as plain (unescaped) text on one line."""
    return " ".join(visible_paragraphs(html))


def visible_paragraphs(html):
    """The reader's words paragraph by paragraph (list items and lines count as paragraphs), so
    text from two paragraphs never runs together as "end.Start"."""
    separated = BLOCK_BOUNDARY.sub("\n", html)
    text = unescape(nh3.clean(separated, tags=set()))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def plain_text(text):
    """A one-line text such as a title, with any markup typed into it removed."""
    return visible_text(text or "")
