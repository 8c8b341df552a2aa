"""Fetching one assignment for a user: the same 404 for missing and not yours."""

from django.http import Http404

from guifan.evaluation.models import Assignment


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
