"""The 三个不放过 gate: the campaign closes only when every complaint has a conclusion, every
item is 已销号 and every recurrence dealt with; the page, the export and the CLI name what
still blocks."""

import io
import json
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from guifan.campaigns import services as campaigns
from guifan.campaigns.models import CampaignStatus
from guifan.cli import main
from guifan.complaints import services as complaints
from guifan.rectification import services
from guifan.rectification.tests.conftest import evidence, on


@pytest.fixture
def blocked(campaign, record_problem, cast):
    """One open complaint, one item closed and one back again (a recurrence), in 收尾."""
    complaint = complaints.complaint_register(
        by=cast.office,
        unit=cast.unit_b,
        campaign=campaign,
        received_on=date(2016, 3, 20),
        channel="phone",
        content="反映乙县办案人员态度生硬",
    )
    first = record_problem()
    services.item_submit(item=first, by=cast.liaison_a, outcome="已整改", uploads=[evidence()])
    with on(4, 20):
        services.item_verify(item=first, by=cast.office)
    again = record_problem(text="又未同步录像", when=(5, 10))
    campaigns.campaign_advance(campaign=campaign, by=cast.office)
    return complaint, again


def test_the_gate_names_every_blocker_and_the_campaign_cannot_close(blocked, campaign, cast):
    complaint, again = blocked
    from guifan.rectification.gate import campaign_gate

    gate = campaign_gate(campaign)
    assert not gate.closable
    assert [(b.kind, b.id, b.unit) for b in gate.blockers] == [
        ("complaint", complaint.pk, "970103"),
        ("rectification", again.pk, "970102"),
        ("recurrence", again.pk, "970102"),  # named by the item it marks
    ]
    with pytest.raises(ValidationError, match="未办结的群众反映 1 件，未销号的整改问题 1 项"):
        campaigns.campaign_advance(campaign=campaign, by=cast.office)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSING


def test_after_everything_is_settled_the_campaign_closes(blocked, campaign, cast):
    complaint, again = blocked
    complaints.complaint_assign(complaint=complaint, by=cast.office)
    complaints.complaint_conclude(
        complaint=complaint,
        by=cast.liaison_b,
        conclusion="unfounded",
        investigation="调取录音，未见态度问题",
        uploads=[evidence()],
    )
    services.item_submit(item=again, by=cast.liaison_a, outcome="已整改", uploads=[evidence()])
    services.item_verify(item=again, by=cast.office)
    with pytest.raises(ValidationError, match="未处置的复发问题 1 项"):
        campaigns.campaign_advance(campaign=campaign, by=cast.office)
    services.recurrence_handle(recurrence=again.recurrence, by=cast.inspector, handling="约谈")
    campaigns.campaign_advance(campaign=campaign, by=cast.office)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED


def test_the_cli_prints_the_gate_as_json(blocked, campaign, capsys):
    assert main(["campaign", "gate", str(campaign.pk), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["closable"] is False
    assert [b["kind"] for b in result["blockers"]] == ["complaint", "rectification", "recurrence"]
    assert set(result["blockers"][0]) == {"kind", "id", "unit", "reason"}
    assert "尚未交办" in result["blockers"][0]["reason"]
    assert main(["campaign", "gate", "999999"]) == 1
    assert "没有编号为 999999 的活动" in capsys.readouterr().err


def test_the_campaign_page_shows_the_checklist_and_the_office_exports_it(
    blocked, campaign, cast, login
):
    complaint, again = blocked
    page = login(cast.office).get(reverse("campaigns:detail", args=[campaign.pk]))
    text = page.content.decode()
    assert "1 件群众反映未办结" in text and "1 项整改问题未销号" in text
    assert "1 项复发问题未处置" in text
    assert reverse("complaints:detail", args=[complaint.pk]) in text
    assert reverse("rectification:detail", args=[again.pk]) in text
    response = login(cast.office).get(reverse("rectification:gate_export", args=[campaign.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    kinds = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert kinds == ["群众反映", "整改问题", "改后又复发"]
    liaison_page = login(cast.liaison_a).get(reverse("campaigns:detail", args=[campaign.pk]))
    assert "三个不放过" not in liaison_page.content.decode()
    assert (
        login(cast.liaison_a)
        .get(reverse("rectification:gate_export", args=[campaign.pk]))
        .status_code
        == 403
    )


def test_a_participating_units_own_office_does_not_see_the_gate(blocked, campaign, cast, login):
    from guifan.core.roles import Role
    from guifan.testing.factories import PersonFactory, UserFactory, grant

    county_office = UserFactory(username="county_office", person=PersonFactory(unit=cast.unit_a))
    grant(county_office, Role.OFFICE, cast.unit_a)
    client = login(county_office)
    assert client.get(reverse("rectification:gate_export", args=[campaign.pk])).status_code == 403
    assert client.get(f"/api/rectification/gate/{campaign.pk}").status_code == 403
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert "三个不放过" not in page


def test_nothing_new_goes_on_the_list_of_a_closed_campaign(campaign, record_problem, cast):
    campaigns.campaign_advance(campaign=campaign, by=cast.office)
    campaigns.campaign_advance(campaign=campaign, by=cast.office)
    from guifan.campaigns.models import SelfExamProblem
    from guifan.rectification.services import item_from_problem

    problem = SelfExamProblem.objects.create(
        campaign=campaign,
        unit=cast.unit_a,
        heading=campaign.checklist.get(kind="heading", label="制度执行"),
        category=campaign.checklist.get(kind="category", label="执行办案规范和纪律不严"),
        description="结束后才发现",
        responsible="x",
        measure="y",
        deadline=date(2016, 5, 31),
    )
    with pytest.raises(ValidationError, match="活动已结束"):
        item_from_problem(problem)


def test_the_gate_counts_in_queries_that_do_not_grow_and_lists_a_limited_page(
    campaign, record_problem, cast, login, capsys
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guifan.rectification.gate import campaign_gate

    client = login(cast.office)
    url = reverse("campaigns:detail", args=[campaign.pk])
    client.get(url)  # the session's first save and the scope warm up

    def page_queries(items: int) -> int:
        while campaign.rectification_items.count() < items:
            record_problem(text=f"第{campaign.rectification_items.count()}个同录问题")
        with CaptureQueriesContext(connection) as queries:
            text = client.get(url).content.decode()
        assert f"{items} 项整改问题未销号" in text
        return len(queries)

    assert page_queries(3) == page_queries(6)
    gate = campaign_gate(campaign)
    assert gate.total == gate.counts["rectification"] == 6
    assert len(gate.first(2)) == 2 and len(gate.blockers) == 6

    assert main(["campaign", "gate", str(campaign.pk), "--json", "--limit", "2"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert (result["total"], result["counts"]["rectification"]) == (6, 6)
    assert len(result["blockers"]) == 2
    assert main(["campaign", "gate", str(campaign.pk), "--limit", "2"]) == 1
    assert "共 6 项，以上列出前 2 项" in capsys.readouterr().out
