"""The search on the database backends (PostgreSQL, SQLite): the index Wagtail keeps is matched
once for every searched type (search/matching.py), and the hits, their total and the type, phase and district
counts all come from those rows, scored with the backend's own formula so the models merge by
score. Elasticsearch answers all of it in one request instead (search/elasticsearch.py)."""

import hashlib
from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from home import cache_versions

from .matching import matched_entries, with_pks
from .query import PER_PAGE, Match
from .registry import has_field
from .text import text_search_config

# Query-independent facts (the visible pages, their districts and phases, the phases) are keyed by
# the content version, so they never go stale; the timeout only lets unused versions expire.
SEARCH_FACTS_SECONDS = 60 * 60


class DatabaseMatching:
    """Mixed into ``SiteSearch``: needs its visibility (``visible_pages``, ``visible_objects``),
    ``phases()``, ``_hits`` and ``_facet_options``."""

    def _run_database(self, outcome, request, terms, locale):
        matches = self._matches(terms, locale)
        outcome.facets = self._facets(matches, request)
        chosen = [match for match in matches if match.passes(request)]
        outcome.count = len(chosen)
        chosen.sort(key=lambda match: (match.score, match.pk), reverse=True)
        start = (outcome.page - 1) * PER_PAGE
        entries = [
            (match.score, match.search_type, match.pk, None) for match in chosen[start : start + PER_PAGE]
        ]
        outcome.hits = self._hits(entries, terms)

    def text_search_configs(self, locale=True):
        """The text-search configuration of the active language, or of every language."""
        if locale:
            return [text_search_config(self.locale.language_code)]
        return sorted({text_search_config(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES})

    def _matches(self, terms, locale):
        """Every visible object matching ``terms``, with what the filters and facets need: one
        full-text query for all the searched types (search/matching.py); then what this user may
        see of it: pages against the cached facts of the visible pages and of their districts and
        phases, every other type by one plain query."""
        content_types = ContentType.objects.get_for_models(*(t.model for t in self.types))
        entries = matched_entries(
            terms, self.operator, self.text_search_configs(locale), [ct.pk for ct in content_types.values()]
        )
        if not entries:
            return []
        matches = []
        page_types = self.page_types()
        if page_types:
            by_content_type = {content_types[t.model].pk: t for t in page_types}
            scores = _object_scores(entries, by_content_type, Page)
            visible = self._visible_page_facts(locale)
            by_type = {}
            tree_phase = self._tree_phases()
            for (pk, content_type_id), score in scores.items():
                fact = visible.get(pk)
                if fact is None or fact[0] != content_type_id:
                    continue  # not live, restricted from this user, or in another language
                search_type = by_content_type[content_type_id]
                phase = tree_phase(fact[1])
                match = Match(search_type, pk, score, phases={phase} if phase else set())
                matches.append(match)
                by_type.setdefault(search_type, {})[pk] = match
            for search_type, found in by_type.items():
                if self._relation_fields(search_type):
                    relations = self._page_relations(search_type)
                    for pk, match in found.items():
                        if (relation := relations.get(pk)) is not None:
                            match.district = relation[0]
                            match.phases.update(relation[1])
        for search_type in self.object_types():
            content_type_id = content_types[search_type.model].pk
            scores = _object_scores(entries, {content_type_id: search_type}, search_type.model)
            if not scores:
                continue
            fields = self._relation_fields(search_type)
            rows = list(
                with_pks(self.visible_objects(search_type, locale), [pk for pk, _ct in scores]).values_list(
                    "pk", *fields
                )
            )
            found = {}
            for pk, *_values in rows:
                if pk not in found:
                    found[pk] = Match(search_type, pk, scores[(pk, content_type_id)])
                    matches.append(found[pk])
            if fields:
                self._add_relations(found, rows, search_type)
        return matches

    def _visible_page_facts(self, locale):
        """``{pk: (content type id, path)}`` of every page of the searched types this user may
        see (in the active locale, or all): the same for every query, so cached under the content
        version and the restrictions that hide pages from the user, like the outcomes."""

        def facts():
            rows = self.visible_pages(locale=locale).values_list("pk", "content_type_id", "path")
            return {pk: (content_type_id, path) for pk, content_type_id, path in rows}

        searched = (self.locale.pk if locale else None, self._hiding, tuple(t.key for t in self.page_types()))
        return self.search_fact(
            "pages", hashlib.sha256(repr(searched).encode()).hexdigest()[:32], compute=facts
        )

    def _page_relations(self, search_type):
        """``{pk: (district or None, phase ids in the active locale)}`` for every page of the type:
        what the facets and filters need, which no query changes. Read for hundreds of matches at
        once, so kept in the cache under the content version (bumped by every publish) and the
        locale; computed from the database when the cache is cold or down."""

        def relations():
            rows = list(search_type.model.objects.values_list("pk", *self._relation_fields(search_type)))
            found = {row[0]: Match(search_type, row[0], 0.0) for row in rows}
            self._add_relations(found, rows, search_type)
            return {pk: (match.district, tuple(match.phases)) for pk, match in found.items()}

        return self.search_fact("relations", self.locale.pk, search_type.key, compute=relations)

    def search_fact(self, *parts, compute):
        """A fact that no query changes, from the cache under the content version (read once per
        search), or ``compute()``d and kept there; from the database when the cache is down."""
        if not hasattr(self, "_content_version"):
            self._content_version = cache_versions.current(cache_versions.CONTENT)
        return cache_versions.cached(
            cache_versions.CONTENT,
            "search-facts",
            *parts,
            compute=compute,
            timeout=SEARCH_FACTS_SECONDS,
            version=self._content_version,
        )

    @staticmethod
    def _relation_fields(search_type):
        return tuple(
            name
            for name in (search_type.district_field, search_type.phase_field)
            if has_field(search_type.model, name)
        )

    def _add_relations(self, found, rows, search_type):
        """Set the district and the linked phases of each match from ``(pk, district?, phase?)``
        rows (one row per linked phase)."""
        has_district = has_field(search_type.model, search_type.district_field)
        has_phase = has_field(search_type.model, search_type.phase_field)
        aliases = self.phase_aliases() if has_phase else {}
        for pk, *values in rows:
            match = found.get(pk)
            if match is None:
                continue
            if has_district:
                match.district = values.pop(0)
            if has_phase and values and (phase := aliases.get(values[0])) is not None:
                match.phases.add(phase)

    def _tree_phases(self):
        """A function giving the phase (in the active locale) a page is below or is, by its tree
        path, or None."""
        phases = self.phases()
        if not phases:
            return lambda path: None
        by_path = {phase["path"]: phase["pk"] for phase in phases}
        length = phases[0]["depth"] * Page.steplen
        return lambda path: by_path.get(path[:length])

    def _facets(self, matches, request):
        """Counts for each filter option over the words searched (ignoring the other filters,
        so every option shows what choosing it would give), from the matches themselves."""
        type_counts, phase_counts, district_counts = Counter(), Counter(), Counter()
        for match in matches:
            type_counts[match.search_type.key] += 1
            phase_counts.update(match.phases)
            if match.district is not None:
                district_counts[match.district] += 1
        return self._facet_options(request, type_counts, phase_counts, district_counts)


def _object_scores(entries, content_types, model):
    """``{(pk, content_type_id): score}`` of the matched index rows of ``content_types``, with the
    index's text object ids read as ``model``'s primary keys (rows that are not one are skipped)."""
    from django.core.exceptions import ValidationError

    scores = {}
    pk_field = model._meta.pk
    integer_keys = pk_field.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField"} or (
        pk_field.is_relation and pk_field.target_field.get_internal_type() in {"AutoField", "BigAutoField"}
    )
    for content_type_id in content_types:
        for object_id, score in entries.get(content_type_id, {}).items():
            if integer_keys:
                # The common case, without raising and catching an error per foreign row.
                if object_id.isdigit():
                    scores[(int(object_id), content_type_id)] = score
                continue
            try:
                scores[(pk_field.to_python(object_id), content_type_id)] = score
            except (TypeError, ValueError, ValidationError):
                continue
    return scores
