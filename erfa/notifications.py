"""Emails about experience posts: moderators hear of a new submission, authors of the decision.

Sent after the transaction commits, so nobody is told about a change that was rolled back."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail, send_mass_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from home.roles import MODERATORS


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def moderator_emails():
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=MODERATORS) | Q(is_superuser=True))
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def notify_moderators_of_submission(post):
    recipients = moderator_emails()
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"post": post, "queue_url": absolute_url(reverse("erfa_moderation_queue"))}
        subject = render_to_string("erfa/email/submitted_subject.txt", context).strip()
        body = render_to_string("erfa/email/submitted_body.txt", context)
    send_mass_mail([(subject, body, None, [email]) for email in recipients], fail_silently=False)


def notify_author_of_decision(post):
    if not post.author.email:
        return
    with translation.override(post.language or settings.LANGUAGE_CODE):
        context = {"post": post, "post_url": absolute_url(post.get_absolute_url())}
        subject = render_to_string("erfa/email/decision_subject.txt", context).strip()
        body = render_to_string("erfa/email/decision_body.txt", context)
    send_mail(subject, body, None, [post.author.email])


def notify_promoted_from_waiting_list(sign_up):
    if not sign_up.user.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"sign_up": sign_up, "day_url": absolute_url(sign_up.day.url)}
        subject = render_to_string("erfa/email/promoted_subject.txt", context).strip()
        body = render_to_string("erfa/email/promoted_body.txt", context)
    send_mail(subject, body, None, [sign_up.user.email])
