"""Turning an approved experience post into a draft update of its case page.

The post is appended to the case's story as a text block, in a new draft revision built on the
page's latest draft. The live page does not change until an editor reviews and publishes that
draft; the post records the revision and the added text links back to the post as its source."""

import re

from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from erfa.notifications import absolute_url

# Post text uses HTML's strong/em; Wagtail's rich text stores bold and italic as b/i.
_TAG_RENAMES = [(re.compile(r"<(/?)strong>"), r"<\1b>"), (re.compile(r"<(/?)em>"), r"<\1i>")]
_LINK_REL = re.compile(r'\s+rel="[^"]*"')


def post_as_rich_text(post):
    text = post.text
    for pattern, replacement in _TAG_RENAMES:
        text = pattern.sub(replacement, text)
    text = _LINK_REL.sub("", text)
    source = _("Kilde: erfaring delt af %(author)s") % {"author": escape(post.author.display_name)}
    link = f'<a href="{escape(absolute_url(post.get_absolute_url()))}">{escape(post.title)}</a>'
    return f"<p><b>{escape(post.title)}</b></p>{text}<p><i>{source}: {link}</i></p>"


def add_post_to_case_draft(post, case_page, user):
    """Create and return a draft revision of ``case_page`` with ``post`` at the end of its story."""
    draft = case_page.get_latest_revision_as_object()
    draft.body.append(("text", RichText(post_as_rich_text(post))))
    revision = draft.save_revision(user=user, log_action=True, clean=False)
    post.case_draft_revision = revision
    post.save(update_fields=["case_draft_revision"])
    return revision
