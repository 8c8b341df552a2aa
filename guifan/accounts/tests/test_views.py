import pytest
from django.urls import reverse

from guifan.accounts.models import RoleGrant, User
from guifan.core.scoping import scope_of
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb
from guifan.testing.factories import DepartmentFactory

SYSADMIN_PAGES = ["accounts:account_list", "accounts:account_create"]
OTHERS = ["secadmin", "auditadmin", "office", "inspector", "liaison_a", "evaluator", "handler"]


@pytest.mark.parametrize("who", OTHERS)
def test_account_pages_refuse_everyone_but_the_sysadmin(cast, login, who):
    client = login(getattr(cast, who))
    for name in SYSADMIN_PAGES:
        assert client.get(reverse(name)).status_code == 403
    action = reverse("accounts:account_action", args=[cast.office.pk, "reset"])
    assert client.post(action).status_code == 403


@pytest.mark.parametrize("who", ["sysadmin", "auditadmin", "office", "liaison_a"])
def test_role_pages_refuse_everyone_but_the_secadmin(cast, login, who):
    client = login(getattr(cast, who))
    assert client.get(reverse("accounts:grant_list")).status_code == 403
    grant = RoleGrant.objects.get(user=cast.liaison_b)
    assert client.post(reverse("accounts:grant_revoke", args=[grant.pk])).status_code == 403
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_sysadmin_creates_an_account_with_a_one_time_password(cast, login):
    client = login(cast.sysadmin)
    response = client.post(
        reverse("accounts:account_create"), {"username": "zhangsan", "person_staff_no": ""}
    )
    assert response.status_code == 200
    password = response.context["password"]
    user = User.objects.get(username="zhangsan")
    assert user.check_password(password)
    assert user.must_change_password
    assert Entry.objects.filter(verb=Verb.ACCOUNT_CREATE, target_id=str(user.pk)).exists()


def test_account_create_reports_unknown_staff_number(cast, login):
    response = login(cast.sysadmin).post(
        reverse("accounts:account_create"), {"username": "lisi", "person_staff_no": "NOPE0001"}
    )
    assert "找不到工号为 NOPE0001 的人员" in response.content.decode()
    assert not User.objects.filter(username="lisi").exists()


def test_sysadmin_cannot_deactivate_itself(cast, login):
    client = login(cast.sysadmin)
    url = reverse("accounts:account_action", args=[cast.sysadmin.pk, "deactivate"])
    response = client.post(url, follow=True)
    assert "不能停用或启用自己的账号" in response.content.decode()
    cast.sysadmin.refresh_from_db()
    assert cast.sysadmin.is_active


def test_account_list_query_budget(cast, login, django_assert_max_num_queries):
    client = login(cast.sysadmin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:account_list"))
    assert response.status_code == 200


def test_secadmin_grants_through_the_screen_and_errors_are_chinese(cast, login):
    client = login(cast.secadmin)
    response = client.post(
        reverse("accounts:grant_list"), {"username": "handler", "role": "team_lead", "unit": ""}
    )
    assert response.status_code == 302
    assert RoleGrant.objects.filter(user=cast.handler, role="team_lead").exists()
    response = client.post(
        reverse("accounts:grant_list"), {"username": "sysadmin", "role": "auditadmin", "unit": ""}
    )
    assert "三员分立" in response.content.decode()


def test_secadmin_grants_a_department_liaison_through_the_screen(cast, login):
    department = DepartmentFactory(unit=cast.unit_a, name="公诉科")
    other = DepartmentFactory(unit=cast.unit_b, name="侦监科")
    client = login(cast.secadmin)
    data = {"username": "handler", "role": "dept_liaison", "unit": cast.unit_a.pk}
    response = client.post(reverse("accounts:grant_list"), {**data, "department": other.pk})
    assert "部门须属于适用单位" in response.content.decode()
    response = client.post(reverse("accounts:grant_list"), {**data, "department": department.pk})
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=cast.handler, role="dept_liaison")
    assert (grant.unit, grant.department) == (cast.unit_a, department)
    assert "公诉科" in client.get(reverse("accounts:grant_list")).content.decode()
    scope = scope_of(User.objects.get(pk=cast.handler.pk))
    assert scope.liaison_department_ids == {department.pk}
    assert not scope.business_unit_ids  # the unit is not opened
    entry = Entry.objects.filter(verb=Verb.ROLE_GRANT).latest("seq")
    assert "公诉科" in describe([entry])[0]
