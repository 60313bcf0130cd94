"""Every change a member makes is kept: who, when and what, shown on the initiative's history."""

from home import cache_versions


def record(initiative, user, summary):
    from .models import ChangeRecord

    # Search outcomes are cached; a changed initiative must not be found by its old name.
    cache_versions.bump(cache_versions.POSTS)
    return ChangeRecord.objects.create(initiative=initiative, user=user, summary=summary[:300])
