"""Which content pages are due for review, for the admin's dashboard panel, its report and the
owners' emails. Every page model with ContentReviewMixin takes part, found by the mixin."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import ContentReviewMixin, ReviewReminder

DUE_SOON_DAYS = 30


def reviewed_models():
    return [model for model in apps.get_models() if issubclass(model, ContentReviewMixin)]


@dataclass
class DuePage:
    page: object
    review_by: datetime.date
    owner: object

    @property
    def overdue(self):
        return self.review_by < timezone.localdate()

    @property
    def kind(self):
        return self.page._meta.verbose_name


def pages_due(within_days=DUE_SOON_DAYS, owner_id=None, today=None):
    """Live pages whose review date has passed or falls within ``within_days``, soonest first
    (one query per page model)."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=within_days)
    due = []
    for model in reviewed_models():
        pages = (
            model.objects.live()
            .filter(review_by__lte=limit)
            .select_related("content_owner")
            .defer_streamfields()
            .only("id", "title", "review_by", "content_owner", "locale_id", "depth", "path", "url_path")
        )
        if owner_id:
            pages = pages.filter(content_owner_id=owner_id)
        due.extend(DuePage(page, page.review_by, page.content_owner) for page in pages)
    return sorted(due, key=lambda item: (item.review_by, item.page.title))


def owners():
    """Everyone who owns at least one content page, for the report's filter."""
    from django.contrib.auth import get_user_model

    owned = set()
    for model in reviewed_models():
        owned.update(
            model.objects.filter(content_owner__isnull=False).values_list("content_owner_id", flat=True)
        )
    return get_user_model().objects.filter(pk__in=owned).order_by("first_name", "last_name", "email")


def send_review_reminders(today=None):
    """Email each owner of a live page whose review date has come, once per page and date: the
    reminder's row is claimed before the email goes out. Returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for item in pages_due(within_days=0, today=today):
        if item.owner is None or not item.owner.email or not item.owner.is_active:
            continue
        try:
            with transaction.atomic():
                claim = ReviewReminder.objects.create(page_id=item.page.pk, review_by=item.review_by)
        except IntegrityError:
            continue
        try:
            _email_owner(item)
        except Exception:
            claim.delete()
            raise
        sent += 1
    return sent


def _email_owner(item):
    from django.core.mail import send_mail

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "item": item,
            "edit_url": base + reverse("wagtailadmin_pages:edit", args=[item.page.pk]),
            "report_url": base + reverse("home_review_report"),
        }
        subject = render_to_string("home/email/review_subject.txt", context).strip()
        body = render_to_string("home/email/review_body.txt", context)
    send_mail(subject, body, None, [item.owner.email])
