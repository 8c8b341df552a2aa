"""Loading the demo twice changes nothing; every role has its login."""

import pytest

from guifan.accounts.models import User
from guifan.cases.models import Case
from guifan.core.scoping import scope_of
from guifan.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load
from guifan.org.models import Person, TalentPoolMember, Unit


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
