"""A phase page lists only the tools its reader may open: a tool restricted to a group the learner
is not in leaves the list, also when the list was cached before the restriction was added, while
its unrestricted sibling stays and the group's members still see both."""

import pytest
from django.contrib.auth.models import Group

from tests.conftest import restrict_to_group

from .conftest import add_tool

pytestmark = pytest.mark.django_db


def test_a_tool_restricted_to_a_group_leaves_the_phase_list_of_readers_outside_it(
    client, learner, other_learner, phases
):
    phase = phases[0]
    add_tool(phase, "ankerperson", "Ankerpersonen", summary="Rollen, der sikrer sammenhæng.")
    secret = add_tool(phase, "analysenotat", "Analysenotatet", summary="Kun for analytikerne.")
    analysts = Group.objects.create(name="Analytikere")
    other_learner.groups.add(analysts)

    client.force_login(learner)
    html = client.get(phase.url).text  # fills the cached list before the restriction exists
    assert "Ankerpersonen" in html and "Analysenotatet" in html

    restrict_to_group(secret, analysts)
    html = client.get(phase.url).text
    assert "Ankerpersonen" in html and "Rollen, der sikrer sammenhæng." in html
    assert "Analysenotatet" not in html and "Kun for analytikerne." not in html
    assert client.get(secret.url).status_code == 403  # the tool itself refuses the learner too

    client.force_login(other_learner)
    html = client.get(phase.url).text
    assert "Ankerpersonen" in html and "Analysenotatet" in html
    assert client.get(secret.url).status_code == 200
