"""The rectification list's changes: taking problems over from their sources, the unit's
work on them, verification (销号) or return, chase-up, and recurrence. All journaled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from guifan.attachments.services import attachment_store
from guifan.campaigns.models import Campaign, CampaignStatus
from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record, record_many
from guifan.journal.verbs import Verb
from guifan.rectification.models import (
    OWED,
    Item,
    ItemStatus,
    Recurrence,
    Source,
    Step,
    StepAction,
    verifier_role,
)
from guifan.rectification.recurrence import recurrence_detect
from guifan.rectification.taxonomy import classify


def may_verify(user, item: Item) -> bool:
    return scope_of(user).acts_as(verifier_role(item.category), item.campaign.issuing_unit_id)


def _liaison_of(by, item: Item) -> None:
    if by is not None and not scope_of(by).acts_as(Role.LIAISON, item.unit_id):
        raise PermissionDenied


def _step(item: Item, action: StepAction, by, note: str = "") -> None:
    Step.objects.create(item=item, action=action, actor=by, at=clock.now(), note=note)


def _locked(item: Item) -> Item:
    # Only the item's own row: PostgreSQL refuses FOR UPDATE across the nullable side of an
    # outer join, so related rows are read afterwards.
    return Item.objects.select_for_update().get(pk=item.pk)


# -- Taking problems over from their sources -----------------------------------------------


@dataclass(frozen=True)
class Draft:
    """What a source says about one problem, before it is on the list."""

    category: str
    description: str
    deadline: date
    found_on: date
    measures: str = ""
    responsible: str = ""
    department_id: int | None = None
    handler_id: int | None = None
    code: str = ""  # the taxonomy code; "" lets the description decide (taxonomy.classify)


def _create(*, campaign, unit, source: Source, draft: Draft, by, **link) -> Item:
    # The campaign row is locked so that it cannot close (campaign_advance holds the same
    # lock while it reads the gate) between here and the commit.
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status == CampaignStatus.CLOSED:
        raise ValidationError(_("活动已结束，不能再列入整改问题。"))
    item = Item(
        campaign=campaign,
        unit=unit,
        source=source,
        category=draft.category,
        code=draft.code or classify(draft.description),
        description=draft.description,
        measures=draft.measures,
        responsible=draft.responsible,
        deadline=draft.deadline,
        found_on=draft.found_on,
        department_id=draft.department_id,
        handler_id=draft.handler_id,
        **link,
    )
    item.full_clean(exclude=["problem", "finding", "complaint", "baseline"])
    item.save()
    _step(item, StepAction.CREATE, by)
    record(
        actor=by,
        verb=Verb.RECTIFY_CREATE,
        target=item,
        payload={
            "campaign": campaign.pk,
            "unit": unit.code,
            "source": source.value,
            "category": item.category,
            "deadline": item.deadline.isoformat(),
        },
    )
    recurrence_detect(item)
    return item


@transaction.atomic
def item_from_problem(problem, by=None) -> Item:
    """A self-examination problem goes on the list as it was recorded (once)."""
    existing = Item.objects.filter(problem=problem).first()
    if existing is not None:
        return existing
    draft = Draft(
        category=problem.category.label,
        description=problem.description,
        measures=problem.measure,
        responsible=problem.responsible,
        deadline=problem.deadline,
        found_on=clock.today(),  # taken over as it is recorded
    )
    return _create(
        campaign=problem.campaign,
        unit=problem.unit,
        source=Source.SELF_EXAM,
        draft=draft,
        by=by,
        problem=problem,
    )


@transaction.atomic
def items_from_form(form, by=None) -> list[Item]:
    """A final evaluation result: its findings marked for rectification go on the list, each
    against the case's unit, department and handler (once)."""
    case = form.assignment.case
    found_on = clock.localdate(form.finalized_at) if form.finalized_at else clock.today()
    deadline = found_on + timedelta(days=settings.GUIFAN_RECTIFY_DAYS)
    taken = set(Item.objects.filter(finding__form=form).values_list("finding_id", flat=True))
    items = []
    for finding in form.findings.filter(rectify=True, withdrawn_at__isnull=True).exclude(
        pk__in=taken
    ):
        basis = f"（{finding.legal_basis}）" if finding.legal_basis else ""
        draft = Draft(
            category=finding.category,
            description=f"{case.case_no}：{finding.description}{basis}",
            deadline=deadline,
            found_on=found_on,
            department_id=case.department_id,
            handler_id=case.handler_id,
        )
        items.append(
            _create(
                campaign=form.assignment.campaign,
                unit=case.unit,
                source=Source.EVALUATION,
                draft=draft,
                by=by,
                finding=finding,
            )
        )
    return items


