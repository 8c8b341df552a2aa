"""制度创新: mechanism-building plans and their lifecycle (services for one concern)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.attachments.services import attachment_store
from guifan.campaigns.models import OPEN_STATUSES, MechanismPlan, PlanStatus
from guifan.campaigns.services import liaison_of, unit_may_work_on
from guifan.core import clock
from guifan.journal.services import record
from guifan.journal.verbs import Verb

# Which status may follow which; a plan that is not ripe becomes a research item and may
# later be planned again.
TRANSITIONS = {
    PlanStatus.PLANNED: {PlanStatus.ISSUED, PlanStatus.RESEARCH},
    PlanStatus.RESEARCH: {PlanStatus.PLANNED},
    PlanStatus.ISSUED: {PlanStatus.REPORTED},
    PlanStatus.REPORTED: set(),
}


@transaction.atomic
def plan_create(*, campaign, unit, by, **fields) -> MechanismPlan:
    liaison_of(by, unit.pk)
    unit_may_work_on(campaign, unit, _("活动未在进行中，不能登记计划。"))
    plan = MechanismPlan(campaign=campaign, unit=unit, created_by=by, **fields)
    if plan.area.campaign_id != campaign.pk or plan.area.kind != "area":
        raise ValidationError(_("领域不属于此活动。"))
    plan.full_clean()
    plan.save()
    record(
        actor=by,
        verb=Verb.PLAN_CREATE,
        target=plan,
        payload={"campaign": campaign.pk, "unit": unit.code, "area": plan.area.label},
    )
    return plan


@transaction.atomic
def plan_move(
    *, plan: MechanismPlan, to: str, by, upload=None, findings: str = ""
) -> MechanismPlan:
    """Move a plan on: issue it (with the issued document), report it, or keep it for research."""
    liaison_of(by, plan.unit_id)
    plan = MechanismPlan.objects.select_for_update().select_related("campaign").get(pk=plan.pk)
    if plan.campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("活动未在进行中，计划不能再变更。"))
    if to not in PlanStatus.values:
        raise ValidationError(_("未知的计划状态。"))
    target = PlanStatus(to)
    if target not in TRANSITIONS[PlanStatus(plan.status)]:
        raise ValidationError(
            _("“%(a)s”的计划不能改为“%(b)s”。")
            % {"a": plan.get_status_display(), "b": target.label}
        )
    if target == PlanStatus.ISSUED:
        if upload is None:
            raise ValidationError(_("出台须上传出台的文件。"))
        plan.document = attachment_store(upload=upload, unit=plan.unit, by=by)
        plan.issued_at = clock.now()
    elif target == PlanStatus.RESEARCH:
        if not findings.strip():
            raise ValidationError(_("转为调研须写明调研情况。"))
        plan.findings = findings.strip()
    elif target == PlanStatus.REPORTED:
        plan.reported_at = clock.now()
    before, plan.status = plan.status, target
    plan.save()
    record(
        actor=by,
        verb=Verb.PLAN_STATUS,
        target=plan,
        payload={
            "from": before,
            "to": target.value,
            "document": plan.document.sha256 if plan.document_id else None,
        },
    )
    return plan
