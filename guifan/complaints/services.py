"""Complaints from registration to conclusion; journaled.

群众有反映没有查清的不放过: a complaint is handed to the unit concerned or to a discipline
inspector, investigated, and closed only with a conclusion and the evidence for it. One found
属实 or 部分属实 puts what it showed on the rectification list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.attachments.services import attachment_store
from guifan.campaigns.models import OPEN_STATUSES, Campaign, ChecklistItem, ChecklistKind
from guifan.complaints.models import FOUNDED, Complaint, ComplaintStatus, Conclusion
from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.rectification.services import Draft, item_from_problem, items_from_complaint

REGISTRARS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)


def may_investigate(by, complaint: Complaint) -> bool:
    """The inspector it was handed to, or the liaison of the unit it was handed to."""
    if by is None:
        return True
    if complaint.investigator_id is not None:
        return complaint.investigator_id == by.pk
    if complaint.investigator_unit_id is not None:
        return scope_of(by).acts_as(Role.LIAISON, complaint.investigator_unit_id)
    return False


@transaction.atomic
def complaint_register(*, by, unit, campaign, problem=None, **fields) -> Complaint:
    if by is not None:
        scope = scope_of(by)
        if not scope.has(*REGISTRARS) or unit.pk not in scope.business_unit_ids:
            raise PermissionDenied
    if campaign is None:
        raise ValidationError(_("请选择所属活动。"))
    # Locked, so that the campaign cannot close between this check and the commit.
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("该活动未在进行中，不能登记群众反映。"))
    if not campaign.participants.filter(unit=unit).exists():
        raise ValidationError(_("被反映单位没有参加该活动。"))
    complaint = Complaint(unit=unit, campaign=campaign, created_by=by, **fields)
    for related in ("case", "person"):
        value = getattr(complaint, related)
        if value is not None and value.unit_id != unit.pk:
            raise ValidationError(_("涉及的案件和人员须属于被反映单位。"))
    complaint.full_clean()
    complaint.save()
    record(
        actor=by,
        verb=Verb.COMPLAINT_REGISTER,
        target=complaint,
        payload={
            "unit": unit.code,
            "channel": complaint.channel,
            "campaign": campaign.pk,
        },
    )
    if problem is not None:
        complaint_link(complaint=complaint, problem=problem, by=by)
    return complaint


@transaction.atomic
def complaint_link(*, complaint: Complaint, problem, by) -> Complaint:
    """Link the complaint to the self-examination problem it gave rise to or confirms."""
    if by is not None and complaint.unit_id not in scope_of(by).business_unit_ids:
        raise PermissionDenied
    if problem.unit_id != complaint.unit_id:
        raise ValidationError(_("只能关联同一单位的问题。"))
    complaint.problem = problem
    complaint.save(update_fields=["problem"])
    record(actor=by, verb=Verb.COMPLAINT_LINK, target=complaint, payload={"problem": problem.pk})
    return complaint


def _drafts(complaint: Complaint, problems: Sequence[dict]) -> list[Draft]:
    person, case = complaint.person, complaint.case
    department = person.department_id if person else case.department_id if case else None
    handler = person.pk if person else case.handler_id if case else None
    return [
        Draft(
            category=row["category"],
            description=row["description"].strip(),
            measures=(row.get("measures") or "").strip(),
            responsible=(row.get("responsible") or "").strip(),
            deadline=row["deadline"],
            found_on=complaint.received_on,
            department_id=department,
            handler_id=handler,
        )
        for row in problems
    ]


def _locked(complaint: Complaint) -> Complaint:
    # Only the complaint's own row (see rectification.services._locked).
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


@transaction.atomic
def complaint_assign(
    *, complaint: Complaint, by, investigator=None, deadline: date | None = None
) -> Complaint:
    """交办: to the unit concerned (its liaison investigates), or to a discipline inspector
    (``investigator``), who must hold the inspection role over that unit."""
    complaint = _locked(complaint)
    if by is not None and not scope_of(by).oversees(complaint.unit_id):
        raise PermissionDenied
    if complaint.concluded:
        raise ValidationError(_("该群众反映已办结。"))
    if complaint.investigator_id is not None and investigator is None:
        raise ValidationError(_("已交纪检监察调查的群众反映，不能改交被反映单位。"))
    if investigator is not None and not scope_of(investigator).acts_as(
        Role.INSPECTION, complaint.unit_id
    ):
        raise ValidationError(_("承办人须是对被反映单位有监督职责的纪检监察人员。"))
    complaint.investigator = investigator
    complaint.investigator_unit = None if investigator is not None else complaint.unit
    complaint.status, complaint.assigned_at = ComplaintStatus.ASSIGNED, clock.now()
    complaint.reply_deadline = deadline or clock.today() + timedelta(
        days=settings.GUIFAN_COMPLAINT_DAYS
    )
    complaint.save(
        update_fields=[
            "investigator",
            "investigator_unit",
            "status",
            "assigned_at",
            "reply_deadline",
        ]
    )
    record(
        actor=by,
        verb=Verb.COMPLAINT_ASSIGN,
        target=complaint,
        payload={
            "to": investigator.username if investigator is not None else complaint.unit.code,
            "deadline": complaint.reply_deadline.isoformat(),
        },
    )
    return complaint


@transaction.atomic
def complaint_investigate(*, complaint: Complaint, by, investigation: str) -> Complaint:
    """Save how far the investigation got, without concluding."""
    complaint = _locked(complaint)
    if complaint.status != ComplaintStatus.ASSIGNED:
        raise ValidationError(_("只有调查中的群众反映可以记录调查情况。"))
    if not may_investigate(by, complaint):
        raise PermissionDenied
    complaint.investigation = investigation.strip()
    complaint.save(update_fields=["investigation"])
    record(actor=by, verb=Verb.COMPLAINT_INVESTIGATE, target=complaint, payload={})
    return complaint


@transaction.atomic
def complaint_conclude(
    *,
    complaint: Complaint,
    by,
    conclusion: str,
    investigation: str,
    uploads=(),
    problems: Sequence[dict] = (),
) -> Complaint:
    """办结: a conclusion, what the investigation found and the evidence; nothing less.

    属实 / 部分属实 needs the problems it showed (``problems``: category, description, measures,
    responsible, deadline), unless the complaint is linked to a self-examination problem that
    is already on the rectification list. They go on the list against the complaint's unit and
    the person or case it was about."""
    complaint = _locked(complaint)
    if complaint.concluded:
        raise ValidationError(_("该群众反映已办结。"))
    if complaint.status != ComplaintStatus.ASSIGNED:
        raise ValidationError(_("请先交办调查，再办结。"))
    if not may_investigate(by, complaint):
        raise PermissionDenied
    if conclusion not in Conclusion.values:
        raise ValidationError(_("请选择调查结论：属实、部分属实或不属实。"))
    if not investigation.strip():
        raise ValidationError(_("请写明调查核实情况。"))
    founded = conclusion in FOUNDED
    if founded and not problems and complaint.problem is None:
        raise ValidationError(_("反映属实或部分属实的，须列出需整改的问题。"))
    if not founded and problems:
        raise ValidationError(_("反映不属实的，不列整改问题。"))
    if founded and complaint.campaign_id is None:
        raise ValidationError(_("该群众反映未指定所属活动，无法列入整改清单。"))
    categories = set(
        ChecklistItem.objects.filter(
            campaign_id=complaint.campaign_id, kind=ChecklistKind.CATEGORY
        ).values_list("label", flat=True)
    )
    for number, row in enumerate(problems, start=1):
        if row.get("category") not in categories:
            raise ValidationError(
                _("第 %(n)d 个问题：问题类别不属于此活动的问题类别。") % {"n": number}
            )
        if not (row.get("description") or "").strip():
            raise ValidationError(_("第 %(n)d 个问题：请填写问题描述。") % {"n": number})
    # Evidence discipline inspection gathered stays with the office and inspection over the
    # unit: the unit concerned never downloads it (attachments are scoped by unit).
    private = complaint.investigator_id is not None
    for upload in uploads:
        complaint.evidence.add(
            attachment_store(upload=upload, unit=complaint.unit, by=by, oversight_only=private)
        )
    if not complaint.evidence.exists():
        raise ValidationError(_("请上传证据材料（谈话笔录、调取的录像说明等），没有证据不能办结。"))
    complaint.conclusion, complaint.investigation = conclusion, investigation.strip()
    complaint.status, complaint.concluded_at, complaint.concluded_by = (
        ComplaintStatus.CONCLUDED,
        clock.now(),
        by,
    )
    complaint.save(
        update_fields=["conclusion", "investigation", "status", "concluded_at", "concluded_by"]
    )
    items = items_from_complaint(complaint, _drafts(complaint, problems), by) if founded else []
    if founded and complaint.problem is not None:
        item_from_problem(complaint.problem, by=by)  # on the list already; made sure of
    record(
        actor=by,
        verb=Verb.COMPLAINT_CONCLUDE,
        target=complaint,
        payload={
            "conclusion": conclusion,
            "evidence": complaint.evidence.count(),
            "items": [i.pk for i in items],
        },
    )
    return complaint
