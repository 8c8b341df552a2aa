"""Pages offer only what the user may do: no link that ends in a refusal, no button that is
refused, and no irreversible step without a confirmation."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from guifan.campaigns import services as campaigns
from guifan.evaluation.models import Assignment
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _links(html: str) -> set[str]:
    return set(re.findall(r'<a [^>]*href="([^"#?]+)', html))


@pytest.mark.parametrize("who", ["evaluator", "team_lead"])
def test_an_evaluators_case_page_leads_back_to_their_tasks_not_the_ledger(cast, login, who):
    user = getattr(cast, who)
    campaign = campaigns.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    case = CaseFactory(unit=cast.unit_b)
    Assignment.objects.create(
        campaign=campaign, case=case, evaluator=user.person, reasons="新评查",
        deadline=datetime.date(2016, 3, 31),
    )  # fmt: skip
    client = login(user)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:ledger") not in _links(html)
    assert "返回我的评查任务" in html
    for link in _links(html) - {reverse("accounts:logout")}:
        assert client.get(link).status_code == 200, link
    assert not Entry.objects.filter(verb=Verb.ACCESS_DENIED, actor_id=user.pk).exists()


def test_the_office_still_goes_back_to_the_ledger(cast, login):
    case = CaseFactory(unit=cast.unit_a)
    html = login(cast.office).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "返回台账" in html and reverse("cases:ledger") in _links(html)


def _row(html: str, username: str) -> str:
    return next(r for r in html.split("<tr>") if f"<td>{username}" in r)


def test_sysadmin_is_offered_no_action_on_the_three_administrators(cast, login):
    html = login(cast.sysadmin).get(reverse("accounts:account_list")).content.decode()
    for admin in ("sysadmin", "secadmin", "auditadmin"):
        row = _row(html, admin)
        assert 'method="post"' not in row, admin
        assert "三员账号，在服务器上处理" in row
    assert 'data-testid="reset"' in _row(html, "liaison_a")


def test_unlock_is_offered_only_on_a_locked_account(cast, login):
    client = login(cast.sysadmin)
    html = client.get(reverse("accounts:account_list")).content.decode()
    assert 'data-testid="unlock"' not in html
    AccessAttempt.objects.create(
        username="liaison_a", ip_address="10.0.0.9", user_agent="", http_accept="",
        path_info="/accounts/login/", failures_since_start=settings.AXES_FAILURE_LIMIT,
    )  # fmt: skip
    AccessAttempt.objects.create(
        username="liaison_b", ip_address="10.0.0.9", user_agent="", http_accept="",
        path_info="/accounts/login/", failures_since_start=settings.AXES_FAILURE_LIMIT - 1,
    )  # fmt: skip
    html = client.get(reverse("accounts:account_list")).content.decode()
    assert 'data-testid="unlock"' in _row(html, "liaison_a")
    assert 'data-testid="locked"' in _row(html, "liaison_a")
    assert 'data-testid="unlock"' not in _row(html, "liaison_b")


def test_moving_a_campaign_on_asks_for_confirmation_first(cast, login):
    campaign = campaigns.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    campaigns.campaign_start(campaign=campaign, by=cast.office)
    client = login(cast.office)
    advance = reverse("campaigns:advance", args=[campaign.pk])
    detail = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert f'action="{advance}"' not in detail  # no one-click form on the campaign page
    assert f'href="{advance}"' in detail
    page = client.get(advance).content.decode()
    assert "进入收尾阶段后" in page and "确认进入收尾阶段" in page
    campaign.refresh_from_db()
    assert campaign.status == "running"
    client.post(advance)
    campaign.refresh_from_db()
    assert campaign.status == "closing"
    closing = client.get(advance).content.decode()
    assert "确认结束活动" in closing and "不能结束活动" not in closing  # nothing open here


@pytest.mark.parametrize("who", ["inspector", "liaison_a"])
def test_only_the_issuing_office_gets_the_confirmation(cast, login, who):
    campaign = campaigns.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    campaigns.campaign_start(campaign=campaign, by=cast.office)
    response = login(getattr(cast, who)).get(reverse("campaigns:advance", args=[campaign.pk]))
    assert response.status_code == 403
    detail = login(getattr(cast, who)).get(reverse("campaigns:detail", args=[campaign.pk]))
    assert reverse("campaigns:advance", args=[campaign.pk]) not in detail.content.decode()


def test_the_security_administrator_is_not_offered_to_revoke_their_own_role(cast, login):
    html = login(cast.secadmin).get(reverse("accounts:grant_list")).content.decode()
    own = next(r for r in html.split("<tr") if "<td>secadmin</td>" in r)
    assert 'data-testid="revoke"' not in own and "本人" in own
    other = next(r for r in html.split("<tr") if "<td>auditadmin</td>" in r)
    assert 'data-testid="revoke"' in other
