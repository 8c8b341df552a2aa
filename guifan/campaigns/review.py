"""No empty boxes (坚决防止搞形式、走过场): what a unit's task must hold before it is reported,
and the office's decision on each reported task and plan — accepted, or returned with its
comment (a returned task is the unit's to do again, its comment shown with it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.campaigns.headings import missing_headings
from guifan.campaigns.hooks import task_check
from guifan.campaigns.models import (
    OPEN_STATUSES,
    MechanismPlan,
    PlanStatus,
    TaskStatus,
    TrackKind,
    UnitTask,
)
from guifan.campaigns.services import office_of
from guifan.core import clock
from guifan.journal.services import record
from guifan.journal.verbs import Verb


def missing_substance(task: UnitTask, statement: str) -> str:
    """Why the task cannot be reported as it stands ("" when it can)."""
    campaign_id, unit_id = task.track.campaign_id, task.unit_id
    kind = task.track.kind
    if kind == TrackKind.SELF_EXAM:
        if missing := missing_headings(task):
            return _(
                "查遗补缺须逐个方面填写记录（检查了什么，发现的问题或未发现问题的说明），"
                "尚未填写：%(headings)s。"
            ) % {"headings": "、".join(missing)}
    elif kind == TrackKind.MECHANISM:
        plans = MechanismPlan.objects.filter(campaign_id=campaign_id, unit_id=unit_id)
        if not plans.exists() and not statement:
            return _(
                "制度创新尚无机制建设计划：请至少登记一项计划；确无需要健全的机制的，"
                "请在报送说明中写明理由。"
            )
    check = task_check(kind)
    return check(task, statement) if check is not None else ""


def _open_campaign(campaign) -> None:
    if campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("活动未在进行中，不能审核。"))


@transaction.atomic
def task_decide(*, task: UnitTask, by, accept: bool, comment: str = "") -> UnitTask:
    """The office accepts a reported task, or returns it to the unit with its comment."""
    task = UnitTask.objects.select_for_update().select_related("track__campaign").get(pk=task.pk)
    office_of(by, task.track.campaign)
    _open_campaign(task.track.campaign)
    if task.status != TaskStatus.SUBMITTED:
        raise ValidationError(_("只有已报送的任务可以审核通过或退回。"))
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError(_("退回须写明意见，说明还缺什么。"))
    task.status = TaskStatus.ACCEPTED if accept else TaskStatus.RETURNED
    task.review_comment, task.reviewed_at = comment, clock.now()
    task.save(update_fields=["status", "review_comment", "reviewed_at"])
    record(
        actor=by,
        verb=Verb.TASK_ACCEPT if accept else Verb.TASK_RETURN,
        target=task,
        payload={"campaign": task.track.campaign_id, "comment": comment},
    )
    return task


@transaction.atomic
def plan_decide(*, plan: MechanismPlan, by, accept: bool, comment: str = "") -> MechanismPlan:
    """The office accepts a reported plan, or returns it (back to 已出台, to be reported again
    once the unit has dealt with the comment)."""
    plan = MechanismPlan.objects.select_for_update().select_related("campaign").get(pk=plan.pk)
    office_of(by, plan.campaign)
    _open_campaign(plan.campaign)
    if plan.status != PlanStatus.REPORTED or plan.accepted_at is not None:
        raise ValidationError(_("只有已报送、尚未审核的计划可以审核通过或退回。"))
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError(_("退回须写明意见，说明还缺什么。"))
    plan.review_comment = comment
    if accept:
        plan.accepted_at = clock.now()
    else:
        plan.status, plan.reported_at = PlanStatus.ISSUED, None
    plan.save(update_fields=["status", "reported_at", "accepted_at", "review_comment"])
    record(
        actor=by,
        verb=Verb.PLAN_ACCEPT if accept else Verb.PLAN_RETURN,
        target=plan,
        payload={"campaign": plan.campaign_id, "comment": comment},
    )
    return plan
