"""Search latency at 10,000 indexed documents on PostgreSQL, with and without the combined index.

Called by ``tests/bench/run.py`` (``make bench``) as ``run(client=..., measure=..., samples=...)``
inside its benchmark database, and runnable on its own against any migrated PostgreSQL database::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cc_search \\
        .venv/bin/python -m tests.bench.bench_search [--samples 30]

When the search index holds fewer than 10,000 documents it is topped up with index rows of Danish
text drawn from the seed catalogue, filed under a searched page type but pointing at no page: the
database reads and matches them like real documents, they never show up, and they are removed
afterwards. Each query is measured
twice in the same run: as the site has it, and inside a transaction that drops
``search_indexentry_title_body_gin`` (rolled back afterwards), three ways: the whole search page,
the bare backend query, and the backend's WHERE clause over the whole index table.

The filler rows match no page, so the backend query (which the planner drives from the few
hundred pages here) is not slowed by them; the index pays off where the planner starts from the
index table — tens of thousands of pages, or counting matches — which the third row measures.
Measured on the shared 2-core machine (2026-11-26): a rare word over 10,000 documents took 2.8 ms
with the index and 169 ms without it; a common word (a third of the documents) ~160-175 ms either
way, as PostgreSQL rightly prefers a sequential scan then."""

import argparse
import random
import re
import statistics
import time
from pathlib import Path

TARGET_DOCUMENTS = 10_000
INDEX_NAME = "search_indexentry_title_body_gin"
ROOT = Path(__file__).resolve().parents[2]
# ../shared from the project's root (one level further up from a git worktree under wt/).
SEEDS = [base / "shared" / "seed" / "casekatalog-2021.md" for base in (ROOT.parent, ROOT.parent.parent)]
# A word in a handful of documents, one in most of them, and two words together.
# (The filler repeats catalogue sentences, so a catalogue word like "tricktyveri" is in ~15 % of it.)
QUERIES = [
    ("rare", "hashsalg"),
    ("common", "samskabelse"),
    ("two words", "tryghed borgere"),
    ("typo", "natteliiv"),
]
FILLER_MARK = "bench-filler"


class _Rollback(Exception):
    pass


def _sentences():
    seed = next((path for path in SEEDS if path.exists()), None)
    text = seed.read_text(encoding="utf-8") if seed else ""
    sentences = [
        s.strip() for s in re.split(r"(?<=[.!?])\s+", re.sub(r"[#*>|_`-]+", " ", text)) if len(s) > 40
    ]
    return sentences or ["Politiet og borgerne skaber tryghed sammen i lokalområdet gennem samskabelse."]


