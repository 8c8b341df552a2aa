"""开展情况报送: submit, return with comments, revise, resubmit, accept — versions kept."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from guifan.campaigns import reports
from guifan.campaigns.models import Report, TaskStatus, UnitTask
from guifan.core.clock import frozen_at
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb


def _on(day: date):
    return frozen_at(timezone.make_aware(datetime.combine(day, datetime.min.time())))


def _task(cast, campaign):
    return UnitTask.objects.get(track__campaign=campaign, track__kind="report", unit=cast.unit_a)


def test_return_revise_resubmit_accept(cast, campaign):
    report = reports.report_for(campaign=campaign, unit=cast.unit_a)
    with pytest.raises(ValidationError, match="正文为空"):
        reports.report_submit(report=report, by=cast.liaison_a)
    report = reports.report_save(report=report, by=cast.liaison_a, body="一、基本情况……")
    with _on(date(2016, 3, 28)):
        first = reports.report_submit(report=report, by=cast.liaison_a)
    assert _task(cast, campaign).status == TaskStatus.SUBMITTED
    with pytest.raises(ValidationError, match="退回须写明意见"):
        reports.report_decide(report=report, by=cast.office, accept=False)
    reports.report_decide(report=report, by=cast.office, accept=False, comment="请补充整改数据")
    assert _task(cast, campaign).status == TaskStatus.RETURNED
    report = reports.report_save(
        report=report, by=cast.liaison_a, body="一、基本情况……二、整改数据……"
    )
    with _on(date(2016, 4, 2)):
        second = reports.report_submit(report=report, by=cast.liaison_a)
        reports.report_decide(report=report, by=cast.office, accept=True)
    report.refresh_from_db()
    assert report.status == "accepted"
    assert [v.number for v in report.versions.all()] == [2, 1]
    assert (first.late, second.late) == (False, True)
    first.refresh_from_db()
    assert (first.body, first.decision, first.comment) == (
        "一、基本情况……",
        "returned",
        "请补充整改数据",
    )
    task = _task(cast, campaign)
    assert task.status == TaskStatus.ACCEPTED and task.late  # accepted, but reported late
    decisions = (Verb.REPORT_SUBMIT, Verb.REPORT_RETURN, Verb.REPORT_ACCEPT)
    verbs = list(
        Entry.objects.filter(verb__in=decisions).values_list("verb", flat=True).order_by("seq")
    )
    assert Entry.objects.filter(verb=Verb.REPORT_SAVE).count() == 2
    assert verbs == [Verb.REPORT_SUBMIT, Verb.REPORT_RETURN, Verb.REPORT_SUBMIT, Verb.REPORT_ACCEPT]


def test_a_submitted_report_cannot_be_edited(cast, campaign):
    report = reports.report_for(campaign=campaign, unit=cast.unit_a)
    report = reports.report_save(report=report, by=cast.liaison_a, body="正文")
    reports.report_submit(report=report, by=cast.liaison_a)
    with pytest.raises(ValidationError, match="不能修改"):
        report = reports.report_save(report=report, by=cast.liaison_a, body="偷偷改")


def test_only_the_unit_writes_and_only_the_office_decides(cast, campaign):
    report = reports.report_for(campaign=campaign, unit=cast.unit_a)
    with pytest.raises(PermissionDenied):
        report = reports.report_save(report=report, by=cast.liaison_b, body="x")
    report = reports.report_save(report=report, by=cast.liaison_a, body="x")
    reports.report_submit(report=report, by=cast.liaison_a)
    for who in ("liaison_a", "inspector"):
        with pytest.raises(PermissionDenied):
            reports.report_decide(report=report, by=getattr(cast, who), accept=True)


def test_report_pages_are_scoped(cast, campaign, login):
    report = reports.report_for(campaign=campaign, unit=cast.unit_a)
    report = reports.report_save(report=report, by=cast.liaison_a, body="甲区的报告正文")
    reports.report_submit(report=report, by=cast.liaison_a)
    detail = reverse("campaigns:report_detail", args=[report.pk])
    assert login(cast.office).get(detail).status_code == 200
    assert login(cast.liaison_a).get(detail).status_code == 403
    own = login(cast.liaison_b).get(reverse("campaigns:my_report", args=[campaign.pk]))
    assert "甲区的报告正文" not in own.content.decode()
    assert not Report.objects.filter(unit=cast.unit_b).exists()  # looking creates nothing


def test_the_office_decides_through_the_screen(cast, campaign, login):
    report = reports.report_for(campaign=campaign, unit=cast.unit_a)
    report = reports.report_save(report=report, by=cast.liaison_a, body="正文")
    reports.report_submit(report=report, by=cast.liaison_a)
    client = login(cast.office)
    url = reverse("campaigns:report_detail", args=[report.pk])
    response = client.post(url, {"return": "1", "comment": ""})
    assert "退回须写明意见" in response.content.decode()
    client.post(url, {"return": "1", "comment": "请补充"})
    report.refresh_from_db()
    assert report.status == "returned"


def test_submitted_reports_appear_in_the_offices_todo_list(cast, campaign, login):
    report = reports.report_for(campaign=campaign, unit=cast.unit_a)
    report = reports.report_save(report=report, by=cast.liaison_a, body="正文")
    reports.report_submit(report=report, by=cast.liaison_a)
    todos = login(cast.office).get("/").context["todos"]
    assert any(t.title == "1 份开展情况报告待审核" for t in todos)
    assert not any("待审核" in t.title for t in login(cast.inspector).get("/").context["todos"])
