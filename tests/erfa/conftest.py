from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import CaseIndexPage
from erfa.models import ErfaDayPage, ErfaIndexPage, ExperiencePost
from tests.cases.conftest import make_case, make_phase


@pytest.fixture
def erfa_index(home_page):
    index = ErfaIndexPage(title="ERFA", slug="erfa", show_in_menus=True)
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def add_day(index, title="National ERFA-dag for ankerpersoner", *, days_ahead=30, capacity=2, **fields):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=days_ahead)
    day = ErfaDayPage(
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        place="Rigspolitiet, Nationalt Forebyggelsescenter",
        address="København",
        capacity=capacity,
        programme=[
            (
                "item",
                {
                    "starts": "10:00",
                    "ends": "11:00",
                    "title": "Ankerpersonen – en stærk profil i en vigtig funktion",
                    "speaker": "",
                    "description": "",
                },
            )
        ],
        **fields,
    )
    index.add_child(instance=day)
    day.save_revision().publish()
    return day


@pytest.fixture
def erfa_day(erfa_index):
    return add_day(erfa_index)


@pytest.fixture
def past_day(erfa_index):
    return add_day(erfa_index, "ERFA-dag: Værdiskabelse og fremdrift", days_ahead=-60)


@pytest.fixture
def case_page(home_page):
    index = CaseIndexPage(title="Cases", slug="cases")
    home_page.add_child(instance=index)
    return make_case(index, "NæverZone – Nul Narko i Næstved")


@pytest.fixture
def phase_page(home_page):
    return make_phase(home_page)


def make_post(author, state=ExperiencePost.State.APPROVED, **fields):
    fields.setdefault("title", "Skærm Ankerpersonen i det første år")
    fields.setdefault("text", "Ledelsen skal skærme Ankerpersonen fra andre krævende opgaver.")
    fields.setdefault("language", "da")
    post = ExperiencePost.objects.create(author=author, state=state, **fields)
    if state in (ExperiencePost.State.APPROVED, ExperiencePost.State.REJECTED):
        post.decided_at = timezone.now()
        post.save(update_fields=["decided_at"])
    return post
