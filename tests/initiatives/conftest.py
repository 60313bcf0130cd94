import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cases.models import CaseIndexPage, CasePhaseLink
from courses.models import Certificate, CourseIndexPage, CoursePage, LessonPage, ModulePage
from home.models import District
from initiatives.models import Baseline, Goal, Initiative, Membership
from tests.cases.conftest import make_case
from tests.conftest import add_page, make_user

# The toolbox's media go to a temporary folder in these tests too.
from tests.toolbox.conftest import add_tool, media_root  # noqa: F401,E402
from toolbox.models import ToolDocument


@pytest.fixture
def worksheet_tool(phases):
    document = get_document_model()(title="Rollebeskrivelse for Ankerpersonen")
    document.file.save("ankerperson.txt", ContentFile(b"Rollebeskrivelse"), save=False)
    document.save()
    tool = add_tool(phases[0], "ankerperson", "Ankerpersonen", summary="Rollen, der sikrer sammenhæng.")
    ToolDocument.objects.create(page=tool, document=document, description="Udfyldes af Ankerperson og leder.")
    return tool


@pytest.fixture
def phase_cases(home_page, phases):
    index = CaseIndexPage(title="Cases", slug="cases")
    home_page.add_child(instance=index)
    cases = []
    for title in [
        "Fælles om Farum",
        "Hjørring – Fri for Indbrud",
        "NæverZone – Nul Narko i Næstved",
        "Aalborg",
    ]:
        case = make_case(index, title)
        case.save_revision().publish()
        CasePhaseLink.objects.create(case=case, phase=phases[0], note=f"Opstarten i {title}.")
        cases.append(case)
    return cases


@pytest.fixture
def phase_lesson(home_page, worksheet_tool):
    index = add_page(home_page, CourseIndexPage(title="Uddannelse", slug="uddannelse"))
    course = add_page(
        index,
        CoursePage(
            title="Co-creation for brugere", slug="bruger", track="bruger", intro="<p>Grundkursus</p>"
        ),
    )
    module = add_page(course, ModulePage(title="Modul 1", slug="modul-1"))
    body = [("tool_reference", {"tool": worksheet_tool, "note": "Brug den i opstarten."})]
    return add_page(module, LessonPage(title="Ankerpersonens rolle", slug="ankerperson", body=body))


@pytest.fixture
def initiative(learner, district):
    initiative = Initiative.objects.create(
        name="Tryg i Aalborg Øst",
        district=district,
        challenge="Hvordan skaber vi sammen tryghed i Aalborg Øst?",
        anchor_person=learner,
        created_by=learner,
    )
    Membership.objects.create(initiative=initiative, user=learner)
    return initiative


@pytest.fixture
def baseline(initiative):
    return Baseline.objects.create(
        initiative=initiative,
        description="38 anmeldte indbrud i 2. kvartal",
        measured_on=datetime.date(2026, 3, 1),
        source="Døgnrapporter",
        value=38,
        unit="indbrud",
    )


@pytest.fixture
def effect_goal(initiative, baseline):
    return Goal.objects.create(
        initiative=initiative,
        kind=Goal.Kind.EFFECT,
        measure=Goal.Measure.QUANTITATIVE,
        text="Færre indbrud i Aalborg Øst",
        indicator="Anmeldte indbrud pr. kvartal",
        target=20,
        unit="indbrud",
        baseline=baseline,
    )


def make_superbruger(email, district_slug):
    user = make_user(email, district=District.objects.get(slug=district_slug))
    Certificate.objects.create(
        user=user,
        course_key=uuid.uuid4(),
        recipient_name=email,
        course_title="Co-creation for superbrugere",
        track="superbruger",
        activity_count=10,
    )
    return user
