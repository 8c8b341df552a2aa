import re

import pytest

from guifan.accounts.models import User
from guifan.cases.models import Case
from guifan.cases.numbers import normalise_case_no
from guifan.core.scoping import scope_of
from guifan.demo.generator import DemoWorld
from guifan.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load
from guifan.org.models import Person, TalentPoolMember, Unit

CASE_NO = re.compile(r"^\w{2,3}检\w{2}受[〔\[]20(14|15)[〕\]]\d{4,}号$")


def test_world_is_deterministic_and_sized_like_the_brief():
    one, two = DemoWorld(seed=7), DemoWorld(seed=7)
    assert one.people == two.people
    assert list(one.cases(300)) == list(two.cases(300))
    assert len([u for u in one.units if u.tier == "county"]) == 10
    assert 380 <= len(one.people) <= 420
    assert len(one.pool) == 120


def test_cases_look_like_the_2015_exports():
    cases = list(DemoWorld().cases(5000))
    assert all(CASE_NO.match(c.case_no) for c in cases), [c.case_no for c in cases[:5]]
    assert len({normalise_case_no(c.case_no) for c in cases}) == len(cases)
    closed_2015 = [c for c in cases if c.close_date and c.close_date.year == 2015]
    assert len(closed_2015) > 0.6 * len(cases)
    evaluated = [c for c in cases if c.prior_eval_year == 2015]
    assert {c.prior_eval_tier for c in evaluated} == {"province", "city", "county"}
    assert {c.supervision for c in cases} == {"", "city", "province"}
    assert all(c.unified_no.isdigit() and len(c.unified_no) == 17 for c in cases)
    accepts = [c.accept_date for c in cases]
    assert accepts == sorted(accepts)


@pytest.mark.django_db
def test_demo_load_is_idempotent_and_gives_every_role_a_login():
    first = demo_load(cases=400)
    again = demo_load(cases=400)
    assert first.created_org and first.created_cases == 400
    assert not again.created_org and again.created_cases == 0
    assert Case.objects.count() == 400
    assert Unit.objects.count() == 12
    assert Person.objects.count() == first.people
    assert TalentPoolMember.objects.count() == 120
    for spec in DEMO_ACCOUNTS:
        user = User.objects.get(username=spec.username)
        assert user.check_password(DEMO_PASSWORD)
        assert spec.role in scope_of(user).roles
