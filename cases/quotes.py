"""The home page's rotating voice: one quote a day, the same for every reader who may open the
same cases (a quote from a case the reader may not open is never picked), picked on the server."""

from django.utils import timezone

from home import cache_versions
from home.access import access_key, readable, visible_to
from home.routing import active_locale

from .cache import TIMEOUT
from .models import Quote


def quote_of_the_day(locale, user, day=None):
    day = day or timezone.localdate()
    quote = cache_versions.cached(
        cache_versions.CONTENT,
        "cases:quote-of-the-day",
        locale.pk,
        day.isoformat(),
        access_key(user),
        compute=lambda: _pick(locale, user, day),
        timeout=TIMEOUT,
    )
    return quote or None


def _pick(locale, user, day):
    quotes = visible_to(
        Quote.objects.filter(locale=locale).with_originals().order_by("pk"), user, prefix="case__"
    )
    count = quotes.count()
    if not count:
        return False
    picked = quotes.select_related("case")[day.toordinal() % count]
    case = picked.case if readable(picked.case, user) else None
    return {
        "text": picked.text,
        "attribution": picked.attribution or picked.get_voice_display(),
        "translated_from_original": picked.translated_from_original,
        "original_text": picked.original_text,
        "case_title": case.title if case else "",
        "case_url": case.get_url() if case else "",
    }


def quote_of_the_day_panel(request):
    quote = quote_of_the_day(active_locale(), request.user)
    if quote is None:
        return None
    return {"template": "cases/includes/quote_panel.html", "order": 60, "quote": quote}
