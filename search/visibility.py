"""What a user may find: live pages of the searched types outside the view restrictions that
hide them from this user, and the objects each other type's ``searchable_for(user)`` (or the
registry's ``queryset``) lets them see. Hits are loaded through the same filters, so a stale index
entry can never show a page that has since been unpublished or restricted."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .registry import has_field


def hidden_pages_q(user):
    """A Q matching every page the user may not view (its own or an ancestor's view restriction)."""
    return hidden_pages(user)[0]


def hidden_pages(user):
    """(the Q of ``hidden_pages_q``, the ids of the restrictions that hide those pages)."""
    hidden, hiding = Q(), []
    restrictions = list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))
    if not restrictions:
        return None, ()
    group_ids = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
    for restriction in restrictions:
        if _restriction_allows(restriction, user, group_ids):
            continue
        hidden |= Page.objects.descendant_of_q(restriction.page, inclusive=True)
        hiding.append(restriction.pk)
    return (hidden or None), tuple(hiding)


def _restriction_allows(restriction, user, group_ids):
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if user.is_superuser:
            return True
        return any(group.pk in group_ids for group in restriction.groups.all())
    return False  # shared passwords are switched off; a leftover one hides the page from search


class VisibleToUser:
    """The querysets a search matches in; needs ``user``, ``locale``, ``types`` and ``_hidden``
    (``hidden_pages(user)[0]``) on the search."""

    def page_types(self):
        return [search_type for search_type in self.types if search_type.is_page]

    def object_types(self):
        return [search_type for search_type in self.types if not search_type.is_page]

    def _content_type_ids(self, search_types):
        content_types = ContentType.objects.get_for_models(*(t.model for t in search_types))
        return [content_type.pk for content_type in content_types.values()]

    def visible_pages(self, model=Page, search_types=None, locale=True):
        """Live pages of the searched types that this user may view, in the active locale."""
        search_types = self.page_types() if search_types is None else search_types
        queryset = model.objects.live().filter(content_type__in=self._content_type_ids(search_types))
        if locale:
            queryset = queryset.filter(locale=self.locale)
        if self._hidden is not None:
            queryset = queryset.exclude(self._hidden)
        return queryset

    def visible_objects(self, search_type, locale=True):
        model = search_type.model
        if search_type.queryset is not None:
            queryset = search_type.queryset(model, self.user)
        else:
            queryset = model.searchable_for(self.user)
        if locale and has_field(model, "locale"):
            queryset = queryset.filter(locale=self.locale)
        return queryset
