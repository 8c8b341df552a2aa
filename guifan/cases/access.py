"""Fetching one case or import for a user: the same 404 for missing and not yours."""

from django.http import Http404

from guifan.cases.models import Case, ImportRun


def access_case(user, case_id: int) -> Case:
    case = (
        Case.objects.visible_to(user)
        .select_related("unit", "department", "handler")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    return case


def access_import_run(user, run_id: int) -> ImportRun:
    run = ImportRun.objects.visible_to(user).filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run
