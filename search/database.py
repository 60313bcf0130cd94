"""The search on the database backends (PostgreSQL, SQLite): the index Wagtail keeps is matched
once per source (search/matching.py), and the hits, their total and the type, phase and district
counts all come from those rows, scored with the backend's own formula so the models merge by
score. Elasticsearch answers all of it in one request instead (search/elasticsearch.py)."""

from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from .matching import matching_rows
from .query import PER_PAGE, Match
from .registry import has_field
from .text import text_search_config


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
        full-text query for the pages, one for each other type, and one plain query for each
        page type with a district or linked phases (search/matching.py)."""
        configs = self.text_search_configs(locale)
        matches = []
        page_types = self.page_types()
        if page_types:
            content_types = ContentType.objects.get_for_models(*(t.model for t in page_types))
            by_content_type = {content_types[t.model].pk: t for t in page_types}
            rows = matching_rows(
                self.visible_pages(locale=locale), terms, self.operator, configs, ("content_type_id", "path")
            )
            by_type = {}
            for pk, score, content_type_id, path in rows:
                search_type = by_content_type.get(content_type_id)
                if search_type is None:
                    continue
                tree_phase = self._tree_phase(path)
                match = Match(search_type, pk, score, phases={tree_phase} if tree_phase else set())
                matches.append(match)
                by_type.setdefault(search_type, {})[pk] = match
            for search_type, found in by_type.items():
                fields = self._relation_fields(search_type)
                if fields:
                    rows = search_type.model.objects.filter(pk__in=list(found)).values_list("pk", *fields)
                    self._add_relations(found, rows, search_type)
        for search_type in self.object_types():
            fields = self._relation_fields(search_type)
            rows = matching_rows(
                self.visible_objects(search_type, locale), terms, self.operator, configs, fields
            )
            found = {}
            for pk, score, *_values in rows:
                if pk not in found:
                    found[pk] = Match(search_type, pk, score)
                    matches.append(found[pk])
            if fields:
                self._add_relations(found, [(row[0], *row[2:]) for row in rows], search_type)
        return matches

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

    def _tree_phase(self, path):
        """The phase (in the active locale) a page is below or is, by its tree path."""
        phases = self.phases()
        if not phases:
            return None
        if not hasattr(self, "_phases_by_path"):
            self._phases_by_path = {phase["path"]: phase["pk"] for phase in phases}
            self._phase_path_length = phases[0]["depth"] * Page.steplen
        return self._phases_by_path.get(path[: self._phase_path_length])

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