@transaction.atomic
def item_from_source(*, campaign, unit, source: Source, ref: str, draft: Draft, by) -> Item:
    """A problem from a source above this app (see ``sources.py``), once per ``ref``."""
    existing = Item.objects.filter(source=source, source_ref=ref).first()
    if existing is not None:
        return existing
    return _create(campaign=campaign, unit=unit, source=source, draft=draft, by=by, source_ref=ref)


def items_from_complaint(complaint, drafts: Iterable[Draft], by) -> list[Item]:
    """A complaint found (partly) substantiated: the problems it showed go on the list."""
    return [
        _create(
            campaign=complaint.campaign,
            unit=complaint.unit,
            source=Source.COMPLAINT,
            draft=draft,
            by=by,
            complaint=complaint,
        )
        for draft in drafts
    ]


# -- Recurrence (改后又复发) -----------------------------------------------------------------


@transaction.atomic
def recurrence_handle(*, recurrence: Recurrence, by, handling: str) -> Recurrence:
    """The office or discipline inspection records why it came back and what was done about
    it (约谈、通报、追责……); only then is the recurrence no longer open."""
    recurrence = Recurrence.objects.select_for_update().get(pk=recurrence.pk)
    if by is not None and not scope_of(by).oversees(recurrence.item.campaign.issuing_unit_id):
        raise PermissionDenied
    if not recurrence.pending:
        raise ValidationError(_("该复发问题已处置。"))
    if not handling.strip():
        raise ValidationError(_("请写明复发原因及处置意见。"))
    recurrence.handling, recurrence.handled_at, recurrence.handled_by = (
        handling.strip(),
        clock.now(),
        by,
    )
    recurrence.save(update_fields=["handling", "handled_at", "handled_by"])
    record(
        actor=by,
        verb=Verb.RECURRENCE_HANDLE,
        target=recurrence.item,
        payload={
            "earlier": recurrence.earlier_id,
            "earlier_baseline": recurrence.earlier_baseline_id,
        },
    )
    return recurrence


# -- The unit's work and its verification --------------------------------------------------


@transaction.atomic
def item_start(*, item: Item, by, measures: str, responsible: str) -> Item:
    """The unit sets (or revises) its measures and who is responsible, and is at work."""
    item = _locked(item)
    _liaison_of(by, item)
    if item.status not in OWED:
        raise ValidationError(_("该问题已报送整改情况，不能再修改整改措施。"))
    if not measures.strip() or not responsible.strip():
        raise ValidationError(_("请填写整改措施和责任人。"))
    if len(responsible.strip()) > 100:
        raise ValidationError(_("责任人最多 100 个字。"))
    started = item.status == ItemStatus.OPEN
    item.measures, item.responsible = measures.strip(), responsible.strip()
    item.status = ItemStatus.IN_PROGRESS
    if started:
        item.started_at = clock.now()
    item.save(update_fields=["measures", "responsible", "status", "started_at"])
    _step(item, StepAction.START, by, item.measures if started else _("修改整改措施"))
    record(
        actor=by,
        verb=Verb.RECTIFY_START,
        target=item,
        payload={"unit": item.unit.code, "revised": not started},
    )
    return item


