"""Reading case results: the list, the 改判率 of the 复查, the 回头看 answers counted."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import QuerySet

from guifan.campaigns.models import Campaign
from guifan.evaluation.models import CaseResult, EvaluationForm, Outcome, ResultStatus
from guifan.evaluation.rubric import ANSWER_CHOICES


def result_list(*, user, campaign: Campaign, filters: dict | None = None) -> QuerySet[CaseResult]:
    rows = CaseResult.objects.visible_to(user).filter(campaign=campaign)
    filters = filters or {}
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    if filters.get("unit"):
        rows = rows.filter(case__unit__code=filters["unit"])
    return rows.select_related("case__unit").order_by("case__case_no_norm")


def result_counts(rows: QuerySet[CaseResult]) -> list[tuple[str, str, int]]:
    counted = Counter(rows.values_list("status", flat=True))
    return [(value, label, counted[value]) for value, label in ResultStatus.choices]


def reversal_rates(*, user, campaign: Campaign) -> dict:
    """改判率: of the 复查 results fixed by 审定, the share whose grade changed the 2015 one,
    by unit of the case and by original evaluator (工号, as the 2015 record names them)."""
    done = result_list(user=user, campaign=campaign).exclude(outcome="")
    by_unit: dict[str, Counter] = defaultdict(Counter)
    by_evaluator: dict[str, Counter] = defaultdict(Counter)
    total: Counter = Counter()
    for result in done.prefetch_related("case__original_evaluations"):
        changed = result.outcome == Outcome.CHANGED
        for counter in (by_unit[result.case.unit.short_name], total):
            counter["n"] += 1
            counter["changed"] += changed
        original = max(result.case.original_evaluations.all(), key=lambda o: (o.year, o.seq),
                       default=None)  # fmt: skip
        staff = (original.evaluators if original else result.case.prior_evaluators) or ""
        for no in [s for s in staff.split(",") if s] or ["（未记录）"]:
            by_evaluator[no]["n"] += 1
            by_evaluator[no]["changed"] += changed

    def rows(groups: dict[str, Counter]) -> list[dict]:
        return [
            {"name": name, "n": c["n"], "changed": c["changed"], "rate": _rate(c)}
            for name, c in sorted(groups.items())
        ]

    return {
        "total": {"n": total["n"], "changed": total["changed"], "rate": _rate(total)},
        "units": rows(by_unit),
        "evaluators": rows(by_evaluator),
    }


def _rate(counter: Counter) -> float | None:
    return round(100 * counter["changed"] / counter["n"], 1) if counter["n"] else None


def lookback_counts(*, user, campaign: Campaign) -> dict:
    """The four 回头看 questions counted over the handed-in forms: per question the answers
    是 / 部分 / 否, overall and per unit of the case."""
    from guifan.evaluation.models.forms import HANDED_IN

    forms = EvaluationForm.objects.visible_to(user).filter(
        assignment__campaign=campaign, status__in=HANDED_IN
    )
    overall: dict[str, Counter] = defaultdict(Counter)
    units: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for unit, answers in forms.values_list("assignment__case__unit__short_name", "answers"):
        for question, answer in (answers or {}).items():
            choice = answer.get("choice") if isinstance(answer, dict) else ""
            if choice in ANSWER_CHOICES:
                overall[question][choice] += 1
                units[unit][question][choice] += 1
    unit_rows = [
        (unit, question, *[counts.get(c, 0) for c in ANSWER_CHOICES])
        for unit, questions in sorted(units.items())
        for question, counts in questions.items()
    ]
    return {
        "choices": ANSWER_CHOICES,
        "unit_rows": unit_rows,
        "overall": {q: dict(c) for q, c in overall.items()},
        "units": {u: {q: dict(c) for q, c in qs.items()} for u, qs in sorted(units.items())},
    }
