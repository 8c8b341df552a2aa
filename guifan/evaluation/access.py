"""Fetching one assignment or 登记表 for a user: the same 404 for missing and not yours."""

from django.http import Http404

from guifan.evaluation.models import Assignment, EvaluationForm


def access_assignment(user, assignment_id: int) -> Assignment:
    assignment = (
        Assignment.objects.visible_to(user)
        .filter(pk=assignment_id)
        .select_related("campaign", "case__unit", "evaluator")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def access_form(user, form_id: int) -> EvaluationForm:
    form = (
        EvaluationForm.objects.visible_to(user)
        .filter(pk=form_id)
        .select_related("assignment__case__unit", "assignment__evaluator", "rubric")
        .first()
    )
    if form is None:
        raise Http404
    return form