@transaction.atomic
def item_submit(*, item: Item, by, outcome: str, uploads=()) -> Item:
    """已整改: the unit reports what it did, with the evidence, for verification."""
    item = _locked(item)
    _liaison_of(by, item)
    if item.status not in OWED:
        raise ValidationError(_("该问题不在整改中，不能报送。"))
    if not item.measures or not item.responsible:
        raise ValidationError(_("请先填写整改措施和责任人。"))
    if not outcome.strip():
        raise ValidationError(_("请写明整改落实情况。"))
    for upload in uploads:
        item.evidence.add(attachment_store(upload=upload, unit=item.unit, by=by))
    if not item.evidence.exists():
        raise ValidationError(_("请上传整改材料（如制度文件、台账、通报），整改不能只停留在纸面。"))
    late = clock.today() > item.deadline
    item.outcome, item.status, item.done_at = outcome.strip(), ItemStatus.DONE, clock.now()
    item.save(update_fields=["outcome", "status", "done_at"])
    _step(item, StepAction.SUBMIT, by, item.outcome)
    record(
        actor=by,
        verb=Verb.RECTIFY_SUBMIT,
        target=item,
        payload={"unit": item.unit.code, "evidence": item.evidence.count(), "late": late},
    )
    return item


def _verifier_of(by, item: Item) -> None:
    if by is not None and not may_verify(by, item):
        raise PermissionDenied


@transaction.atomic
def item_verify(*, item: Item, by, comment: str = "") -> Item:
    """已销号: the office (or discipline inspection, for conduct matters) checked it is done."""
    item = _locked(item)
    _verifier_of(by, item)
    if item.status != ItemStatus.DONE:
        raise ValidationError(_("只有已报送整改情况的问题可以销号。"))
    item.status, item.closed_at, item.closed_by = ItemStatus.CLOSED, clock.now(), by
    item.save(update_fields=["status", "closed_at", "closed_by"])
    _step(item, StepAction.CLOSE, by, comment.strip())
    record(actor=by, verb=Verb.RECTIFY_CLOSE, target=item, payload={"unit": item.unit.code})
    return item


@transaction.atomic
def item_return(*, item: Item, by, reason: str) -> Item:
    """Not done as reported: back to 整改中, with the reasons the unit will read."""
    item = _locked(item)
    _verifier_of(by, item)
    if item.status != ItemStatus.DONE:
        raise ValidationError(_("只有已报送整改情况的问题可以退回。"))
    if not reason.strip():
        raise ValidationError(_("请写明退回理由。"))
    item.status, item.returns = ItemStatus.IN_PROGRESS, item.returns + 1
    item.save(update_fields=["status", "returns"])
    _step(item, StepAction.RETURN, by, reason.strip())
    record(
        actor=by,
        verb=Verb.RECTIFY_RETURN,
        target=item,
        payload={"unit": item.unit.code, "returns": item.returns},
    )
    return item


@transaction.atomic
def items_chase_up(*, campaign, by, unit=None) -> int:
    """催办: remind one unit of all it still owes, or every unit of what is overdue."""
    from guifan.campaigns.services import office_of

    office_of(by, campaign)
    items = Item.objects.filter(campaign=campaign).owed()
    items = items.filter(unit=unit) if unit is not None else items.overdue()
    chased = list(items.select_related("unit"))
    now = clock.now()
    Item.objects.filter(pk__in=[i.pk for i in chased]).update(
        chased_at=now, chase_count=F("chase_count") + 1
    )
    Step.objects.bulk_create(
        Step(item=i, action=StepAction.CHASE, actor=by, at=now) for i in chased
    )
    units = sorted({i.unit for i in chased}, key=lambda u: u.path)
    record_many(
        actor=by,
        items=[
            (
                Verb.RECTIFY_CHASE,
                unit_,
                {"campaign": campaign.pk, "items": [i.pk for i in chased if i.unit == unit_]},
            )
            for unit_ in units
        ],
    )
    return len(units)
