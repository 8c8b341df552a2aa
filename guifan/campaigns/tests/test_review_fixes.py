"""Holes found in review, each shown closed."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guifan.attachments.models import Attachment
from guifan.campaigns import plans, reports, services
from guifan.campaigns.models import Campaign, UnitTask
from guifan.core.scoping import forget_scope
from guifan.testing.factories import grant


def test_roles_do_not_pool_their_units(cast, campaign):
    grant(cast.office, "liaison", cast.city)  # the office user is also the 市院's liaison
    forget_scope(cast.office)
    task_b = UnitTask.objects.filter(unit=cast.unit_b, track__kind="self_exam").get()
    with pytest.raises(PermissionDenied):
        services.task_submit(task=task_b, by=cast.office)
    grant(cast.liaison_a, "office", cast.unit_a)  # office of a county only
    grant(cast.liaison_a, "inspection", cast.city)
    forget_scope(cast.liaison_a)
    with pytest.raises(PermissionDenied):
        services.campaign_advance(campaign=campaign, by=cast.liaison_a)


def test_the_report_task_is_done_only_through_a_report(cast, campaign, login):
    task = UnitTask.objects.get(unit=cast.unit_a, track__kind="report")
    with pytest.raises(ValidationError):
        services.task_submit(task=task, by=cast.liaison_a)
    login(cast.liaison_a).post(reverse("campaigns:task_submit", args=[task.pk]))
    task.refresh_from_db()
    assert task.status == "pending"


def test_a_closed_campaign_is_not_changed_any_more(cast, campaign):
    plan = plans.plan_create(
        campaign=campaign,
        unit=cast.unit_a,
        by=cast.liaison_a,
        area=campaign.checklist.filter(kind="area").first(),
        title="t",
        summary="s",
        owner="o",
        planned_date=date(2016, 3, 25),
    )
    services.campaign_advance(campaign=campaign, by=cast.office)
    services.campaign_advance(campaign=campaign, by=cast.office)
    with pytest.raises(ValidationError):
        reports.report_save(
            report=reports.report_for(campaign=campaign, unit=cast.unit_a),
            by=cast.liaison_a,
            body="x",
        )
    with pytest.raises(ValidationError):
        plans.plan_move(plan=plan, to="research", by=cast.liaison_a, findings="x")
    with pytest.raises(ValidationError):
        services.campaign_chase_up(campaign=campaign, by=cast.office)


def test_a_liaison_of_a_unit_outside_the_campaign_does_not_see_it(cast, login):
    from guifan.testing.factories import PersonFactory, UserFactory

    campaign = services.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office, units=[cast.unit_a]
    )
    liaison = UserFactory(username="city_liaison", person=PersonFactory(unit=cast.city))
    grant(liaison, "liaison", cast.city)
    assert not Campaign.objects.visible_to(liaison).filter(pk=campaign.pk).exists()
    assert login(liaison).get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 404


def test_crafted_posts_get_messages_not_errors(cast, campaign, login):
    office = login(cast.office)
    response = office.post(reverse("campaigns:chase", args=[campaign.pk]), {"unit": "abc"})
    assert response.status_code == 302
    plan = plans.plan_create(
        campaign=campaign,
        unit=cast.unit_a,
        by=cast.liaison_a,
        area=campaign.checklist.filter(kind="area").first(),
        title="t",
        summary="s",
        owner="o",
        planned_date=date(2016, 3, 25),
    )
    response = login(cast.liaison_a).post(
        reverse("campaigns:plan_move", args=[plan.pk]), {"to": "bogus"}, follow=True
    )
    assert "未知的计划状态" in response.content.decode()


def test_problems_take_items_of_the_right_kind(cast, campaign):
    with pytest.raises(ValidationError):
        services.problem_record(
            campaign=campaign,
            unit=cast.unit_a,
            by=cast.liaison_a,
            heading=campaign.checklist.filter(kind="area").first(),
            category=campaign.checklist.filter(kind="question").first(),
            description="d",
            responsible="r",
            measure="m",
            deadline=date(2016, 4, 30),
        )


def test_a_stale_editor_cannot_overwrite_a_newer_draft(cast, campaign):
    first = reports.report_save(
        report=reports.report_for(campaign=campaign, unit=cast.unit_a),
        by=cast.liaison_a,
        body="第一稿",
    )
    seen = first.updated_at.isoformat()
    reports.report_save(report=first, by=cast.liaison_a, body="同事的修改", seen=seen)
    with pytest.raises(ValidationError, match="已被他人修改"):
        reports.report_save(report=first, by=cast.liaison_a, body="我的旧稿", seen=seen)
    first.refresh_from_db()
    assert first.body == "同事的修改"


def test_a_bad_upload_stores_no_file_at_all(cast, campaign, settings):
    folder = settings.MEDIA_ROOT / "attachments"

    def files():
        return set(folder.iterdir()) if folder.exists() else set()

    before = files()
    pdf = SimpleUploadedFile("a.pdf", b"%PDF", content_type="application/pdf")
    exe = SimpleUploadedFile("b.exe", b"MZ")
    with pytest.raises(ValidationError):
        reports.report_save(
            report=reports.report_for(campaign=campaign, unit=cast.unit_a),
            by=cast.liaison_a,
            body="x",
            uploads=[pdf, exe],
        )
    assert not Attachment.objects.exists()
    assert files() == before


def test_only_the_issuing_office_decides_reports(cast, campaign):
    report = reports.report_save(
        report=reports.report_for(campaign=campaign, unit=cast.unit_a),
        by=cast.liaison_a,
        body="正文",
    )
    reports.report_submit(report=report, by=cast.liaison_a)
    grant(cast.liaison_b, "office", cast.unit_b)  # office of a county, inspection of the city
    grant(cast.liaison_b, "inspection", cast.city)
    forget_scope(cast.liaison_b)
    with pytest.raises(PermissionDenied):
        reports.report_decide(report=report, by=cast.liaison_b, accept=True)
