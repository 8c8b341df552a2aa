"""Pages of campaigns.review: a unit task with its substance and statement, and the office's
accept / return of a reported task or plan."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.campaigns import review
from guifan.campaigns.access import access_task
from guifan.campaigns.heading_views import heading_rows
from guifan.campaigns.models import (
    OPEN_STATUSES,
    MechanismPlan,
    SelfExamProblem,
    TaskStatus,
    TrackKind,
)
from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.web.actions import run_service

READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON, Role.DEPT_LIAISON)


@role_required(*READERS)
def task_detail(request, task_id: int):
    task = access_task(request.user, task_id)
    campaign = task.track.campaign
    scope = scope_of(request.user)
    kind = task.track.kind
    liaison = scope.acts_as(Role.LIAISON, task.unit_id) or scope.acts_for_department(
        task.department_id
    )
    open_task = task.status in (TaskStatus.PENDING, TaskStatus.RETURNED)
    context = {
        "task": task,
        "campaign": campaign,
        "headings": heading_rows(task) if kind == TrackKind.SELF_EXAM else None,
        "may_record": liaison and open_task and campaign.status in OPEN_STATUSES,
        "may_submit": liaison
        and kind != TrackKind.REPORT
        and task.status in (TaskStatus.PENDING, TaskStatus.RETURNED),
        "may_decide": scope.acts_as(Role.OFFICE, campaign.issuing_unit_id)
        and task.status == TaskStatus.SUBMITTED,
        "missing": review.missing_substance(task, "") if task.status != TaskStatus.ACCEPTED else "",
        "problems": SelfExamProblem.objects.filter(campaign=campaign, unit=task.unit).count()
        if kind == TrackKind.SELF_EXAM and not task.department_id
        else None,
        "plans": MechanismPlan.objects.filter(campaign=campaign, unit=task.unit).count()
        if kind == TrackKind.MECHANISM
        else None,
    }
    return render(request, "campaigns/task_detail.html", context)


def _accept(request) -> bool:
    return request.POST.get("decision") == "accept"


@require_POST
@role_required(Role.OFFICE)
def task_decide(request, task_id: int):
    task = access_task(request.user, task_id)
    accept = _accept(request)
    run_service(
        request,
        lambda: review.task_decide(
            task=task, by=request.user, accept=accept, comment=request.POST.get("comment", "")
        ),
        _("已审核通过。") if accept else _("已退回，单位将看到退回意见。"),
    )
    return redirect("campaigns:task_detail", task_id=task.pk)


@require_POST
@role_required(Role.OFFICE)
def plan_decide(request, plan_id: int):
    plan = MechanismPlan.objects.visible_to(request.user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    accept = _accept(request)
    run_service(
        request,
        lambda: review.plan_decide(
            plan=plan, by=request.user, accept=accept, comment=request.POST.get("comment", "")
        ),
        _("计划已审核通过。") if accept else _("计划已退回，单位将看到退回意见。"),
    )
    return redirect("campaigns:plans", campaign_id=plan.campaign_id)
