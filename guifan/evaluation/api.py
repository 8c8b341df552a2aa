"""Evaluation API: assignments and case results (评查结论) scoped like the screens, and "why
can't X evaluate Y?"."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from guifan.api.access import require_role
from guifan.api.errors import Id
from guifan.api.reads import journal_list_read
from guifan.core.roles import Role
from guifan.draws.access import access_draw_campaign
from guifan.evaluation.models import Assignment, CaseResult
from guifan.evaluation.services import why_not, why_not_lookup

router = Router(tags=["evaluation"])
WATCHERS = (Role.OFFICE, Role.INSPECTION)


class AssignmentOut(Schema):
    id: int
    campaign_id: int
    case_no: str = Field(alias="case.case_no_norm")
    case_unit_code: str = Field(alias="case.unit.code")
    evaluator_staff_no: str = Field(alias="evaluator.staff_no")
    evaluator_unit_code: str = Field(alias="evaluator.unit.code")
    reasons: list[str]
    recheck: bool
    original_evaluators: list[str]
    deadline: date
    status: str
    manual: bool

    @staticmethod
    def resolve_reasons(obj) -> list[str]:
        return obj.reasons.split("、")

    @staticmethod
    def resolve_original_evaluators(obj) -> list[str]:
        return [no for no in obj.original_evaluators.split(",") if no]


class WhyNotOut(Schema):
    eligible: bool
    reasons: list[str]


@router.get("/assignments", response=list[AssignmentOut], summary="评查任务（按权限范围）")
def assignments(request, campaign: Id | None = None):
    require_role(request, *WATCHERS, Role.EVALUATOR, Role.TEAM_LEAD)
    journal_list_read(request, "evaluation.assignment", "评查任务")
    rows = Assignment.objects.visible_to(request.user).select_related(
        "case__unit", "evaluator__unit"
    )
    return rows.filter(campaign_id=campaign) if campaign else rows


@router.get("/why-not", response=WhyNotOut, summary="某人能否评查某案，不能时的回避理由")
def why_not_endpoint(request, campaign: Id, evaluator: str, case: str):
    require_role(request, *WATCHERS)
    try:
        found = access_draw_campaign(request.user, campaign)
    except Http404:
        raise HttpError(404, "找不到该活动") from None
    pair = why_not_lookup(campaign=found, staff_no=evaluator, case_no=case)
    if pair is None:
        raise HttpError(404, "该工号不是本次的评查人员，或该部门受案号不在本次评查案件中")
    person, row = pair
    reasons = why_not(campaign=found, person=person, case=row)
    return {"eligible": not reasons, "reasons": reasons}


class CaseResultOut(Schema):
    id: int
    campaign_id: int
    case_no: str = Field(alias="case.case_no_norm")
    case_unit_code: str = Field(alias="case.unit.code")
    status: str
    proposed_grade: str | None
    final_grade: str | None
    explanation_due: date | None
    explanation_overdue_days: int = Field(alias="explanation_overdue")
    original_grade: str | None
    outcome: str | None

    @staticmethod
    def resolve_proposed_grade(obj) -> str | None:
        return obj.proposed_grade or None

    @staticmethod
    def resolve_final_grade(obj) -> str | None:
        return obj.final_grade or None

    @staticmethod
    def resolve_original_grade(obj) -> str | None:
        return obj.original_grade or None

    @staticmethod
    def resolve_outcome(obj) -> str | None:
        return obj.outcome or None


RESULT_READERS = (*WATCHERS, Role.EVALUATOR, Role.TEAM_LEAD, Role.LIAISON, Role.HANDLER)


def _results(request):
    return CaseResult.objects.visible_to(request.user).select_related("case__unit")


@router.get("/results", response=list[CaseResultOut], summary="案件评查结论（按权限范围）")
def results(request, campaign: Id | None = None):
    """One row per evaluated case: an evaluator sees the cases assigned to them, a unit's
    liaison and a handler the final results of their own unit's or own cases."""
    require_role(request, *RESULT_READERS)
    journal_list_read(request, "evaluation.caseresult", "案件评查结论")
    rows = _results(request).order_by("campaign_id", "case__case_no_norm")
    return rows.filter(campaign_id=campaign) if campaign else rows


@router.get("/results/{result_id}", response=CaseResultOut, summary="一件案件的评查结论")
def result(request, result_id: Id):
    require_role(request, *RESULT_READERS)
    found = _results(request).filter(pk=result_id).first()
    if found is None:
        raise HttpError(404, "找不到该评查结论")
    return found
