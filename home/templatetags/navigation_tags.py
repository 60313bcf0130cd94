"""The site's breadcrumb trail and pagination, each one include in ``site/templates/includes/``.

The tags turn what a template has (Wagtail pages, a Django ``Paginator`` page) into the
include's arguments; a template that has them ready (links that keep a search's filters)
includes the template directly."""

from django import template
from wagtail.models import Page

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *crumbs, current=""):
    """``{% breadcrumbs index current=page.title %}``: the trail, outermost first.

    Each argument is a Wagtail page, a list of pages (``page.get_ancestors``), or a title
    followed by its URL (``{% breadcrumbs title url %}`` for a view that is not a page); None is
    left out. ``current`` is the page itself, the last item, not a link."""
    request = context.get("request")
    trail = []
    items = iter(crumbs)
    for item in items:
        if item is None:
            continue
        if isinstance(item, Page):
            trail.append((item.title, item.get_url(request=request)))
        elif isinstance(item, str):
            trail.append((item, next(items)))
        else:
            trail.extend((page.title, page.get_url(request=request)) for page in item)
    return {"crumbs": trail, "current": current}


@register.inclusion_tag("includes/pagination.html")
def pagination(page_obj, label, param="side"):
    """``{% pagination page_obj label=_("Sider med kurser") %}``: a Django ``Paginator`` page's
    numbered links, ``?<param>=N``."""

    def url(number):
        return f"?{param}={number}"

    return {
        "label": label,
        "number": page_obj.number,
        "total": page_obj.paginator.num_pages,
        "previous_url": url(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": url(page_obj.next_page_number()) if page_obj.has_next() else "",
        "links": [
            {"number": number, "url": url(number), "current": number == page_obj.number}
            for number in page_obj.paginator.page_range
        ],
    }
