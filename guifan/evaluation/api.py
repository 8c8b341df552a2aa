"""Evaluation API: assignments scoped like the screens, and "why can't X evaluate Y?"."""

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
from guifan.evaluation.models import Assignment
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
