"""The case-level conclusion screens: the campaign's results (with the 改判率 and the
回头看 counts), one case's result with its forms, and the 合议, 说明 and 审定 actions."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.core import clock
from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.draws.access import access_draw_campaign
from guifan.evaluation import result_selectors as selectors
from guifan.evaluation import results
from guifan.evaluation.models import ApprovalBody, CaseResult, Finding
from guifan.evaluation.workflow import rubric_for
from guifan.web.actions import run_service

READERS = (Role.OFFICE, Role.INSPECTION, Role.TEAM_LEAD, Role.HANDLER, Role.LIAISON)


def access_result(user, result_id: int) -> CaseResult:
    result = (
        CaseResult.objects.visible_to(user)
        .filter(pk=result_id)
        .select_related("campaign__issuing_unit", "case__unit", "case__handler")
        .first()
    )
    if result is None:
        raise Http404
    return result


@role_required(Role.OFFICE, Role.INSPECTION)
def results_overview(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    filters = {k: request.GET.get(k, "") for k in ("status", "unit")}
    rows = selectors.result_list(user=request.user, campaign=campaign, filters=filters)
    context = {
        "campaign": campaign,
        "rows": rows[:500],
        "counts": selectors.result_counts(
            selectors.result_list(user=request.user, campaign=campaign)
        ),
        "filters": filters,
        "reversal": selectors.reversal_rates(user=request.user, campaign=campaign),
        "lookback": selectors.lookback_counts(user=request.user, campaign=campaign),
    }
    return render(request, "evaluation/results_overview.html", context)


@role_required(*READERS)
def result_detail(request, result_id: int):
    result = access_result(request.user, result_id)
    forms = list(results.forms_of(result))
    scope = scope_of(request.user)
    leads = {f.assignment.team.lead_id for f in forms if f.assignment.team_id}
    context = {
        "result": result,
        "case": result.case,
        "forms": forms,
        "findings": Finding.objects.filter(form__in=forms).select_related("form"),
        "sees_evaluators": scope.oversees(result.campaign.issuing_unit_id)
        or request.user.person_id in leads,
        "may_deliberate": results.may_deliberate(request.user, result),
        "is_office": scope.acts_as(Role.OFFICE, result.campaign.issuing_unit_id),
        "grades": rubric_for(result.campaign).grades,
        "bodies": ApprovalBody.choices,
        "recheck": results.is_recheck(result),
        "original": result.case.original_evaluations.order_by("-year", "-seq").first(),
        "today": clock.today(),
    }
    return render(request, "evaluation/result_detail.html", context)


def _act(request, result_id: int, action, success: str):
    result = access_result(request.user, result_id)
    run_service(request, lambda: action(result), success)
    return redirect("evaluation:result", result_id=result.pk)


@require_POST
@role_required(Role.OFFICE, Role.TEAM_LEAD)
def result_deliberate(request, result_id: int):
    post = request.POST
    return _act(
        request,
        result_id,
        lambda r: results.result_deliberate(
            result=r,
            by=request.user,
            participants=post.get("participants", ""),
            opinion=post.get("opinion", ""),
            grade=post.get("grade", ""),
            dissent=post.get("dissent", ""),
        ),
        _("合议意见已记录，下一步听取承办人说明。"),
    )


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@require_POST
@role_required(Role.OFFICE, Role.TEAM_LEAD)
def result_explain(request, result_id: int):
    post = request.POST
    return _act(
        request,
        result_id,
        lambda r: results.result_explain(
            result=r,
            by=request.user,
            explanation=post.get("explanation", ""),
            heard_on=_date(post.get("heard_on", "")),
        ),
        _("承办人说明已记录，等待审定。"),
    )


@require_POST
@role_required(Role.OFFICE)
def result_approve(request, result_id: int):
    post = request.POST
    return _act(
        request,
        result_id,
        lambda r: results.result_approve(
            result=r,
            by=request.user,
            body=post.get("body", ""),
            grade=post.get("grade", ""),
            opinion=post.get("opinion", ""),
            outcome_reason=post.get("outcome_reason", ""),
        ),
        _("评查结论已审定。"),
    )
