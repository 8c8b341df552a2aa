"""The 登记表's life: save (no lost update), submit, team-lead review, the handler's
objection window, the office's decision, final. Every transition journaled."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guifan.core import clock
from guifan.core.deadlines import add_working_days
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.evaluation.dimensions import clean_clear, clean_scores, dimension_problems
from guifan.evaluation.grading import answer_problems, check_grade, clean_answers
from guifan.evaluation.models import (
    Assignment,
    AssignmentStatus,
    EvaluationForm,
    Finding,
    FormStatus,
    Rubric,
    Severity,
)
from guifan.evaluation.prefill import prefilled
from guifan.evaluation.rubric_types import type_of
from guifan.evaluation.rubrics import rubric_for, rubric_update  # noqa: F401 (callers' names)
from guifan.journal.services import record
from guifan.journal.verbs import Verb


class StaleForm(ValidationError):
    """The form was saved elsewhere after this copy was opened."""


def form_for(assignment: Assignment) -> EvaluationForm:
    """The task's form, made on first opening (two openings at once make one)."""
    form = EvaluationForm.objects.filter(assignment=assignment).first()
    if form is not None:
        return form
    rubric = rubric_for(assignment.campaign, type_of(assignment.case))
    try:
        with transaction.atomic():
            form = EvaluationForm.objects.create(assignment=assignment, rubric=rubric)
            _prefill(form, rubric, assignment.case)
            return form
    except IntegrityError:
        return EvaluationForm.objects.get(assignment=assignment)


def _prefill(form: EvaluationForm, rubric: Rubric, case) -> None:
    """Problems already established for the case (``prefill.py``) start the form's list;
    they are on the rectification list already, so they are not marked 需整改 again."""
    for position, item in enumerate(prefilled(case)):
        item = dict(item, rectify=False)
        if item.get("dimension") not in rubric.dimensions:
            item["dimension"] = rubric.dimensions[0]
        if item.get("category") not in rubric.categories:
            item["category"] = ""
        item["legal_basis"] = (item.get("legal_basis") or "")[:300]
        Finding.objects.create(form=form, **_finding(rubric, position, item))


def _locked(form: EvaluationForm) -> EvaluationForm:
    return (
        EvaluationForm.objects.select_for_update()
        .select_related("assignment__case", "assignment__campaign", "rubric")
        .get(pk=form.pk)
    )


def _evaluator_of(by, form: EvaluationForm) -> None:
    if by is not None and by.person_id != form.assignment.evaluator_id:
        raise PermissionDenied


@transaction.atomic
def form_save(*, form: EvaluationForm, by, version: int, grade: str, basis: str,
              answers: dict, findings: list[dict], clear_dimensions: list[str] | None = None,
              scores: dict | None = None) -> EvaluationForm:  # fmt: skip
    """Save the evaluator's work. A copy opened before another save is refused, whole, so
    that neither save silently overwrites the other."""
    form = _locked(form)
    _evaluator_of(by, form)
    if not form.editable:
        raise ValidationError(_("登记表已提交，不能再修改。"))
    if version != form.version:
        raise StaleForm(
            _("这份登记表已在别处保存过（%(at)s），您这一页的内容没有保存。请先复制您的修改，"
              "刷新页面后再填入。") % {"at": timezone.localtime(form.saved_at).strftime("%H:%M:%S")}
        )  # fmt: skip
    rubric = form.rubric
    if grade and grade not in dict(rubric.grades):
        raise ValidationError(_("等次不在本活动的等次标准中。"))
    cleaned = [_finding(rubric, position, item) for position, item in enumerate(findings)]
    form.grade, form.basis = grade, basis.strip()
    form.answers = clean_answers(rubric.questions, answers)
    form.clear_dimensions = clean_clear(rubric, clear_dimensions or [])
    form.scores = clean_scores(rubric, scores or {})
    first = form.status == FormStatus.ASSIGNED
    form.status = FormStatus.IN_PROGRESS if form.status == FormStatus.ASSIGNED else form.status
    form.version += 1
    form.saved_at = clock.now()
    form.save()
    form.findings.all().delete()
    Finding.objects.bulk_create(Finding(form=form, **item) for item in cleaned)
    if first:
        Assignment.objects.filter(pk=form.assignment_id).update(status=AssignmentStatus.STARTED)
        record(actor=by, verb=Verb.FORM_START, target=form, payload={"case": _case_no(form)})
    return form


LIMITS = (
    ("description", "问题描述", 2000),
    ("legal_basis", "依据条款", 300),
    ("location", "卷宗位置", 100),
)


