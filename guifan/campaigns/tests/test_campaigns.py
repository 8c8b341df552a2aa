"""The seed's campaign: created from the template, started, chased up, reported — scoped."""

import json
from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from guifan.campaigns import services
from guifan.campaigns.models import Campaign, TaskStatus, UnitTask
from guifan.cli import main
from guifan.core.clock import frozen_at
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb

NOTHING_FOUND = "逐项对照检查了六个领域，现有机制健全，无需新建"


def _at(day: date):
    return frozen_at(timezone.make_aware(datetime.combine(day, datetime.min.time())))


@pytest.fixture
def campaign(cast):
    return services.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )


def test_template_gives_the_seeds_tracks_dates_and_checklists(campaign):
    assert campaign.name == "2016年规范司法行为专项整治“回头看”"
    assert (campaign.start_date, campaign.report_deadline) == (date(2016, 3, 14), date(2016, 3, 31))
    assert [t.name for t in campaign.tracks.all()] == [
        "查遗补缺回头看",
        "制度创新回头看",
        "案件评查回头看",
        "开展情况报送",
    ]
    labels = {
        kind: [i.label for i in campaign.checklist.filter(kind=kind)]
        for kind in ("heading", "area", "question", "category")
    }
    assert labels["heading"] == ["思想教育", "内控机制", "内部监督", "制度执行"]
    assert len(labels["area"]) == 6 and len(labels["category"]) == 8
    assert labels["question"][3] == "程序漏洞是否扎紧"
    assert Entry.objects.filter(verb=Verb.CAMPAIGN_CREATE).exists()


def test_starting_gives_every_unit_its_tasks(cast, campaign):
    assert services.campaign_start(campaign=campaign, by=cast.office) == 3 * 4
    assert UnitTask.objects.filter(unit=cast.unit_a).count() == 4
    with pytest.raises(ValidationError):
        services.campaign_start(campaign=campaign, by=cast.office)


@pytest.mark.parametrize("who", ["liaison_a", "inspector", "evaluator", "sysadmin"])
def test_only_the_office_creates_starts_and_chases(cast, campaign, who):
    user = getattr(cast, who)
    with pytest.raises(PermissionDenied):
        services.campaign_start(campaign=campaign, by=user)
    with pytest.raises(PermissionDenied):
        services.campaign_create_from_template(
            template="look_back", year=2017, issuing_unit=cast.city, by=user
        )


def test_traffic_lights_follow_the_clock(cast, campaign, settings):
    settings.GUIFAN_WARNING_DAYS = 3
    services.campaign_start(campaign=campaign, by=cast.office)
    task = UnitTask.objects.filter(unit=cast.unit_a).first()
    with _at(date(2016, 3, 20)):
        assert task.light == "green"
    with _at(date(2016, 3, 29)):
        assert task.light == "yellow"
    with _at(date(2016, 4, 1)):
        assert task.light == "red" and task.late


def test_chasing_late_units_reaches_their_todo_list(cast, campaign, login):
    services.campaign_start(campaign=campaign, by=cast.office)
    with _at(date(2016, 3, 20)):
        services.task_submit(
            task=UnitTask.objects.get(unit=cast.unit_b, track__kind="mechanism"),
            by=cast.liaison_b,
            statement=NOTHING_FOUND,
        )
    with _at(date(2016, 4, 2)):
        assert services.campaign_chase_up(campaign=campaign, by=cast.office) == 3
        todos = login(cast.liaison_a).get("/").context["todos"]
    assert any("已被催办 1 次" in t.title for t in todos)
    assert Entry.objects.filter(verb=Verb.CAMPAIGN_CHASE).count() == 3


def test_a_liaison_reports_only_its_own_tasks(cast, campaign):
    services.campaign_start(campaign=campaign, by=cast.office)
    other = UnitTask.objects.filter(unit=cast.unit_b).first()
    with pytest.raises(PermissionDenied):
        services.task_submit(task=other, by=cast.liaison_a)
    mine = UnitTask.objects.get(unit=cast.unit_a, track__kind="mechanism")
    with _at(date(2016, 4, 5)):
        services.task_submit(task=mine, by=cast.liaison_a, statement=NOTHING_FOUND)
    mine.refresh_from_db()
    assert mine.status == TaskStatus.SUBMITTED and mine.late  # reported after the deadline


