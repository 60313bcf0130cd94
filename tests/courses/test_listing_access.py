"""The course index lists only the courses its reader may open: a course restricted to a group the
learner is not in leaves the list, also when the index was seen before the restriction was added,
while its unrestricted sibling stays and the group's members still see both."""

import pytest
from django.contrib.auth.models import Group

from courses.models import CoursePage
from tests.conftest import add_page, restrict_to_group

pytestmark = pytest.mark.django_db


def test_a_course_restricted_to_a_group_leaves_the_course_index_of_readers_outside_it(
    client, learner, other_learner, course_index, user_course
):
    secret = add_page(
        course_index,
        CoursePage(
            title="Co-creation for analytikere",
            slug="analytiker",
            track="superbruger",
            intro="<p>Kun for analytikerne.</p>",
        ),
    )
    analysts = Group.objects.create(name="Analytikere")
    other_learner.groups.add(analysts)

    client.force_login(learner)
    html = client.get(course_index.url).text  # seen before the restriction exists
    assert "Co-creation for brugere" in html and "Co-creation for analytikere" in html

    restrict_to_group(secret, analysts)
    html = client.get(course_index.url).text
    assert "Co-creation for brugere" in html and "Grundkursus" in html
    assert "Co-creation for analytikere" not in html and "Kun for analytikerne." not in html
    assert client.get(secret.url).status_code == 403  # the course itself refuses the learner too

    client.force_login(other_learner)
    html = client.get(course_index.url).text
    assert "Co-creation for brugere" in html and "Co-creation for analytikere" in html
    assert client.get(secret.url).status_code == 200
