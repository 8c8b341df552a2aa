"""The case-level conclusion (评查结论): one final grade per case, however many forms.

A case's result waits until every form of the case is fixed (objection window over or the
objection decided). One form: its grade is the proposal. Two or more (重点评查): the 评查组
合议 joins them into one proposed grade, the dissent kept. Then the evaluation group hears
the handler (听取承办人说明), and the body the campaign names (评查委员会, 检察长 or 检察委员会,
recorded by the office) 审定 the final grade. For a 复查 the result says whether the 2015
grade is kept (维持) or changed (改变), with the reason. Every step journaled."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from guifan.campaigns.services import office_of
from guifan.core import clock
from guifan.core.deadlines import add_working_days
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.evaluation.grading import check_grade
from guifan.evaluation.models import (
    ApprovalBody,
    CaseResult,
    EvaluationForm,
    Finding,
    FormStatus,
    Outcome,
    ResultStatus,
)
from guifan.journal.services import record
from guifan.journal.verbs import Verb


def original_grade(case) -> str:
    """The grade of the case's latest earlier evaluation (imported, else the case column)."""
    latest = case.original_evaluations.order_by("-year", "-seq").first()
    return latest.grade if latest is not None else (case.prior_eval_grade or "")


def forms_of(result: CaseResult):
    return EvaluationForm.objects.filter(
        assignment__campaign_id=result.campaign_id, assignment__case_id=result.case_id
    ).select_related("assignment__evaluator", "assignment__team", "rubric")


def result_for(*, campaign, case) -> CaseResult:
    """The case's result in the campaign, made the first time it is asked for."""
    result = CaseResult.objects.filter(campaign=campaign, case=case).first()
    if result is not None:
        return result
    try:
        with transaction.atomic():
            return CaseResult.objects.create(
                campaign=campaign, case=case, original_grade=original_grade(case)
            )
    except IntegrityError:  # made at the same moment by another request
        return CaseResult.objects.get(campaign=campaign, case=case)


def result_refresh(*, campaign, case) -> CaseResult:
    """Called when a form becomes fixed: once all the case's forms are, the result moves on
    to the 合议 (two or more forms) or straight to hearing the handler (one form)."""
    result = result_for(campaign=campaign, case=case)
    result = CaseResult.objects.select_for_update().get(pk=result.pk)
    if result.status != ResultStatus.PENDING:
        return result
    tasks = campaign.assignments.filter(case=case)
    fixed = list(forms_of(result).filter(status=FormStatus.FINAL))
    if not fixed or len(fixed) < tasks.count():
        return result
    if len(fixed) == 1:
        result.proposed_grade = fixed[0].final_grade
        result.status = ResultStatus.EXPLANATION
        result.explanation_due = explanation_due()
    else:
        result.status = ResultStatus.DELIBERATION
    result.save(update_fields=["proposed_grade", "status", "explanation_due"])
    return result


def explanation_due() -> date:
    """The handler is heard within GUIFAN_EXPLANATION_DAYS working days of being told the
    proposed (or 合议) grade, which happens on the day it is fixed."""
    return add_working_days(clock.today(), settings.GUIFAN_EXPLANATION_DAYS)


def _locked(result: CaseResult) -> CaseResult:
    return (
        CaseResult.objects.select_for_update(of=("self",))
        .select_related("campaign", "case__unit", "case__handler")
        .get(pk=result.pk)
    )


def may_deliberate(user, result: CaseResult) -> bool:
    """The lead of a team evaluating the case, or the campaign office."""
    if user is None:
        return True
    if scope_of(user).acts_as(Role.OFFICE, result.campaign.issuing_unit_id):
        return True
    leads = {f.assignment.team.lead_id for f in forms_of(result) if f.assignment.team_id}
    return bool(user.person_id) and user.person_id in leads


def standing_severities(result: CaseResult) -> list[str]:
    """Severities of every finding of the case's forms that was not withdrawn."""
    return list(
        Finding.objects.filter(
            form__assignment__campaign_id=result.campaign_id,
            form__assignment__case_id=result.case_id,
            withdrawn_at__isnull=True,
        ).values_list("severity", flat=True)
    )


def _check_case_grade(result: CaseResult, grade: str, opinion: str) -> None:
    """The case grade against the findings of all its forms that stand; what a grade must
    state (优质: its 示范 value) may be stated in the opinion or in a form's basis."""
    basis = "\n".join([opinion, *(f.basis for f in forms_of(result))])
    check_grade(grade, standing_severities(result), basis, case_level=True)


def _case_no(result: CaseResult) -> str:
    return result.case.case_no_norm


def _grades(result: CaseResult) -> dict[str, str]:
    from guifan.evaluation.workflow import rubric_for

    return dict(rubric_for(result.campaign).grades)


