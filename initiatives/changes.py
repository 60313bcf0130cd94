"""Every change a member makes is kept: who, when and what, shown on the initiative's history."""


def record(initiative, user, summary):
    from .models import ChangeRecord

    # A new record moves the cached search outcomes on (home/invalidation.py): a changed
    # initiative must not be found by its old name.
    return ChangeRecord.objects.create(initiative=initiative, user=user, summary=summary[:300])
