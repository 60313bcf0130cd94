"""Turning matches into hits: one result page's objects loaded (one query per type, through the
same visibility filters as the search), their titles, URLs and context line, and highlighted
snippets from the index's own text (one query for all)."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from wagtail.models import Page

from .highlight import START_SEL, STOP_SEL, highlight, mark_headline
from .matching import tsquery_sql
from .query import Hit, meta_text
from .registry import has_field
from .text import stem

# ts_headline parses the whole text it is given (a case's runs to 9,000 characters, 1.5 ms each):
# it is given this much around the first place the first word's stem stands instead.
HEADLINE_WINDOW = 1500
HEADLINE_LEAD = 300


class HitBuilding:
    """Mixed into ``SiteSearch``: needs ``visible_pages``, ``visible_objects``, ``request`` and
    ``text_search_configs``."""

    def _hits(self, entries, terms):
        """Load the objects of one result page (one query per type) with their meta.

        ``entries`` are ``(score, search type, pk, snippet or None)``. Objects are loaded through
        the same visibility filters as the search, so a stale index entry can never show a page
        that has since been unpublished or restricted."""
        by_type = {}
        for _score, search_type, pk, _snippet in entries:
            by_type.setdefault(search_type, []).append(pk)
        loaded = {}
        for search_type, pks in by_type.items():
            related = search_type.select_related or getattr(search_type.model, "search_select_related", ())
            if search_type.is_page:
                queryset = self.visible_pages(search_type.model, [search_type], locale=False)
                queryset = queryset.select_related("locale", *related)
            else:
                queryset = self.visible_objects(search_type, locale=False)
                if has_field(search_type.model, "locale"):
                    related = ("locale", *related)
                if related:
                    queryset = queryset.select_related(*related)
            for obj in queryset.filter(pk__in=pks):
                loaded[(search_type.key, obj.pk)] = obj

        ancestor_titles = self._ancestor_titles(by_type, loaded)
        hits, needs_snippet = [], []
        for score, search_type, pk, snippet in entries:
            obj = loaded.get((search_type.key, pk))
            if obj is None:
                continue
            hit = self._hit(obj, search_type, score, meta=ancestor_titles.get((search_type.key, obj.pk)))
            if snippet is None:
                needs_snippet.append(hit)
            else:
                hit.snippet = mark_headline(snippet)
            hits.append(hit)
        self._add_snippets(needs_snippet, terms)
        return hits

    def _ancestor_titles(self, by_type, loaded):
        """Titles of each hit's ``meta_ancestor`` page (one query per ancestor type)."""
        titles = {}
        for search_type in by_type:
            if not (search_type.is_page and search_type.meta_ancestor):
                continue
            ancestor_model = apps.get_model(search_type.meta_ancestor)
            pages = [
                loaded[(search_type.key, pk)]
                for pk in by_type[search_type]
                if (search_type.key, pk) in loaded
            ]
            prefixes = {page.path[: depth * Page.steplen] for page in pages for depth in range(1, page.depth)}
            ancestors = ancestor_model.objects.filter(path__in=prefixes).values_list("path", "title")
            by_path = dict(ancestors)
            for page in pages:
                for depth in range(page.depth - 1, 0, -1):
                    if title := by_path.get(page.path[: depth * Page.steplen]):
                        titles[(search_type.key, page.pk)] = title
                        break
        return titles

    def _hit(self, obj, search_type, score=0.0, meta=None):
        locale = getattr(obj, "locale", None)
        if meta is None and not search_type.meta_ancestor and hasattr(obj, "search_meta"):
            meta = obj.search_meta()
        return Hit(
            title=self._title(obj),
            url=self._url(obj, search_type),
            type_key=search_type.key,
            type_label=str(search_type.label),
            locale=locale.language_code if locale else getattr(obj, "language", ""),
            meta=meta_text(meta),
            obj=obj,
            score=score,
        )

    @staticmethod
    def _title(obj):
        # Pages by their title; other models by their name (a glossary term's ``title`` is what
        # search indexes, not how the term is written).
        return obj.title if isinstance(obj, Page) else str(obj)

    def _url(self, obj, search_type):
        if search_type.url is not None:
            url = search_type.url(obj, self)
        elif search_type.is_page:
            url = obj.get_url(request=self.request)
        else:
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        return url or ""

    def _add_snippets(self, hits, terms):
        """Highlighted snippets from the index's plain text of each hit (one query for all)."""
        if not hits:
            return
        keys = {}
        for hit in hits:
            model = hit.obj.specific_class if isinstance(hit.obj, Page) else type(hit.obj)
            keys[(ContentType.objects.get_for_model(model).pk, str(hit.obj.pk))] = hit
        if connection.vendor == "postgresql":
            # Any of the words marks, in the hit's own language (the active one, or the words of
            # every language when the hits came from the other locales).
            rows = _postgres_headlines(list(keys), terms, self.text_search_configs(locale=True))
            for content_type_id, object_id, text in rows:
                if hit := keys.get((content_type_id, object_id)):
                    hit.snippet = mark_headline(text or "")
            return
        from wagtail.search.models import IndexEntry

        condition = Q()
        for content_type_id, object_id in keys:
            condition |= Q(content_type_id=content_type_id, object_id=object_id)
        forms = [form for term in terms for form in term.forms]
        for content_type_id, object_id, body in IndexEntry.objects.filter(condition).values_list(
            "content_type_id", "object_id", "body"
        ):
            if hit := keys.get((content_type_id, object_id)):
                hit.snippet = highlight(body or "", forms)

    def _type_for_object(self, obj):
        if isinstance(obj, Page):
            content_type_id = obj.content_type_id
            for search_type in self.page_types():
                if ContentType.objects.get_for_model(search_type.model).pk == content_type_id:
                    return search_type
            return None
        return next((t for t in self.object_types() if isinstance(obj, t.model)), None)


def _postgres_headlines(keys, terms, configs):
    """``(content type id, object id, ts_headline)`` of the index rows of ``keys``: the headline
    from ``HEADLINE_WINDOW`` characters around the first place the first query word's stem
    stands ("borgere" → "borger", so "borgerne" is found too), or from the text's start. Plain
    SQL, the rows joined to the keys as two arrays: built through the ORM, the ten conditions and
    the headline expression took longer to compose than the query took to run."""
    from wagtail.search.models import IndexEntry

    config = configs[0]
    # Without a word, strpos finds the empty string at 1: the headline comes from the start.
    word = stem(terms[0].forms[0], config) if terms else ""
    queries, query_params = tsquery_sql(terms, "or", configs)
    options = ", ".join(
        connection.ops.compose_sql(f"{name}=%s", [value])
        for name, value in (
            ("StartSel", START_SEL),
            ("StopSel", STOP_SEL),
            ("MaxWords", 35),
            ("MinWords", 15),
            ("MaxFragments", 2),
            ("FragmentDelimiter", " … "),
        )
    )
    sql = (
        "SELECT e.content_type_id, e.object_id, ts_headline(%s::regconfig,"
        " substr(e.body_text, greatest(strpos(lower(e.body_text), %s) - %s, 1), %s),"
        f" {queries}, %s)"
        f" FROM {IndexEntry._meta.db_table} e"
        " JOIN unnest(%s::int[], %s::text[]) AS hit(content_type_id, object_id)"
        " USING (content_type_id, object_id)"
    )
    params = [config, word, HEADLINE_LEAD, HEADLINE_WINDOW]
    params += query_params
    params += [options, [key[0] for key in keys], [key[1] for key in keys]]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