@transaction.atomic
def result_deliberate(*, result: CaseResult, by, participants: str, opinion: str, grade: str,
                      dissent: str = "") -> CaseResult:  # fmt: skip
    """The 评查组合议 of a 重点评查 case: who took part, the opinion, one proposed grade;
    when an evaluator's grade differs from it, their dissent is written down."""
    result = _locked(result)
    if not may_deliberate(by, result):
        raise PermissionDenied
    if result.status != ResultStatus.DELIBERATION:
        raise ValidationError(_("只有各评查人员的意见都已确定、尚未合议的案件才能合议。"))
    if not participants.strip() or not opinion.strip():
        raise ValidationError(_("请写明合议参加人和合议意见。"))
    if grade not in _grades(result):
        raise ValidationError(_("请选择合议等次。"))
    differing = [f for f in forms_of(result) if f.final_grade != grade]
    if differing and not dissent.strip():
        raise ValidationError(
            _("有 %(n)s 名评查人员的等次与合议等次不同，请记录不同意见。") % {"n": len(differing)}
        )
    _check_case_grade(result, grade, opinion)
    result.participants, result.opinion = participants.strip()[:300], opinion.strip()
    result.dissent, result.proposed_grade = dissent.strip(), grade
    result.deliberated_at, result.deliberated_by = clock.now(), by
    result.status, result.explanation_due = ResultStatus.EXPLANATION, explanation_due()
    result.save()
    payload = {
        "case": _case_no(result), "grade": grade, "dissent": bool(result.dissent),
        "explanation_due": result.explanation_due,
    }  # fmt: skip
    record(actor=by, verb=Verb.RESULT_DELIBERATE, target=result, payload=payload)
    return result


@transaction.atomic
def result_explain(*, result: CaseResult, by, explanation: str, heard_on: date) -> CaseResult:
    """听取承办人说明: what the handler said about the proposed result, and when."""
    result = _locked(result)
    if not may_deliberate(by, result):
        raise PermissionDenied
    if result.status != ResultStatus.EXPLANATION:
        raise ValidationError(_("该案件当前不需要听取承办人说明。"))
    if not explanation.strip():
        raise ValidationError(_("请记录承办人的说明（未作说明的，写明“承办人未作说明”）。"))
    if heard_on is None or heard_on > clock.today():
        raise ValidationError(_("听取说明的日期不能晚于今天。"))
    result.explanation, result.explained_on = explanation.strip(), heard_on
    result.explanation_by, result.status = by, ResultStatus.APPROVAL
    result.save(update_fields=["explanation", "explained_on", "explanation_by", "status"])
    payload = {"case": _case_no(result), "heard_on": heard_on}
    record(actor=by, verb=Verb.RESULT_EXPLAIN, target=result, payload=payload)
    return result


def is_recheck(result: CaseResult) -> bool:
    return result.campaign.assignments.filter(case_id=result.case_id, recheck=True).exists()


@transaction.atomic
def result_approve(*, result: CaseResult, by, body: str, grade: str, opinion: str,
                   outcome_reason: str = "") -> CaseResult:  # fmt: skip
    """审定: the body fixes the case's one final grade (the office records it). Nobody who
    evaluated the case takes part. A 复查 records 维持 or 改变原等次, a change with its reason."""
    result = _locked(result)
    office_of(by, result.campaign)
    if by is not None and forms_of(result).filter(assignment__evaluator_id=by.person_id):
        raise ValidationError(_("评查本案的人员不能审定本案的评查结论。"))
    if result.status != ResultStatus.APPROVAL:
        raise ValidationError(_("听取承办人说明之后才能审定。"))
    if body not in ApprovalBody.values or not opinion.strip() or grade not in _grades(result):
        raise ValidationError(_("请选择审定主体、审定等次并写明审定意见。"))
    _check_case_grade(result, grade, opinion)
    result.outcome = ""
    if is_recheck(result) and result.original_grade:
        same = result.original_grade == grade
        result.outcome = Outcome.UPHELD if same else Outcome.CHANGED
        if not same and not outcome_reason.strip():
            raise ValidationError(
                _("审定等次与原评查等次（%(g)s）不同，请写明改变原等次的理由。")
                % {"g": result.get_original_grade_display()}
            )
    result.outcome_reason = outcome_reason.strip() if result.outcome == Outcome.CHANGED else ""
    result.body, result.approval_opinion, result.final_grade = body, opinion.strip(), grade
    result.approved_by, result.approved_at = by, clock.now()
    result.status = ResultStatus.FINAL
    result.save()
    payload = {
        "case": _case_no(result), "grade": grade, "body": body, "outcome": result.outcome,
        "changed": grade != result.proposed_grade,
    }  # fmt: skip
    record(actor=by, verb=Verb.RESULT_APPROVE, target=result, payload=payload)
    return result