def test_progress_page_is_scoped(cast, campaign, login):
    services.campaign_start(campaign=campaign, by=cast.office)
    office = login(cast.office).get(reverse("campaigns:detail", args=[campaign.pk]))
    assert [row.unit for row in office.context["rows"]] == [cast.city, cast.unit_a, cast.unit_b]
    liaison = login(cast.liaison_a).get(reverse("campaigns:detail", args=[campaign.pk]))
    assert [row.unit for row in liaison.context["rows"]] == [cast.unit_a]
    assert "乙县" not in liaison.content.decode()


def test_a_unit_outside_the_campaign_cannot_open_it(cast, login):
    campaign = services.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office, units=[cast.unit_a]
    )
    client = login(cast.liaison_b)
    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 404
    assert campaign.name not in client.get(reverse("campaigns:list")).content.decode()


@pytest.mark.parametrize("who", ["evaluator", "handler", "sysadmin", "auditadmin"])
def test_campaign_pages_refuse_roles_without_a_duty(cast, campaign, login, who):
    client = login(getattr(cast, who))
    assert client.get(reverse("campaigns:list")).status_code == 403
    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 403
    assert client.post(reverse("campaigns:start", args=[campaign.pk])).status_code == 403


def test_liaison_cannot_start_or_chase_through_the_screens(cast, campaign, login):
    client = login(cast.liaison_a)
    assert client.post(reverse("campaigns:start", args=[campaign.pk])).status_code == 403
    assert client.post(reverse("campaigns:chase", args=[campaign.pk])).status_code == 403
    campaign.refresh_from_db()
    assert campaign.status == "draft"


def test_office_creates_and_starts_through_the_screens(cast, login):
    client = login(cast.office)
    response = client.post(reverse("campaigns:create"), {"template": "look_back", "year": 2016})
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("campaigns:detail", args=[campaign.pk])
    client.post(reverse("campaigns:start", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == "running"
    export = client.get(reverse("campaigns:export", args=[campaign.pk]))
    assert export.status_code == 200


def test_cli_lists_campaigns_as_json(cast, campaign, capsys):
    services.campaign_start(campaign=campaign, by=cast.office)
    assert main(["campaign", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)  # one document, as every --json
    assert row["name"] == campaign.name
    assert (row["start_date"], row["report_deadline"]) == ("2016-03-14", "2016-03-31")
    assert row["tracks"][0]["tasks"] == 3
    assert {"id", "status", "tracks"} <= row.keys()
    assert {"name", "tasks", "done", "overdue"} <= row["tracks"][0].keys()
    assert main(["campaign", "list", "--jsonl"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["id"] == row["id"]


def test_progress_figures_link_to_the_tasks_behind_them(cast, campaign, login):
    services.campaign_start(campaign=campaign, by=cast.office)
    with _at(date(2016, 3, 20)):
        services.task_submit(
            task=UnitTask.objects.get(unit=cast.unit_a, track__kind="mechanism"),
            by=cast.liaison_a,
            statement=NOTHING_FOUND,
        )
    client = login(cast.office)
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    url = reverse("campaigns:tasks", args=[campaign.pk])
    assert f"{url}?unit={cast.unit_a.pk}&amp;department=0&amp;done=1" in page
    done = client.get(url, {"unit": cast.unit_a.pk, "done": 1}).context["tasks"]
    assert [t.unit for t in done] == [cast.unit_a]
    with _at(date(2016, 4, 2)):
        late = client.get(url, {"unit": cast.unit_a.pk, "late": 1}).context["tasks"]
    assert len(late) == 3
    other = login(cast.liaison_b).get(url, {"unit": cast.unit_a.pk}).context["tasks"]
    assert other == []


def test_a_campaign_moves_through_closing_to_closed(cast, campaign, login):
    with pytest.raises(ValidationError):
        services.campaign_advance(campaign=campaign, by=cast.office)  # still a draft
    services.campaign_start(campaign=campaign, by=cast.office)
    with pytest.raises(PermissionDenied):
        services.campaign_advance(campaign=campaign, by=cast.liaison_a)
    client = login(cast.office)
    client.post(reverse("campaigns:advance", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == "closing"
    client.post(reverse("campaigns:advance", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == "closed"
    assert Entry.objects.filter(verb=Verb.CAMPAIGN_STATUS).count() == 2
    assert (
        login(cast.liaison_a).post(reverse("campaigns:advance", args=[campaign.pk])).status_code
        == 403
    )
