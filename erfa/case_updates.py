"""Turning an approved experience post into a draft update of its case page.

The case page belongs to another app, so it is handled through Wagtail's generic field API: the
post is appended to the page's first stream field that has a rich-text block (or to a rich-text
field), in a new draft revision built on the page's latest draft. The live page does not change
until an editor reviews and publishes that draft; the post records the revision and the added text
links back to the post as its source."""

import re

from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

from erfa.notifications import absolute_url

# Post text uses HTML's strong/em; Wagtail's rich text stores bold and italic as b/i.
_TAG_RENAMES = [(re.compile(r"<(/?)strong>"), r"<\1b>"), (re.compile(r"<(/?)em>"), r"<\1i>")]
_LINK_REL = re.compile(r'\s+rel="[^"]*"')
PREFERRED_FIELD_NAMES = ("body", "content", "lessons", "description")


def post_as_rich_text(post):
    text = post.text
    for pattern, replacement in _TAG_RENAMES:
        text = pattern.sub(replacement, text)
    text = _LINK_REL.sub("", text)
    source = _("Kilde: erfaring delt af %(author)s") % {"author": escape(post.author.display_name)}
    link = f'<a href="{escape(absolute_url(post.get_absolute_url()))}">{escape(post.title)}</a>'
    return f"<p><b>{escape(post.title)}</b></p>{text}<p><i>{source}: {link}</i></p>"


def _rich_text_child(stream_block):
    for name, child in stream_block.child_blocks.items():
        if isinstance(child, blocks.RichTextBlock):
            return name
    return None


def _fields_in_preference_order(page):
    fields = [f for f in page._meta.get_fields() if isinstance(f, StreamField | RichTextField)]
    return sorted(
        fields,
        key=lambda f: PREFERRED_FIELD_NAMES.index(f.name) if f.name in PREFERRED_FIELD_NAMES else 99,
    )


def add_post_to_case_draft(post, case_page, user):
    """Create a draft revision of ``case_page`` with ``post`` added; None if the page has no field
    that can hold rich text."""
    draft = case_page.get_latest_revision_as_object()
    html = post_as_rich_text(post)
    for field in _fields_in_preference_order(draft):
        if isinstance(field, StreamField):
            block_name = _rich_text_child(field.stream_block)
            if block_name is None:
                continue
            stream = getattr(draft, field.name)
            stream.append((block_name, blocks.RichTextBlock().to_python(html)))
        else:
            current = getattr(draft, field.name) or ""
            setattr(draft, field.name, current + html)
        revision = draft.save_revision(user=user, log_action=True, clean=False)
        post.case_draft_revision = revision
        post.save(update_fields=["case_draft_revision"])
        return revision
    return None