def top_up_index():
    """Add filler index rows until the index holds TARGET_DOCUMENTS; returns how many were added."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.search.models import IndexEntry

    existing = IndexEntry.objects.count()
    missing = TARGET_DOCUMENTS - existing
    if missing <= 0:
        return 0
    sentences = _sentences()
    rng = random.Random(6)
    # Filed under a searched page type so the content-type filter cannot skip them.
    model = next((m for m in apps.get_models() if m._meta.label == "toolbox.ToolPage"), None)
    content_type = ContentType.objects.get_for_model(model or apps.get_model("home.HomePage"))
    rows = []
    for n in range(missing):
        title = " ".join(rng.choice(sentences).split()[:6])
        body = " ".join(rng.choice(sentences) for _ in range(12))
        rows.append((content_type.pk, f"{FILLER_MARK}-{n}", title, body))
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO wagtailsearch_indexentry"
            " (content_type_id, object_id, title_norm, title, autocomplete, body, title_text, body_text)"
            " VALUES (%s, %s, 1.0, to_tsvector('danish', %s), to_tsvector('simple', ''),"
            " to_tsvector('danish', %s), '', '')",
            [(ct, oid, title, body) for ct, oid, title, body in rows],
        )
        cursor.execute("ANALYZE wagtailsearch_indexentry")
    return missing


def remove_filler():
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.filter(object_id__startswith=FILLER_MARK).delete()


def _summary(times, url):
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"median": statistics.median(times), "p95": p95, "queries": 1, "url": url}


def _backend_timing(query, samples):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    times = []
    for n in range(samples + 3):
        started = time.perf_counter()
        list(backend.search(query, Page.objects.live())[:10])
        if n >= 3:
            times.append((time.perf_counter() - started) * 1000)
    return _summary(times, f"backend.search({query!r})")


def _filter_timing(query, samples):
    """The backend's WHERE clause over the whole index table: what a search costs once the planner
    starts from the index (many pages, counting every match), independent of the page tree."""
    from django.db import connection

    words = " & ".join(query.split())
    times = []
    with connection.cursor() as cursor:
        for n in range(samples + 3):
            started = time.perf_counter()
            cursor.execute(
                "SELECT count(*) FROM wagtailsearch_indexentry"
                " WHERE (title || body) @@ to_tsquery('danish', %s)",
                [words],
            )
            cursor.fetchone()
            if n >= 3:
                times.append((time.perf_counter() - started) * 1000)
    return _summary(times, f"(title || body) @@ {words!r}")


def _measure_all(client, measure, samples, label_suffix):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from tests.bench.run import forget_outcome

    user = get_user_model().objects.get(pk=client.session["_auth_user_id"])

    rows = []
    for label, query in QUERIES:
        url = f"{reverse('search')}?q={query}"

        result = measure(client, url, samples, prepare=forget_outcome(user, url))
        rows.append({"label": f"search page, {label} ({query}), first ask, {label_suffix}", **result})
        result = measure(client, url, samples)
        rows.append({"label": f"search page, {label} ({query}), repeated, {label_suffix}", **result})
        # The two parts below are SQL, not pages: shown for the index's effect, not held to a target.
        result = _backend_timing(query, samples)
        rows.append(
            {"kind": "part", "label": f"backend query only, {label} ({query}), {label_suffix}", **result}
        )
        result = _filter_timing(query, samples)
        rows.append(
            {
                "kind": "part",
                "label": f"index filter over all documents, {label} ({query}), {label_suffix}",
                **result,
            }
        )
    return rows


def run(client, measure, samples=30, compare_without_index=True, at_current_size=False):
    """Rows of {label, median, p95, queries, url}: each query at 10,000 documents with and
    without the combined index (and, with ``at_current_size``, first at the size the database
    has before it is topped up)."""
    from django.db import connection, transaction
    from wagtail.search.models import IndexEntry

    if connection.vendor != "postgresql":
        return []
    rows = []
    if at_current_size:
        rows += _measure_all(
            client, measure, samples, f"{IndexEntry.objects.count():,} documents (catalogue)"
        )
    added = top_up_index()
    documents = IndexEntry.objects.count()
    try:
        rows += _measure_all(client, measure, samples, f"combined index, {documents:,} documents")
        without = []
        if compare_without_index:
            try:
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute(f"DROP INDEX {INDEX_NAME}")
                    without = _measure_all(
                        client, measure, samples, f"no combined index, {documents:,} documents"
                    )
                    raise _Rollback
            except _Rollback:
                pass
        return rows + without
    finally:
        if added:
            remove_filler()


def main():
    import os

    import django

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--no-comparison", action="store_true", help="skip the rows without the index")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")
    django.setup()

    from django.test import Client
    from django.test.utils import setup_test_environment

    from home.models import User
    from tests.bench.run import measure

    setup_test_environment()
    user, _created = User.objects.get_or_create(email="bench-search@politi.dk")
    client = Client()
    client.force_login(user)
    print("| what | median ms | p95 ms | × /healthz | queries |")
    print("|---|---:|---:|---:|---:|")
    # The bare view run.py measures against, and a plain signed-in page, beside the searches.
    baseline = {"label": "/healthz (baseline)", **measure(client, "/healthz", args.samples)}
    rows = [baseline, {"label": "plain page view (home page)", **measure(client, "/", args.samples)}]
    rows += run(client, measure, args.samples, not args.no_comparison, at_current_size=True)
    for row in rows:
        ratio = row["median"] / baseline["median"]
        print(f"| {row['label']} | {row['median']:.1f} | {row['p95']:.1f} | {ratio:.1f} | {row['queries']} |")


if __name__ == "__main__":
    main()
