"""查遗补缺 per heading: the unit's (or department's) record of what it examined under each
自查方面 and what it found — the problems registered under the heading, the problems written
here by a department, or why nothing was found. All journaled."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.campaigns.models import (
    Campaign,
    ChecklistKind,
    HeadingRecord,
    SelfExamProblem,
    UnitTask,
)
from guifan.campaigns.services import liaison_of, unit_may_work_on
from guifan.journal.services import record
from guifan.journal.verbs import Verb


def headings_of(campaign: Campaign):
    return campaign.checklist.filter(kind=ChecklistKind.HEADING).order_by("position")


def records_of(*, campaign: Campaign, unit_id: int, department_id: int | None) -> dict:
    """The records of one unit or department, by heading id."""
    rows = HeadingRecord.objects.filter(
        campaign=campaign, unit_id=unit_id, department_id=department_id
    )
    return {r.heading_id: r for r in rows}


def problems_under(*, campaign: Campaign, unit_id: int, department_id: int | None) -> dict:
    """Problems the unit registered per heading (a department writes its own in its record)."""
    if department_id is not None:
        return {}
    counts: dict[int, int] = {}
    rows = SelfExamProblem.objects.filter(campaign=campaign, unit_id=unit_id)
    for heading_id in rows.values_list("heading_id", flat=True):
        counts[heading_id] = counts.get(heading_id, 0) + 1
    return counts


@transaction.atomic
def heading_record_save(
    *, task: UnitTask, heading, by, examined: str, findings: str = "", none_reason: str = ""
) -> HeadingRecord:
    """Keep what the unit (or department) of a self-examination task did under one heading."""
    campaign = task.track.campaign
    liaison_of(by, task.unit_id, task.department_id)
    unit_may_work_on(campaign, task.unit, _("活动未在进行中，不能登记。"))
    if heading.campaign_id != campaign.pk or heading.kind != ChecklistKind.HEADING:
        raise ValidationError(_("自查方面不属于该活动。"))
    examined, findings, none_reason = examined.strip(), findings.strip(), none_reason.strip()
    if not examined:
        raise ValidationError(_("请写明在该方面检查了什么、如何检查。"))
    keys = {"campaign": campaign, "unit_id": task.unit_id, "department_id": task.department_id}
    found = problems_under(**keys)
    if not found.get(heading.pk) and not findings and not none_reason:
        raise ValidationError(_("该方面没有登记问题：请写明发现的问题，或说明为何未发现问题。"))
    heading_record, created = HeadingRecord.objects.update_or_create(
        campaign=campaign,
        unit_id=task.unit_id,
        department_id=task.department_id,
        heading=heading,
        defaults={
            "examined": examined,
            "findings": findings,
            "none_reason": none_reason,
            "updated_by": by,
        },
    )
    record(
        actor=by,
        verb=Verb.HEADING_RECORD,
        target=heading_record,
        payload={
            "campaign": campaign.pk,
            "heading": heading.label,
            "department": task.department.name if task.department_id else "",
            "none": not found.get(heading.pk) and not findings,
            "created": created,
        },
    )
    return heading_record


def missing_headings(task: UnitTask) -> list[str]:
    """The headings of the task's self-examination that have no record yet."""
    campaign = task.track.campaign
    done = records_of(campaign=campaign, unit_id=task.unit_id, department_id=task.department_id)

    return [h.label for h in headings_of(campaign) if h.pk not in done]
