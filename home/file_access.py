"""Files follow the pages that use them.

Wagtail serves a document to anyone its collection lets through; a worksheet attached to a tool
restricted to a group would download for every signed-in reader who guessed or kept its URL.
Here a document that pages use is served only to a reader who may open at least one of those
pages (``home.access.may_open``, so a restriction on a Danish page or its ancestor holds for the
English translation that uses the document too). Who uses a document comes from Wagtail's
reference index: foreign keys, inline panels (a tool's ``ToolDocument``, an ERFA day's
``ErfaDayMaterial``: the index records them under their page), document choosers and rich-text
links.

- A document no page uses is served as before (the collection's rules and the login).
- A document that something other than a page uses (a snippet) is served as before: snippets are
  shown to every reader.
- A page that is not live does not make a document servable: an unpublished copy cannot unlock
  the worksheet of a restricted tool.
- Whoever may change or choose the document in the admin's library (editors) gets it: the
  library shows it to them anyway.

The lookup is one query on the reference index and one on the pages, on each download; downloads
are rare next to page views, and the answer is never stale (a cached one would have to follow
every page, inline child and restriction change).

Images are not checked here. They are served as plain media files: from the S3 bucket by links
signed for an hour, or from ``MEDIA_ROOT`` (served by Django only with DEBUG). A reader gets an
image's link only in the HTML of a page they may open (listings and search leave restricted pages
out, ``home.access.visible_to``), and the bucket's objects are private, so an image of a restricted
page does not reach a reader outside its group unless someone who may see it passes the link on
within the hour, which they could as well do with a screenshot. Checking images per request would
put every image of every page through a Django view (and replace ``{% image %}`` in every
template) for that residual case; docs/DEVELOPING.md says so too."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from home.access import may_open


def page_uses(document):
    """(the pages that use ``document``, whether anything other than a page uses it)."""
    page_type = ContentType.objects.get_for_model(Page)
    sources = set(ReferenceIndex.get_references_to(document).values_list("base_content_type_id", "object_id"))
    page_ids = [int(object_id) for content_type_id, object_id in sources if content_type_id == page_type.pk]
    other_uses = len(page_ids) < len(sources)
    pages = list(Page.objects.filter(pk__in=page_ids).only("path", "live")) if page_ids else []
    return pages, other_uses


def may_download(document, user):
    """Whether ``user`` may download ``document``, by the pages that use it."""
    pages, other_uses = page_uses(document)
    if other_uses or not pages:
        return True
    if any(page.live and may_open(page, user) for page in pages):
        return True
    if all(may_open(page, user) for page in pages):
        return True  # used only by pages that are not live (yet), none of them restricted: as before
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


@hooks.register("before_serve_document")
def serve_only_to_readers_of_its_pages(document, request):
    # 404, not 403: the reader outside the group must not learn that the file exists (the URL
    # names it), and a wrong document id answers the same way. The pages refuse with a 403 that
    # names whom to ask (home.page_refusal); the reader gets there from the page, not the file.
    if not may_download(document, request.user):
        raise Http404("No document matches the given query.")
