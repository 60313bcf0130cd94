"""The search as one Elasticsearch 8 request, built with the Elasticsearch DSL (``elasticsearch.dsl``).

Used instead of the database path of ``search/service.py`` when ``ELASTICSEARCH_URL`` is set.
Wagtail keeps the documents in the index (pages in one index, each other model in its own); this
module only reads: one ``_search`` over those indices that

- matches the words in every searched source, each with its own visibility filters — Wagtail's
  own query compiler turns the same querysets the database path uses (live, locale, view
  restrictions, ``searchable_for(user)``) into Elasticsearch filters, so both paths show a user
  exactly the same objects;
- applies the user's type, phase and district choices as a ``post_filter``, so the aggregations
  count every match (each filter option shows what choosing it gives) while the hits are filtered;
- asks for highlighted fragments, delimited with the same markers as PostgreSQL's ts_headline
  (escaped and marked by ``search.highlight.mark_headline``).

The Danish analyzer is set in the index settings (``config/settings/base.py``,
``WAGTAILSEARCH_BACKENDS["default"]["INDEX_SETTINGS"]``)."""

from elasticsearch.dsl import Q, Search
from wagtail.search import index
from wagtail.search.query import Fuzzy

from .highlight import START_SEL, STOP_SEL

PATH_COLUMN = "path_filter"  # Page's FilterField("path"), defined on the root model
CONTENT_TYPE_COLUMN = "_django_content_type"
FRAGMENT_SIZE = 180


def filter_column(backend, model, field_name):
    """The document field holding ``model``'s FilterField ``field_name`` (or of the foreign key's
    column, ``district_id`` for ``district``); None when the model declares neither: it is then
    left out of that facet."""
    for field in model.get_search_fields():
        if isinstance(field, index.FilterField) and field.field_name in (field_name, f"{field_name}_id"):
            return backend.mapping_class(model).get_field_column_name(field)
    return None


def source_query(backend, queryset, query, operator):
    """Wagtail's own Elasticsearch query for ``queryset`` (its filters and content type) and the
    words, as a dictionary. The words match with ``fuzziness: AUTO`` (Wagtail's ``Fuzzy``): one
    letter wrong in a word of three to five letters, two in a longer one, still matches — the
    database path's vocabulary corrections (search/vocabulary.py) done by Elasticsearch itself."""
    compiler = backend.query_compiler_class(queryset, Fuzzy(query, operator=operator))
    compiler.check()
    return compiler.get_query()


def content_type_label(search_type):
    model = search_type.model
    return f"{model._meta.app_label}.{model.__name__}"


def build_search(backend, sources, query, operator, *, request, phases, start, stop, phase_aliases=None):
    """The DSL ``Search`` for one result page.

    ``sources`` are ``(queryset, search_types)`` pairs of what the user may find; ``request`` the
    ``SearchRequest`` (its filters go to the post_filter); ``phases`` the phase pages
    (``pk``/``path``) for the phase facet; ``phase_aliases`` maps the id of a phase in any
    language to the facet's phase (a case links to the Danish phase, the English site filters by
    the English one)."""
    indices = sorted({backend.get_index_for_model(queryset.model).name for queryset, _types in sources})
    should = [Q(source_query(backend, queryset, query, operator)) for queryset, _types in sources]
    search = Search(using=backend.es, index=indices)
    search = search.query(Q("bool", should=should, minimum_should_match=1))
    search = search.source([CONTENT_TYPE_COLUMN, "pk"]).extra(track_total_hits=True)
    search = search.highlight_options(
        pre_tags=[START_SEL],
        post_tags=[STOP_SEL],
        fragment_size=FRAGMENT_SIZE,
        number_of_fragments=2,
        require_field_match=False,
    ).highlight("*")

    search_types = [search_type for _queryset, types in sources for search_type in types]
    district_columns = _columns(backend, search_types, "district_field")
    phase_columns = _columns(backend, search_types, "phase_filter_field", "phase_field")

    search.aggs.bucket("type", "terms", field=CONTENT_TYPE_COLUMN, size=100)
    for column in sorted(set(district_columns.values())):
        search.aggs.bucket(f"district__{column}", "terms", field=column, size=100)
    if phases:
        search.aggs.bucket(
            "phase_tree",
            "filters",
            filters={str(phase["pk"]): Q("prefix", **{PATH_COLUMN: phase["path"]}) for phase in phases},
        )
    for column in sorted(set(phase_columns.values())):
        search.aggs.bucket(f"phase__{column}", "terms", field=column, size=100)

    post_filter = _post_filter(request, search_types, district_columns, phase_columns, phases, phase_aliases)
    if post_filter is not None:
        search = search.post_filter(post_filter)
    return search[start:stop]


