"""The handler's objection (异议) to a reviewed form, its decision, and the form's result
becoming fixed — after which the case-level conclusion (results.py) takes over."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.campaigns.services import office_of
from guifan.core import clock
from guifan.evaluation import results
from guifan.evaluation.grading import check_grade
from guifan.evaluation.models import EvaluationForm, FormStatus
from guifan.evaluation.workflow import _case_no, _locked, standing_severities
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.rectification.services import items_from_form


@transaction.atomic
def form_object(*, form: EvaluationForm, by, reason: str) -> EvaluationForm:
    """The case's handler objects to the result (异议), within the window."""
    form = _locked(form)
    if by is not None and by.person_id != form.assignment.case.handler_id:
        raise PermissionDenied
    if not form.objection_open:
        raise ValidationError(_("异议期已过或结果尚未反馈，不能再提出异议。"))
    if not reason.strip():
        raise ValidationError(_("请写明异议理由。"))
    form.status, form.objection, form.objected_at = FormStatus.OBJECTED, reason.strip(), clock.now()
    form.save(update_fields=["status", "objection", "objected_at"])
    record(actor=by, verb=Verb.FORM_OBJECT, target=form, payload={"case": _case_no(form)})
    return form


@transaction.atomic
def objection_decide(*, form: EvaluationForm, by, grade: str, decision: str,
                     withdraw: Iterable[int] = ()) -> EvaluationForm:  # fmt: skip
    """The office decides the objection. Upholding it may withdraw the contested findings
    (kept, struck out, with the decision as the reason), so that they never reach the
    整改清单; the grade must agree with the findings that stand. The evaluator's proposed
    grade stays beside the grade fixed here."""
    form = _locked(form)
    office_of(by, form.assignment.campaign)
    if form.status != FormStatus.OBJECTED:
        raise ValidationError(_("该登记表没有待决定的异议。"))
    if grade not in dict(form.rubric.grades) or not decision.strip():
        raise ValidationError(_("请选择确定的等次并写明处理意见。"))
    ids = {int(pk) for pk in withdraw}
    findings = form.findings.filter(pk__in=ids, withdrawn_at__isnull=True)
    if len(findings) != len(ids):
        raise ValidationError(_("要撤销的问题不属于这份登记表，或已撤销。"))
    findings.update(withdrawn_at=clock.now(), withdrawn_reason=decision.strip()[:300])
    check_grade(grade, standing_severities(form), form.basis)
    return _finalize(form, by, grade=grade, decision=decision.strip(), withdrawn=len(ids))


def _finalize(form: EvaluationForm, by, *, grade: str, decision: str = "",
              withdrawn: int = 0) -> EvaluationForm:  # fmt: skip
    form.status, form.final_grade, form.finalized_at = FormStatus.FINAL, grade, clock.now()
    form.decision, form.decided_by = decision, by
    form.save(update_fields=["status", "final_grade", "finalized_at", "decision", "decided_by"])
    payload = {"case": _case_no(form), "grade": grade, "changed": grade != form.grade}
    if withdrawn:
        payload["withdrawn"] = withdrawn
    record(actor=by, verb=Verb.FORM_FINAL, target=form, payload=payload)
    items_from_form(form, by=by)
    results.result_refresh(campaign=form.assignment.campaign, case=form.assignment.case)
    return form


def forms_finalize_due(*, today: date | None = None) -> int:
    """Results whose objection window passed without an objection become fixed."""
    today = today or clock.today()
    done = 0
    for form in EvaluationForm.objects.filter(
        status=FormStatus.APPROVED, objection_deadline__lt=today
    ):
        with transaction.atomic():
            form = _locked(form)
            if form.status == FormStatus.APPROVED:
                _finalize(form, None, grade=form.grade)
                done += 1
    return done
