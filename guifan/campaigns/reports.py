"""开展情况报送: a unit writes and submits its report; the office returns or accepts it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.attachments.services import attachment_store
from guifan.campaigns.models import (
    OPEN_STATUSES,
    Report,
    ReportStatus,
    ReportVersion,
    TaskStatus,
    TrackKind,
    UnitTask,
)
from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb


def report_for(*, campaign, unit) -> Report:
    report, _ = Report.objects.get_or_create(campaign=campaign, unit=unit)
    return report


def _task(report: Report) -> UnitTask | None:
    return UnitTask.objects.filter(
        track__campaign=report.campaign_id, track__kind=TrackKind.REPORT, unit=report.unit_id
    ).first()


@transaction.atomic
def report_save(*, report: Report, by, body: str, uploads=()) -> Report:
    """Keep the draft: text and any new attachments (a submitted report is not edited)."""
    if by is not None and report.unit_id not in scope_of(by).business_unit_ids:
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ValidationError(_("报告已报送，等待整治办处理，不能修改。"))
    report.body = body
    report.save(update_fields=["body", "updated_at"])
    for upload in uploads:
        report.attachments.add(attachment_store(upload=upload, unit=report.unit, by=by))
    return report


@transaction.atomic
def report_submit(*, report: Report, by) -> ReportVersion:
    """Freeze the current text as a new version and hand it to the office."""
    if by is not None and report.unit_id not in scope_of(by).business_unit_ids:
        raise PermissionDenied
    report = Report.objects.select_for_update().select_related("campaign").get(pk=report.pk)
    if report.campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("活动未在进行中，不能报送。"))
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ValidationError(_("报告已报送，等待整治办处理。"))
    if not report.body.strip():
        raise ValidationError(_("报告正文为空，不能报送。"))
    now = clock.now()
    late = clock.localdate(now) > report.campaign.report_deadline
    version = ReportVersion.objects.create(
        report=report,
        number=report.versions.count() + 1,
        body=report.body,
        attachment_names="\n".join(a.name for a in report.attachments.all()),
        submitted_at=now,
        submitted_by=by,
        late=late,
    )
    report.status = ReportStatus.SUBMITTED
    report.save(update_fields=["status", "updated_at"])
    task = _task(report)
    if task is not None:
        task.status, task.submitted_at = TaskStatus.SUBMITTED, now
        task.save(update_fields=["status", "submitted_at"])
    record(
        actor=by,
        verb=Verb.REPORT_SUBMIT,
        target=report,
        payload={"version": version.number, "late": late},
    )
    return version


@transaction.atomic
def report_decide(*, report: Report, by, accept: bool, comment: str = "") -> ReportVersion:
    """The office accepts the submitted version, or returns it with comments to revise."""
    scope = scope_of(by) if by is not None else None
    if scope is not None and not (
        scope.has(Role.OFFICE) and report.campaign.issuing_unit_id in scope.business_unit_ids
    ):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("只有已报送的报告可以通过或退回。"))
    if not accept and not comment.strip():
        raise ValidationError(_("退回须写明意见。"))
    version = report.versions.order_by("-number").first()
    version.decision = "accepted" if accept else "returned"
    version.comment, version.decided_at, version.decided_by = comment.strip(), clock.now(), by
    version.save()
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.save(update_fields=["status", "updated_at"])
    task = _task(report)
    if task is not None:
        task.status = TaskStatus.ACCEPTED if accept else TaskStatus.RETURNED
        task.save(update_fields=["status"])
    record(
        actor=by,
        verb=Verb.REPORT_ACCEPT if accept else Verb.REPORT_RETURN,
        target=report,
        payload={"version": version.number},
    )
    return version
