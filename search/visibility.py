"""What a user may find: live pages of the searched types outside the view restrictions that
hide them from this user, and the objects each other type's ``searchable_for(user)`` (or the
registry's ``queryset``) lets them see. Hits are loaded through the same filters, so a stale index
entry can never show a page that has since been unpublished or restricted."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from home import access

from .registry import has_field


class VisibleToUser:
    """The querysets a search matches in; needs ``user``, ``locale`` and ``types`` on the search.
    Which pages the user may open is the site's one rule (``home.access``), asked once per search:
    restrictions on a page, an ancestor or any translation of either hide it in every language."""

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
        return access.visible_to(queryset, self.user)

    def visible_objects(self, search_type, locale=True):
        model = search_type.model
        if search_type.queryset is not None:
            queryset = search_type.queryset(model, self.user)
        else:
            queryset = model.searchable_for(self.user)
        if locale and has_field(model, "locale"):
            queryset = queryset.filter(locale=self.locale)
        return queryset
