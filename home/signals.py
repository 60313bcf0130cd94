from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import User
from .roles import LEARNERS


@receiver(post_save, sender=User)
def every_user_is_a_learner(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        group = Group.objects.filter(name=LEARNERS).first()
        if group:
            instance.groups.add(group)
