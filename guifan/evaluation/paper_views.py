"""调卷 screens: the campaign's paper 卷宗 (the office sees all, a unit's liaison its own
cases' without learning who evaluates them) and the three steps, each by its own person."""

from __future__ import annotations

from datetime import date

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.campaigns.access import access_campaign
from guifan.core import clock
from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.evaluation import paper
from guifan.web.actions import run_service

WHO = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)


@role_required(*WHO)
def paper_list(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    tasks = list(paper.paper_tasks(request.user).filter(campaign=campaign)[:1000])
    rows = [(task, paper.file_of(task)) for task in tasks]
    context = {
        "campaign": campaign,
        "rows": rows,
        "sees_evaluators": scope_of(request.user).oversees(campaign.issuing_unit_id),
        "liaison_units": scope_of(request.user).units_for(Role.LIAISON),
        "overdue": sum(1 for _task, f in rows if f is not None and f.overdue),
        "today": clock.today(),
    }
    return render(request, "evaluation/paper.html", context)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _step(request, assignment_id: int, action, success: str, back: str):
    task = paper.access_paper_task(request.user, assignment_id)
    run_service(request, lambda: action(task, _date(request.POST.get("on", ""))), success)
    if back == "mine":
        return redirect("evaluation:mine")
    return redirect("evaluation:paper", campaign_id=task.campaign_id)


def _volumes(value: str) -> int:
    return int(value) if value.isdigit() else 0


@require_POST
@role_required(Role.LIAISON)
def paper_hand_over(request, assignment_id: int):
    volumes = _volumes(request.POST.get("volumes", "1"))
    return _step(
        request,
        assignment_id,
        lambda t, on: paper.paper_hand_over(task=t, by=request.user, on=on, volumes=volumes),
        _("已登记卷宗移交，待评查人员签收。"),
        "list",
    )


@require_POST
@role_required(Role.EVALUATOR, Role.TEAM_LEAD)
def paper_receive(request, assignment_id: int):
    return _step(
        request,
        assignment_id,
        lambda t, on: paper.paper_receive(task=t, by=request.user, on=on),
        _("已签收卷宗，请在归还期限前归还承办单位。"),
        "mine",
    )


@require_POST
@role_required(Role.LIAISON)
def paper_return(request, assignment_id: int):
    return _step(
        request,
        assignment_id,
        lambda t, on: paper.paper_return(task=t, by=request.user, on=on),
        _("已登记卷宗归还。"),
        "list",
    )