def _finding(rubric: Rubric, position: int, item: dict) -> dict:
    number = position + 1
    if item.get("dimension") not in rubric.dimensions:
        raise ValidationError(_("第 %(n)s 个问题：请选择评查维度。") % {"n": number})
    if item.get("category") and item["category"] not in rubric.categories:
        raise ValidationError(_("第 %(n)s 个问题：问题类别不在本活动的类别中。") % {"n": number})
    if item.get("rectify") and not item.get("category"):
        # The rectification list sorts, counts and detects recurrence by category.
        raise ValidationError(_("第 %(n)s 个问题：需整改的问题请选择问题类别。") % {"n": number})
    if not (item.get("description") or "").strip():
        raise ValidationError(_("第 %(n)s 个问题：请填写问题描述。") % {"n": number})
    if item.get("severity") not in Severity.values:
        raise ValidationError(_("第 %(n)s 个问题：请选择严重程度。") % {"n": number})
    for name, label, limit in LIMITS:
        if len((item.get(name) or "").strip()) > limit:
            raise ValidationError(
                _("第 %(n)s 个问题：%(f)s不能超过 %(m)s 个字。")
                % {"n": number, "f": label, "m": limit}
            )
    return {
        "position": position,
        "dimension": item["dimension"],
        "category": item.get("category") or "",
        "description": item["description"].strip(),
        "legal_basis": (item.get("legal_basis") or "").strip(),
        "severity": item["severity"],
        "location": (item.get("location") or "").strip(),
        "rectify": bool(item.get("rectify")),
    }


def standing_dimensions(form: EvaluationForm) -> set[str]:
    return set(form.findings.filter(withdrawn_at__isnull=True).values_list("dimension", flat=True))


def standing_severities(form: EvaluationForm) -> list[str]:
    """Severities of the form's findings that were not withdrawn."""
    return list(form.findings.filter(withdrawn_at__isnull=True).values_list("severity", flat=True))


def _case_no(form: EvaluationForm) -> str:
    return form.assignment.case.case_no_norm


@transaction.atomic
def form_submit(*, form: EvaluationForm, by) -> EvaluationForm:
    """Hand the form to the team lead: needs a grade that agrees with the findings, its
    basis, and the look-back questions answered (is / partly / no, explained unless is)."""
    form = _locked(form)
    _evaluator_of(by, form)
    if form.status not in (FormStatus.IN_PROGRESS, FormStatus.RETURNED):
        raise ValidationError(_("请先填写并保存登记表再提交。"))
    missing = []
    if not form.grade:
        missing.append(_("等次建议"))
    if not form.basis:
        missing.append(_("评定依据"))
    missing += answer_problems(form.rubric.questions, form.answers)
    missing += dimension_problems(form.rubric, form.clear_dimensions, standing_dimensions(form))
    if missing:
        raise ValidationError(_("还有未填写的项目：%(items)s。") % {"items": "；".join(missing)})
    check_grade(form.grade, standing_severities(form), form.basis)
    form.status, form.submitted_at = FormStatus.SUBMITTED, clock.now()
    form.save(update_fields=["status", "submitted_at"])
    record(
        actor=by,
        verb=Verb.FORM_SUBMIT,
        target=form,
        payload={"case": _case_no(form), "grade": form.grade},
    )
    return form


def may_review(user, form: EvaluationForm) -> bool:
    """The lead of the evaluator's team reviews; a form outside any team is reviewed by the
    campaign office. Nobody reviews their own form."""
    if user.person_id and user.person_id == form.assignment.evaluator_id:
        return False
    team = form.assignment.team
    if team is not None:
        return bool(user.person_id) and user.person_id == team.lead_id
    return scope_of(user).acts_as(Role.OFFICE, form.assignment.campaign.issuing_unit_id)


def _lead_of(by, form: EvaluationForm) -> None:
    if by is not None and not may_review(by, form):
        raise PermissionDenied


@transaction.atomic
def form_return(*, form: EvaluationForm, by, comment: str) -> EvaluationForm:
    form = _locked(form)
    _lead_of(by, form)
    if form.status != FormStatus.SUBMITTED:
        raise ValidationError(_("只有待复核的登记表可以退回。"))
    if not comment.strip():
        raise ValidationError(_("退回时请写明复核意见。"))
    form.status, form.review_comment = FormStatus.RETURNED, comment.strip()
    form.reviewed_by, form.reviewed_at = by, clock.now()
    form.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at"])
    record(
        actor=by,
        verb=Verb.FORM_RETURN,
        target=form,
        payload={"case": _case_no(form), "comment": form.review_comment},
    )
    return form


def objection_deadline(start: date) -> date:
    return add_working_days(start, settings.GUIFAN_OBJECTION_DAYS)


@transaction.atomic
def form_approve(*, form: EvaluationForm, by, comment: str = "") -> EvaluationForm:
    """The team lead approves: the handler is told and may object within N working days."""
    form = _locked(form)
    _lead_of(by, form)
    if form.status != FormStatus.SUBMITTED:
        raise ValidationError(_("只有待复核的登记表可以通过。"))
    form.status, form.review_comment = FormStatus.APPROVED, comment.strip()
    form.reviewed_by, form.reviewed_at = by, clock.now()
    form.objection_deadline = objection_deadline(clock.today())
    form.save(
        update_fields=[
            "status",
            "review_comment",
            "reviewed_by",
            "reviewed_at",
            "objection_deadline",
        ]
    )
    payload = {
        "case": _case_no(form),
        "grade": form.grade,
        "objection_deadline": form.objection_deadline,
    }
    record(actor=by, verb=Verb.FORM_APPROVE, target=form, payload=payload)
    return form
