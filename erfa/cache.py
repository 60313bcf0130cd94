"""The latest approved experiences shown on a case, phase, tool or ERFA day page, from the cache.

At scale a page gathers thousands of posts (every post from one ERFA day, a third of all posts on a
busy phase), and sorting them for the newest few took 12–25 ms a view. The lists are kept under a
version number that any saved or deleted post, and any decision on one, moves on, so a
decision shows at once; the ten-minute timeout bounds what can only go stale through other
models, such as an author's changed name."""

from home import cache_versions

from .models import ExperiencePost

TIMEOUT = 10 * 60


def latest_approved_posts(page, fields, limit):
    """The ``limit`` newest approved posts linked to ``page`` (or a translation of it) through
    any of ``fields``, newest decision first, with their authors."""
    return cache_versions.cached(
        cache_versions.POSTS,
        "erfa-posts",
        page.translation_key,
        "-".join(fields),
        limit,
        compute=lambda: list(
            ExperiencePost.objects.approved()
            .on_page(page, *fields)
            .select_related("author")
            .order_by("-decided_at", "-pk")[:limit]
        ),
        timeout=TIMEOUT,
    )
