"""ERFA emails as background tasks: the request that triggers one only queues it (by id, so the
worker reads the post or sign-up as it is when the email goes out)."""

from celery import shared_task

from erfa import notifications


@shared_task
def notify_moderators_of_submission(post_id):
    from erfa.models import ExperiencePost

    post = ExperiencePost.objects.select_related("author").filter(pk=post_id).first()
    if post is not None:
        notifications.notify_moderators_of_submission(post)


@shared_task
def notify_author_of_decision(post_id):
    from erfa.models import ExperiencePost

    post = ExperiencePost.objects.select_related("author").filter(pk=post_id).first()
    if post is not None:
        notifications.notify_author_of_decision(post)


@shared_task
def notify_promoted_from_waiting_list(sign_up_id):
    from erfa.models import SignUp

    sign_up = SignUp.objects.select_related("user", "day").filter(pk=sign_up_id).first()
    if sign_up is not None:
        notifications.notify_promoted_from_waiting_list(sign_up)
