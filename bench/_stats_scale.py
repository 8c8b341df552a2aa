"""bench/stats.py: multiply what the statistics read, keeping the demo's proportions."""

from __future__ import annotations

from django.db import transaction

BATCH = 5000


def _values(obj, **changes) -> dict:
    """The concrete fields of ``obj`` (foreign keys by id), without its primary key."""
    fields = {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key
    }
    return fields | changes


def scale_up(factor: int) -> dict:
    from guifan.cases.models import Case
    from guifan.evaluation.models import Assignment, EvaluationForm
    from guifan.rectification.models import Item

    items = list(Item.objects.all())
    copies = [
        Item(**_values(item, problem_id=None, finding_id=None, complaint_id=None, baseline_id=None))
        for _ in range(factor - 1)
        for item in items
    ]
    with transaction.atomic():
        Item.objects.bulk_create(copies, batch_size=BATCH)
    forms = list(EvaluationForm.objects.select_related("assignment__case"))
    for k in range(1, factor):
        with transaction.atomic():
            cases = Case.objects.bulk_create(
                [
                    Case(**_values(f.assignment.case,
                                   case_no=f"{f.assignment.case.case_no}#{k}-{f.pk}",
                                   case_no_norm=f"{f.assignment.case.case_no_norm}#{k}-{f.pk}"))
                    for f in forms
                ],
                batch_size=BATCH,
            )  # fmt: skip
            assignments = Assignment.objects.bulk_create(
                [Assignment(**_values(f.assignment, case_id=c.pk, moved_from_id=None))
                 for f, c in zip(forms, cases, strict=True)],
                batch_size=BATCH,
            )  # fmt: skip
            EvaluationForm.objects.bulk_create(
                [EvaluationForm(**_values(f, assignment_id=a.pk))
                 for f, a in zip(forms, assignments, strict=True)],
                batch_size=BATCH,
            )  # fmt: skip
    return {
        "items": Item.objects.count(),
        "evaluation forms": EvaluationForm.objects.count(),
        "cases": Case.objects.count(),
    }
