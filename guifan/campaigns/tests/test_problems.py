"""查遗补缺: a liaison records problems of its own unit; the office sees them all."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from guifan.campaigns import services
from guifan.campaigns.models import SelfExamProblem
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb


def _fields(campaign, **overrides):
    fields = {
        "heading": campaign.checklist.get(kind="heading", label="制度执行"),
        "category": campaign.checklist.filter(kind="category")[1],
        "description": "讯问职务犯罪嫌疑人未全程同步录音录像",
        "responsible": "反贪污贿赂局",
        "measure": "重申同录制度，逐案检查",
        "deadline": date(2016, 4, 30),
    }
    fields.update(overrides)
    return fields


def _post(campaign, **overrides):
    data = _fields(campaign, **overrides)
    return {**data, "heading": data["heading"].pk, "category": data["category"].pk}


def test_liaison_records_problems_and_they_are_journaled(cast, campaign, login):
    client = login(cast.liaison_a)
    response = client.post(reverse("campaigns:problems", args=[campaign.pk]), _post(campaign))
    assert response.status_code == 302
    problem = SelfExamProblem.objects.get()
    assert problem.unit == cast.unit_a
    assert problem.heading.label == "制度执行"
    assert Entry.objects.filter(verb=Verb.PROBLEM_RECORD).exists()


def test_problems_are_scoped_by_unit(cast, campaign, login):
    services.problem_record(
        campaign=campaign, unit=cast.unit_a, by=cast.liaison_a, **_fields(campaign)
    )
    services.problem_record(
        campaign=campaign,
        unit=cast.unit_b,
        by=cast.liaison_b,
        **_fields(campaign, description="乙县的问题"),
    )
    office = login(cast.office).get(reverse("campaigns:problems", args=[campaign.pk]))
    assert len(office.context["problems"]) == 2
    liaison = login(cast.liaison_a).get(reverse("campaigns:problems", args=[campaign.pk]))
    assert [p.unit for p in liaison.context["problems"]] == [cast.unit_a]
    assert "乙县的问题" not in liaison.content.decode()
    export = login(cast.liaison_a).get(reverse("campaigns:problems_export", args=[campaign.pk]))
    assert "乙县的问题".encode() not in export.content


def test_filter_by_heading_and_category(cast, campaign, login):
    services.problem_record(
        campaign=campaign, unit=cast.unit_a, by=cast.liaison_a, **_fields(campaign)
    )
    other = campaign.checklist.get(kind="heading", label="思想教育")
    client = login(cast.office)
    url = reverse("campaigns:problems", args=[campaign.pk])
    assert len(client.get(url, {"heading": other.pk}).context["problems"]) == 0
    heading = campaign.checklist.get(kind="heading", label="制度执行")
    assert len(client.get(url, {"heading": heading.pk}).context["problems"]) == 1


def test_a_liaison_cannot_record_for_another_unit(cast, campaign):
    with pytest.raises(PermissionDenied):
        services.problem_record(
            campaign=campaign, unit=cast.unit_b, by=cast.liaison_a, **_fields(campaign)
        )


def test_checklist_items_of_another_campaign_are_refused(cast, campaign):
    other = services.campaign_create_from_template(
        template="look_back", year=2017, issuing_unit=cast.city, by=cast.office
    )
    with pytest.raises(ValidationError):
        services.problem_record(
            campaign=campaign,
            unit=cast.unit_a,
            by=cast.liaison_a,
            **_fields(campaign, heading=other.checklist.filter(kind="heading").first()),
        )


def test_office_sees_no_form_and_outsiders_are_refused(cast, campaign, login):
    page = login(cast.office).get(reverse("campaigns:problems", args=[campaign.pk]))
    assert page.context["form"] is None
    for who in ("evaluator", "auditadmin"):
        client = login(getattr(cast, who))
        assert client.get(reverse("campaigns:problems", args=[campaign.pk])).status_code == 403
