"""``manage.py load_catalogue`` for ERFA: the index page, its days and the demo experience posts."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Locale

from erfa.models import ErfaDayPage, ErfaIndexPage, ExperiencePost
from home.catalogue import read_content, translate, upsert_page


def load_erfa(ctx):
    content = read_content("erfa", "erfa")
    index_content = content["index"]
    index_page = upsert_page(
        ctx,
        ctx.home,
        ErfaIndexPage,
        index_content["slug"],
        {"title": index_content["title"], "intro": index_content["intro"], "show_in_menus": True},
    )
    translate(index_page, index_content.get("english"))

    days = {}
    for day in content["days"]:
        page = upsert_page(
            ctx,
            index_page,
            ErfaDayPage,
            day["slug"],
            {
                "title": day["title"],
                "starts_at": parse_datetime(day["starts_at"]),
                "ends_at": parse_datetime(day["ends_at"]),
                "place": day["place"],
                "address": day.get("address", ""),
                "capacity": day["capacity"],
                "intro": day.get("intro", ""),
                "programme": [_programme_block(block) for block in day["programme"]],
            },
        )
        translate(page, day.get("english"))
        days[day["slug"]] = page
        ctx.count("ERFA days")

    _load_demo_posts(ctx, content.get("posts", []), days)


def _programme_block(block):
    value = block["value"]
    if block["type"] == "item":
        # Optional text left out of the file is stored as "" (what the editor stores), not None.
        value = {"ends": None, "speaker": "", "description": "", **value}
    return (block["type"], value)


def _linked_page(kind, slug_part):
    """The live page of this kind whose slug contains ``slug_part``; the toolbox and cases apps
    choose their own slugs, so an exact match would break when they rename."""
    if not slug_part:
        return None
    pages = ExperiencePost._meta.get_field(kind).related_model.objects.live()
    return pages.filter(slug__icontains=slug_part, locale=Locale.get_default()).order_by("path").first()


def _load_demo_posts(ctx, posts, days):
    users = {u.email: u for u in get_user_model().objects.filter(email__in=[p["author"] for p in posts])}
    for item in posts:
        author = users.get(item["author"])
        if author is None:
            ctx.log(f"  experience post skipped (no demo user {item['author']}): {item['title']}")
            continue
        post = ExperiencePost.objects.filter(author=author, title=item["title"]).first() or ExperiencePost(
            author=author, title=item["title"]
        )
        post.text = item["text"]
        post.language = "da"
        post.erfa_day = days.get(item.get("day"))
        post.case = _linked_page("case", item.get("case"))
        post.phase = _linked_page("phase", item.get("phase"))
        post.tool = _linked_page("tool", item.get("tool"))
        post.state = ExperiencePost.State.APPROVED
        if post.decided_at is None:
            post.decided_at = post.erfa_day.ends_at if post.erfa_day else timezone.now()
        post.save()
        post.tags.set(item.get("tags", []))
        ctx.count("experience posts")
