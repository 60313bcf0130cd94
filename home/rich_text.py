"""Rich-text links to pages, through the access rule: a link to a page its reader may not open
(restricted, or no longer live) is rendered as plain text, so the target's existence and URL stay
hidden. Replaces Wagtail's own ``page`` link handler through the documented
``register_rich_text_features`` hook (home/wagtail_hooks.py)."""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from home import access


class ReaderPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        # ``<a>`` without href is what Wagtail writes for a deleted page: a placeholder, not a
        # link (no focus, no URL); the text between the tags stays as the author wrote it.
        return [
            f'<a href="{escape(page.localized.url)}">' if access.readable(page) else "<a>"
            for page in cls.get_many(attrs_list)
        ]
