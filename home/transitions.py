"""State changes that happen at most once, however many requests ask for them at the same time."""


def move_state(instance, from_states, to_state, **fields):
    """Set ``instance.state`` to ``to_state`` (and ``fields`` with it) only if the row is still in
    one of ``from_states``; True when this call moved it.

    Why a conditional UPDATE and not "read the state, check it, save": two requests (a learner's
    double submit, two moderators deciding the same post) both read the old state and both save,
    so both win. ``UPDATE ... WHERE pk = %s AND state IN (...)`` lets the database decide: exactly
    one of them changes the row, the other sees 0 rows and can refuse. The instance is updated
    only when the row was, so it never shows a state the database does not have."""
    fields["state"] = to_state
    moved = type(instance)._base_manager.filter(pk=instance.pk, state__in=from_states).update(**fields)
    if moved:
        for name, value in fields.items():
            setattr(instance, name, value)
    return bool(moved)