def _columns(backend, search_types, *attributes):
    """The document field of each type's FilterField named by the first of ``attributes`` set."""
    columns = {}
    for search_type in search_types:
        field_name = next((name for a in attributes if (name := getattr(search_type, a))), "")
        if field_name and (column := filter_column(backend, search_type.model, field_name)):
            columns[search_type.key] = column
    return columns


def _post_filter(request, search_types, district_columns, phase_columns, phases, phase_aliases=None):
    filters = []
    if request.types:
        chosen = [content_type_label(t) for t in search_types if t.key in request.types]
        filters.append(Q("terms", **{CONTENT_TYPE_COLUMN: chosen}))
    if request.district:
        filters.append(
            Q(
                "bool",
                # Dicts, not keyword arguments: the DSL would turn the "__" of a column name
                # ("cases_casepage__district_id_filter") into a dotted path.
                should=[
                    Q({"term": {column: request.district}})
                    for column in sorted(set(district_columns.values()))
                ],
                minimum_should_match=1,
            )
        )
    if request.phase:
        phase_ids = sorted(
            {pk for pk, alias in (phase_aliases or {}).items() if alias == request.phase} | {request.phase}
        )
        in_phase = [Q({"terms": {column: phase_ids}}) for column in sorted(set(phase_columns.values()))]
        phase_path = next((phase["path"] for phase in phases if phase["pk"] == request.phase), None)
        if phase_path:
            in_phase.append(Q("prefix", **{PATH_COLUMN: phase_path}))
        filters.append(Q("bool", should=in_phase, minimum_should_match=1))
    if not filters:
        return None
    return Q("bool", filter=filters)


def read_response(response, search_types, phase_aliases=None):
    """(score, search type, pk, fragments) for each hit, and the facet counts by key (linked
    phases counted for their facet phase through ``phase_aliases``)."""
    by_label = {content_type_label(t): t for t in search_types}
    entries = []
    for hit in response.hits:
        content_types = list(getattr(hit, CONTENT_TYPE_COLUMN, []) or [])
        search_type = next((by_label[label] for label in content_types if label in by_label), None)
        if search_type is None:
            continue
        fragments = []
        highlight = getattr(hit.meta, "highlight", None)
        if highlight is not None:
            for _field, texts in highlight.to_dict().items():
                fragments.extend(texts)
        entries.append((hit.meta.score or 0.0, search_type, int(hit.pk), " … ".join(fragments[:2])))

    aggregations = response.aggregations.to_dict() if hasattr(response, "aggregations") else {}
    type_counts = {}
    for bucket in aggregations.get("type", {}).get("buckets", []):
        if (search_type := by_label.get(bucket["key"])) is not None:
            type_counts[search_type.key] = bucket["doc_count"]
    district_counts, phase_counts = {}, {}

    def add(counts, key, n):
        counts[int(key)] = counts.get(int(key), 0) + n

    for name, aggregation in aggregations.items():
        if name.startswith("district__"):
            for bucket in aggregation["buckets"]:
                add(district_counts, bucket["key"], bucket["doc_count"])
        elif name.startswith("phase__"):
            for bucket in aggregation["buckets"]:
                key = int(bucket["key"])
                add(phase_counts, (phase_aliases or {}).get(key, key), bucket["doc_count"])
        elif name == "phase_tree":
            for key, bucket in aggregation["buckets"].items():
                add(phase_counts, key, bucket["doc_count"])
    return entries, {"type": type_counts, "district": district_counts, "phase": phase_counts}
