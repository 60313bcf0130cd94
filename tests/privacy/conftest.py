import datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Comment
from wagtail.users.models import UserProfile

from courses.models import CourseAssignment, ReflectionAnswer
from erfa.models import SignUp
from home.roles import LEARNERS
from initiatives.changes import record
from initiatives.models import Goal, Initiative, Measurement, Membership, PhaseMove, Ripple
from tests.conftest import make_user, page_action
from tests.courses.conftest import (  # noqa: F401
    add_page,
    course_index,
    lessons_of,
    module_of,
    right_answers,
    user_course,
)
from tests.erfa.conftest import add_day, erfa_index, make_post  # noqa: F401

FIRST_NAME = "Gunnhild"
LAST_NAME = "Zackariassen"
EMAIL = "gunnhild.zack@politi.dk"
NEEDLES = [FIRST_NAME, LAST_NAME, EMAIL]


def finish_course(client, course):
    for lesson in lessons_of(course):
        client.get(lesson.url)  # opening a lesson enrols in the course
        client.post(page_action(lesson, "lesson_done"))
    module = module_of(course)
    client.post(page_action(module, "quiz_start"))
    attempt = module.quiz.attempts.get()
    client.post(reverse("courses:attempt_submit", args=[attempt.pk]), right_answers(attempt))


@pytest.fixture
def person(db, district):
    return make_user(
        EMAIL,
        LEARNERS,
        first_name=FIRST_NAME,
        last_name=LAST_NAME,
        district=district,
        job_title="Politiassistent",
    )


@pytest.fixture
def admin_user(db):
    return make_user("admin@politi.dk", is_superuser=True, is_staff=True, first_name="Ada", last_name="Admin")


@pytest.fixture
def everything(client, person, other_learner, moderator, admin_user, user_course, erfa_index, district):  # noqa: F811
    """The person has used every part of the site, and others have written her name down."""
    client.force_login(person)
    finish_course(client, user_course)
    lesson = lessons_of(user_course)[0]
    ReflectionAnswer.objects.create(
        user=person,
        lesson=lesson,
        block_id="r1",
        question="Hvad tager du med?",
        answer="Jeg, Gunnhild, vil prøve det.",
    )
    CourseAssignment.objects.create(
        user=person,
        course=user_course,
        due_date=timezone.localdate() + datetime.timedelta(days=20),
        assigned_by=moderator,
    )
    coming = add_day(erfa_index, capacity=1)
    SignUp.objects.create(day=coming, user=person, status=SignUp.Status.CONFIRMED)
    SignUp.objects.create(day=coming, user=other_learner, status=SignUp.Status.WAITING)
    past = add_day(erfa_index, "ERFA-dag: Værdiskabelse og fremdrift", days_ahead=-60)
    SignUp.objects.create(day=past, user=person, status=SignUp.Status.CONFIRMED)
    make_post(person, text="Hilsen Gunnhild Zackariassen fra Nordjylland.")

    initiative = Initiative.objects.create(
        name="Tryg i Vestbyen",
        district=district,
        challenge="Hvordan bliver Vestbyen tryggere?",
        created_by=person,
        anchor_person=person,
        tovholder="Gunnhild Zackariassen",
    )
    Membership.objects.create(initiative=initiative, user=person)
    Membership.objects.create(initiative=initiative, user=other_learner, added_by=person)
    record(initiative, other_learner, "Inviterede Gunnhild Zackariassen i arbejdsgruppen")
    record(initiative, person, "Oprettede initiativet")
    PhaseMove.objects.create(initiative=initiative, from_phase=1, to_phase=2, note="Klar", moved_by=person)
    goal = Goal.objects.create(
        initiative=initiative, kind="process", measure="qualitative", text="Flere møder", created_by=person
    )
    Measurement.objects.create(
        goal=goal, measured_on=timezone.localdate(), note="To møder", recorded_by=person
    )
    Ripple.objects.create(
        initiative=initiative,
        noticed_on=timezone.localdate(),
        noticed_by="Gunnhild Zackariassen (gunnhild.zack@politi.dk)",
        description="Skolen tog kontakt",
        recorded_by=person,
    )

    EmailAddress.objects.create(user=person, email=EMAIL, verified=True, primary=True)
    SocialAccount.objects.create(
        user=person,
        provider="openid_connect",
        uid="entra-4711",
        extra_data={"email": EMAIL, "name": "Gunnhild Zackariassen"},
    )
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = "da"
    profile.save()
    Comment.objects.create(
        page=user_course, user=person, text="Gunnhild foreslår et eksempel mere", contentpath="title"
    )
    # The admin's history of the account, Wagtail's and Django's, names it.
    log(person, "wagtail.edit", user=admin_user)
    LogEntry.objects.create(
        user=admin_user,
        content_type=ContentType.objects.get_for_model(person),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message=f"Ændrede e-mail til {EMAIL}",
    )
    user_course.content_owner = person
    user_course.save()
    return {"initiative": initiative, "coming_day": coming, "past_day": past}


def tables_mentioning(needles):
    """{table: [needle, ...]} for every table of the database (Django's, Wagtail's, allauth's, the
    search index's, ours) with any column whose text holds a needle (case-insensitive)."""
    found = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                column.name for column in connection.introspection.get_table_description(cursor, table)
            ]
            for needle in needles:
                condition = " OR ".join(f"LOWER(CAST({quote(c)} AS TEXT)) LIKE %s" for c in columns)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} WHERE {condition}",
                    [f"%{needle.lower()}%"] * len(columns),
                )
                if cursor.fetchone()[0]:
                    found.setdefault(table, []).append(needle)
    return found
