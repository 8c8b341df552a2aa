"""开展情况报送: a unit writes and submits its report; the office returns or accepts it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.attachments.services import attachment_check, attachment_store
from guifan.campaigns.models import (
    OPEN_STATUSES,
    Report,
    ReportStatus,
    ReportVersion,
    TaskStatus,
    TrackKind,
    UnitTask,
)
from guifan.campaigns.services import liaison_of, office_of
from guifan.core import clock
from guifan.journal.services import record
from guifan.journal.verbs import Verb


def report_for(*, campaign, unit) -> Report:
    """The unit's report, or an unsaved empty one until the unit first saves it."""
    return Report.objects.filter(campaign=campaign, unit=unit).first() or Report(
        campaign=campaign, unit=unit
    )


def _task(report: Report) -> UnitTask | None:
    return UnitTask.objects.filter(
        track__campaign=report.campaign_id, track__kind=TrackKind.REPORT, unit=report.unit_id
    ).first()


@transaction.atomic
def report_save(*, report: Report, by, body: str, uploads=(), seen=None) -> Report:
    """Keep the draft: text and any new attachments (a submitted report is not edited).

    ``seen`` is the version time the editor loaded; if someone saved since, the save is
    refused rather than silently overwriting their text."""
    liaison_of(by, report.unit_id)
    if report.campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("活动未在进行中，不能修改报告。"))
    for upload in uploads:
        attachment_check(upload)  # refuse before any file is written
    report, _created = Report.objects.select_for_update().get_or_create(
        campaign=report.campaign, unit=report.unit
    )
    if seen and report.updated_at and seen != report.updated_at.isoformat():
        raise ValidationError(_("报告已被他人修改，请刷新页面后再编辑（您的内容未保存）。"))
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ValidationError(_("报告已报送，等待整治办处理，不能修改。"))
    report.body = body
    report.save(update_fields=["body", "updated_at"])
    for upload in uploads:
        report.attachments.add(attachment_store(upload=upload, unit=report.unit, by=by))
    record(
        actor=by,
        verb=Verb.REPORT_SAVE,
        target=report,
        payload={"campaign": report.campaign_id, "attachments": len(uploads)},
    )
    return report


@transaction.atomic
def report_submit(*, report: Report, by) -> ReportVersion:
    """Freeze the current text as a new version and hand it to the office."""
    liaison_of(by, report.unit_id)
    report = (
        Report.objects.select_for_update()
        .select_related("campaign")
        .filter(campaign=report.campaign_id, unit=report.unit_id)
        .first()
    )
    if report is None:
        raise ValidationError(_("报告正文为空，不能报送。"))
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
    office_of(by, report.campaign)
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
