"""三员分立 and role grants: who may grant what to whom."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guifan.accounts import services
from guifan.accounts.models import RoleGrant
from guifan.cases.models import Case
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.org.models import Person, Unit
from guifan.testing.factories import CaseFactory, PersonFactory, UserFactory


def test_secadmin_grants_a_role_and_it_is_journaled(cast):
    services.role_grant(by=cast.secadmin, user=cast.handler, role=Role.EVALUATOR)
    assert RoleGrant.objects.filter(user=cast.handler, role=Role.EVALUATOR).exists()
    entry = Entry.objects.filter(verb=Verb.ROLE_GRANT).latest("seq")
    assert entry.actor_id == cast.secadmin.pk
    assert '"role":"evaluator"' in entry.payload


def test_nobody_but_the_secadmin_grants_roles(cast):
    for user in (cast.sysadmin, cast.auditadmin, cast.office):
        with pytest.raises(PermissionDenied):
            services.role_grant(by=user, user=cast.handler, role=Role.EVALUATOR)


def test_secadmin_cannot_grant_to_itself(cast):
    with pytest.raises(ValidationError, match="不能给自己授权"):
        services.role_grant(by=cast.secadmin, user=cast.secadmin, role=Role.AUDITADMIN)


@pytest.mark.parametrize("admin_role", [Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN])
def test_an_admin_role_cannot_join_any_other_role(cast, admin_role):
    with pytest.raises(ValidationError, match="三员分立"):
        services.role_grant(by=cast.secadmin, user=cast.office, role=admin_role)


@pytest.mark.parametrize("other", [Role.SECADMIN, Role.AUDITADMIN, Role.OFFICE])
def test_an_admin_cannot_receive_another_role(cast, other):
    with pytest.raises(ValidationError, match="三员分立"):
        services.role_grant(by=cast.secadmin, user=cast.sysadmin, role=other, unit=cast.city)


def test_unit_roles_need_a_unit(cast):
    user = UserFactory(username="newbie", person=PersonFactory(unit=cast.unit_a))
    with pytest.raises(ValidationError):
        services.role_grant(by=cast.secadmin, user=user, role=Role.LIAISON)


def test_business_roles_need_a_person(cast):
    user = UserFactory(username="nobody")
    with pytest.raises(ValidationError, match="已关联人员"):
        services.role_grant(by=cast.secadmin, user=user, role=Role.EVALUATOR)


def test_revoking_a_role_takes_effect_and_is_journaled(cast):
    grant = RoleGrant.objects.get(user=cast.liaison_a)
    services.role_revoke(by=cast.secadmin, grant=grant)
    cast.liaison_a.refresh_from_db()
    assert not scope_of(cast.liaison_a).roles
    assert Entry.objects.filter(verb=Verb.ROLE_REVOKE).exists()


@pytest.mark.parametrize("who", ["sysadmin", "secadmin", "auditadmin"])
def test_administrators_see_no_business_data(cast, who):
    CaseFactory(unit=cast.unit_a)
    user = getattr(cast, who)
    assert not Case.objects.visible_to(user).exists()


def test_sysadmin_and_secadmin_see_the_organisation_but_auditadmin_does_not(cast):
    assert Unit.objects.visible_to(cast.sysadmin).count() == 4
    assert Unit.objects.visible_to(cast.secadmin).count() == 4
    assert not Unit.objects.visible_to(cast.auditadmin).exists()
    assert not Person.objects.visible_to(cast.auditadmin).exists()


@pytest.mark.parametrize("target", ["secadmin", "auditadmin", "sysadmin"])
def test_sysadmin_cannot_take_over_an_administrator(cast, target):
    user = getattr(cast, target)
    with pytest.raises(ValidationError, match="三员分立"):
        services.password_reset(by=cast.sysadmin, user=user)
    with pytest.raises(ValidationError, match="三员分立"):
        services.account_unlock(by=cast.sysadmin, user=user)
    if target != "sysadmin":
        with pytest.raises(ValidationError, match="三员分立"):
            services.account_set_active(by=cast.sysadmin, user=user, active=False)
    user.refresh_from_db()
    assert user.check_password("Passw0rd!x") and user.is_active


def test_the_command_line_may_still_reset_an_administrator(cast):
    password = services.password_reset(by=None, user=cast.secadmin)
    cast.secadmin.refresh_from_db()
    assert cast.secadmin.check_password(password)
