"""Parallel sign-ups on a real PostgreSQL: each thread has its own database connection."""

import threading

import pytest
from django.db import connections

from erfa.models import SignUp
from erfa.models.signups import sign_up, withdraw
from tests.conftest import make_user

from .conftest import add_day

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_at_once(target, args_list):
    barrier = threading.Barrier(len(args_list))
    errors = []

    def worker(*args):
        try:
            barrier.wait()
            target(*args)
        except Exception as error:  # reported below; a thread's exception would otherwise vanish
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors


def test_parallel_sign_ups_for_the_last_place_give_it_to_exactly_one(home_page):
    from erfa.models import ErfaIndexPage

    index = ErfaIndexPage(title="ERFA", slug="erfa-parallel")
    home_page.add_child(instance=index)
    day = add_day(index, capacity=2)
    sign_up(day, make_user("foerste@politi.dk"))  # one place left
    rivals = [make_user(f"deltager{i}@politi.dk") for i in range(6)]

    run_at_once(sign_up, [(day, user) for user in rivals])

    assert SignUp.objects.filter(day=day, status=SignUp.Status.CONFIRMED).count() == 2
    assert SignUp.objects.filter(day=day, status=SignUp.Status.WAITING).count() == 5


def test_parallel_double_click_signs_a_user_up_once(home_page):
    from erfa.models import ErfaIndexPage

    index = ErfaIndexPage(title="ERFA", slug="erfa-double")
    home_page.add_child(instance=index)
    day = add_day(index, capacity=5)
    user = make_user("dobbeltklik@politi.dk")

    run_at_once(sign_up, [(day, user)] * 4)

    assert SignUp.objects.filter(day=day, user=user).count() == 1


def test_parallel_withdrawals_never_overfill_the_day(home_page):
    from erfa.models import ErfaIndexPage

    index = ErfaIndexPage(title="ERFA", slug="erfa-withdraw")
    home_page.add_child(instance=index)
    day = add_day(index, capacity=2)
    users = [make_user(f"person{i}@politi.dk") for i in range(6)]
    for user in users:
        sign_up(day, user)

    run_at_once(withdraw, [(day, users[0]), (day, users[1]), (day, users[2])])

    assert SignUp.objects.filter(day=day, status=SignUp.Status.CONFIRMED).count() == 2
    assert SignUp.objects.filter(day=day, status=SignUp.Status.WAITING).count() == 1
