import pytest
from django.urls import reverse

ROLE_LABELS = {
    "office": "专项整治办",
    "inspector": "纪检监察",
    "liaison_a": "单位联络员",
    "evaluator": "评查员",
    "team_lead": "评查组长",
    "handler": "承办检察官",
    "sysadmin": "系统管理员",
    "secadmin": "安全管理员",
    "auditadmin": "审计管理员",
}


@pytest.mark.parametrize("who,label", ROLE_LABELS.items())
def test_each_role_reaches_its_dashboard(cast, login, who, label):
    response = login(getattr(cast, who)).get(reverse("web:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "工作台" in body
    assert label in body


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_navigation_follows_the_role(cast, login):
    def nav(user):
        return [str(item.label) for item in login(user).get("/").context["nav_items"]]

    assert "审计日志" in nav(cast.auditadmin)
    assert "账号管理" not in nav(cast.auditadmin)
    assert "账号管理" in nav(cast.sysadmin)
    assert "审计日志" not in nav(cast.sysadmin)
    assert "角色授权" in nav(cast.secadmin)
    assert nav(cast.evaluator) == ["工作台", "我的评查任务", "智能辅助评查", "知识库"]


def test_secadmin_is_told_about_accounts_without_roles(cast, login):
    from guifan.testing.factories import UserFactory

    UserFactory(username="fresh")
    todos = login(cast.secadmin).get("/").context["todos"]
    assert any("尚未分配角色" in t.title for t in todos)


def test_office_dashboard_counts_cases_of_its_units(cast, login):
    from guifan.cases.tallies import cases_changed
    from guifan.testing.factories import CaseFactory

    CaseFactory(unit=cast.unit_a)
    CaseFactory(unit=cast.unit_b)
    cases_changed()  # what every import does after writing cases
    bars = login(cast.office).get("/").context["case_bars"]
    assert sum(bar["total"] for bar in bars) == 2
    bars = login(cast.liaison_a).get("/").context["case_bars"]
    assert [bar["total"] for bar in bars] == [1]
