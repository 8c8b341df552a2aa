"""调卷: for a task read on paper (调阅纸质卷宗), the case's unit hands the 卷宗 over (its
liaison records it), the evaluator acknowledges receipt, and the unit's liaison records its
return. Each step has its date (not later than today, not before the step before it); the
卷宗 is due back by the end of the evaluation period (or GUIFAN_PAPER_RETURN_DAYS after it was
handed over, where a deployment sets it) and is shown as overdue after that."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.evaluation.models import Assignment, EvaluationMode, PaperFile
from guifan.evaluation.period import period_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb


def paper_tasks(user) -> QuerySet[Assignment]:
    """Tasks read on paper that the user deals with: the issuing office and inspection all,
    the unit's liaison its own cases', the evaluator their own."""
    scope = scope_of(user)
    seen = Q(campaign__issuing_unit__in=scope.units_for(Role.OFFICE, Role.INSPECTION))
    seen |= Q(case__unit__in=scope.units_for(Role.LIAISON))
    if scope.person_id and scope.has(Role.EVALUATOR, Role.TEAM_LEAD):
        seen |= Q(evaluator_id=scope.person_id)
    return (
        Assignment.objects.filter(seen, mode=EvaluationMode.PAPER)
        .select_related("case__unit", "evaluator", "campaign", "paper_file")
        .order_by("case__case_no_norm", "pk")
    )


def access_paper_task(user, assignment_id: int) -> Assignment:
    task = paper_tasks(user).filter(pk=assignment_id).first()
    if task is None:
        raise Http404
    return task


def file_of(task: Assignment) -> PaperFile | None:
    try:
        return task.paper_file
    except PaperFile.DoesNotExist:
        return None


def return_due(task: Assignment, handed_over_on: date) -> date:
    days = settings.GUIFAN_PAPER_RETURN_DAYS
    if days:
        return handed_over_on + timedelta(days=days)
    period = period_of(task.campaign)
    return max(period.end if period else task.deadline, handed_over_on)


def _liaison_of(by, task: Assignment) -> None:
    if by is not None and not scope_of(by).acts_as(Role.LIAISON, task.case.unit_id):
        raise PermissionDenied


def _on(on: date | None, after: date | None = None) -> date:
    if on is None or on > clock.today():
        raise ValidationError(_("请填写日期，日期不能晚于今天。"))
    if after is not None and on < after:
        raise ValidationError(_("日期不能早于上一环节的日期（%(d)s）。") % {"d": after.isoformat()})
    return on


def _payload(task: Assignment, paper: PaperFile, on: date) -> dict:
    return {"case": task.case.case_no_norm, "on": on, "due": paper.return_due,
            "volumes": paper.volumes}  # fmt: skip


@transaction.atomic
def paper_hand_over(*, task: Assignment, by, on: date | None, volumes: int = 1) -> PaperFile:
    """The unit hands the 卷宗 over; its liaison records the date and the number of volumes."""
    _liaison_of(by, task)
    if task.mode != EvaluationMode.PAPER:
        raise ValidationError(_("该评查任务为网上评查，不需要调卷。"))
    if not 1 <= volumes <= 99:
        raise ValidationError(_("卷宗册数须在 1 到 99 之间。"))
    on = _on(on)
    try:
        with transaction.atomic():
            paper = PaperFile.objects.create(
                assignment=task, volumes=volumes, handed_over_on=on, handed_over_by=by,
                return_due=return_due(task, on),
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(_("该案卷宗已登记移交。")) from None
    record(actor=by, verb=Verb.PAPER_HAND_OVER, target=paper, payload=_payload(task, paper, on))
    return paper


def _locked(task: Assignment) -> PaperFile:
    paper = PaperFile.objects.select_for_update().filter(assignment=task).first()
    if paper is None:
        raise ValidationError(_("承办单位尚未登记移交该案卷宗。"))
    return paper


@transaction.atomic
def paper_receive(*, task: Assignment, by, on: date | None) -> PaperFile:
    """The evaluator the task is assigned to acknowledges receipt."""
    if by is not None and by.person_id != task.evaluator_id:
        raise PermissionDenied
    paper = _locked(task)
    if paper.received_on is not None:
        raise ValidationError(_("该案卷宗已签收。"))
    paper.received_on, paper.received_by = _on(on, paper.handed_over_on), by
    paper.save(update_fields=["received_on", "received_by"])
    payload = _payload(task, paper, paper.received_on)
    record(actor=by, verb=Verb.PAPER_RECEIVE, target=paper, payload=payload)
    return paper


@transaction.atomic
def paper_return(*, task: Assignment, by, on: date | None) -> PaperFile:
    """The 卷宗 is back: the unit's liaison records the date it was received back."""
    _liaison_of(by, task)
    paper = _locked(task)
    if paper.received_on is None:
        raise ValidationError(_("评查人员尚未签收该案卷宗，不能登记归还。"))
    if paper.returned_on is not None:
        raise ValidationError(_("该案卷宗已归还。"))
    paper.returned_on, paper.returned_by = _on(on, paper.received_on), by
    paper.save(update_fields=["returned_on", "returned_by"])
    payload = _payload(task, paper, paper.returned_on)
    record(actor=by, verb=Verb.PAPER_RETURN, target=paper, payload=payload)
    return paper
