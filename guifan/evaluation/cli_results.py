"""The rows of ``guifan evaluation results``: one per evaluated case of a campaign."""

from __future__ import annotations

from collections import defaultdict

OUTCOMES = {"upheld": "维持", "changed": "改变"}


def result_rows(*, campaign: int | None = None) -> list[dict]:
    """Every case with a task, its result's status and final grade (null until 审定), its
    forms' proposed and fixed grades, the original grade and, for a 复查, 维持/改变."""
    from guifan.evaluation.models import Assignment, CaseResult, EvaluationForm, ResultStatus

    tasks = Assignment.objects.select_related("case").order_by(
        "campaign_id", "case__case_no_norm", "evaluator__staff_no"
    )
    if campaign:
        tasks = tasks.filter(campaign_id=campaign)
    forms = {f.assignment_id: f for f in EvaluationForm.objects.filter(assignment__in=tasks)}
    results = {
        (r.campaign_id, r.case_id): r
        for r in CaseResult.objects.filter(campaign__in=tasks.values("campaign_id"))
    }
    cases: dict[tuple[int, int], dict] = {}
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
    for task in tasks:
        key = (task.campaign_id, task.case_id)
        result = results.get(key)
        row = cases.setdefault(key, {
            "campaign": task.campaign_id,
            "case_no": task.case.case_no_norm,
            "reason": "",
            "final_grade": result.final_grade or None if result else None,
            "status": result.status if result else ResultStatus.PENDING.value,
            "forms": [],
            "original_grade": (result.original_grade if result else task.case.prior_eval_grade)
            or None,
            "outcome": OUTCOMES.get(result.outcome) if result else None,
        })  # fmt: skip
        reasons[key] += [r for r in task.reasons.split("、") if r not in reasons[key]]
        form = forms.get(task.pk)
        row["forms"].append({
            "status": form.status if form else "not_started",
            "grade": (form.grade or None) if form else None,
            "final_grade": (form.final_grade or None) if form else None,
        })  # fmt: skip
    for key, row in cases.items():
        row["reason"] = "、".join(reasons[key])
    return list(cases.values())
