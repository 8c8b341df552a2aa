"""Reading assignments, loads and the 我的评查任务 list, scoped to the user."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from guifan.accounts.models import RoleGrant
from guifan.campaigns.models import Campaign
from guifan.cases.models import Grade
from guifan.core import clock
from guifan.core.roles import Role
from guifan.draws.selectors import drawn_evaluators
from guifan.evaluation.models import Assignment, AssignmentRun
from guifan.evaluation.models.forms import HANDED_IN
from guifan.org.models import DeclaredConflict, Person


def assignment_list(
    *, user, campaign: Campaign, filters: dict | None = None
) -> QuerySet[Assignment]:
    rows = Assignment.objects.visible_to(user).filter(campaign=campaign)
    filters = filters or {}
    if filters.get("evaluator"):
        rows = rows.filter(evaluator__staff_no=filters["evaluator"])
    if filters.get("unit"):
        rows = rows.filter(case__unit__code=filters["unit"])
    if filters.get("manual"):
        rows = rows.filter(manual=True)
    return rows.select_related("case__unit", "evaluator__unit", "moved_from")


def my_assignments(*, user) -> QuerySet[Assignment]:
    if not user.person_id:
        return Assignment.objects.none()
    return (
        Assignment.objects.visible_to(user)
        .filter(evaluator_id=user.person_id)
        .select_related("case__unit", "campaign", "paper_file")
        .order_by("deadline", "case__case_no_norm")
    )


def latest_run(campaign: Campaign) -> AssignmentRun | None:
    return campaign.assignment_runs.first()


@dataclass
class LoadRow:
    person: Person
    tasks: int
    manual: int
    has_account: bool
    out_of_bounds: bool
    submitted: int = 0
    late: int = 0
    chased: int = 0


def load_rows(*, campaign: Campaign, run: AssignmentRun | None) -> list[LoadRow]:
    """Every drawn evaluator with how many cases they have, including those with none."""
    done = Q(form__status__in=HANDED_IN)
    late = Q(deadline__lt=clock.today()) & ~done
    counts = {
        row["evaluator_id"]: row
        for row in campaign.assignments.values("evaluator_id").annotate(
            n=Count("pk"),
            manual=Count("pk", filter=Q(manual=True)),
            submitted=Count("pk", filter=done),
            late=Count("pk", filter=late),
            chased=Max("chase_count"),
        )
    }
    with_account = set(
        RoleGrant.objects.filter(role=Role.EVALUATOR, user__is_active=True).values_list(
            "user__person_id", flat=True
        )
    )
    rows = []
    seen = set()
    for drawn in drawn_evaluators(campaign=campaign):
        person = drawn.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        n = counts.get(person.pk, {}).get("n", 0)
        lo = run.used_min if run and run.feasible else None
        hi = run.used_max if run and run.feasible else None
        cap = (run.caps or {}).get(person.staff_no) if run else None
        hi = min(hi, cap) if hi is not None and cap is not None else hi
        outside = lo is not None and hi is not None and not (min(lo, hi) <= n <= hi)
        mine = counts.get(person.pk, {})
        rows.append(
            LoadRow(
                person, n, mine.get("manual", 0), person.pk in with_account, outside,
                mine.get("submitted", 0), mine.get("late", 0), mine.get("chased") or 0,
            )
        )  # fmt: skip
    return rows


def unit_rows(*, campaign: Campaign) -> list[dict]:
    """Cases and tasks per unit of the batch."""
    return list(
        campaign.assignments.values("case__unit__code", "case__unit__short_name")
        .annotate(cases=Count("case", distinct=True), tasks=Count("pk"))
        .order_by("case__unit__code")
    )


def conflict_list(*, user, campaign: Campaign) -> QuerySet[DeclaredConflict]:
    people = [d.person.pk for d in drawn_evaluators(campaign=campaign)]
    return (
        DeclaredConflict.objects.visible_to(user)
        .filter(person__in=people)
        .select_related("person", "other_person")
    )


def form_list(*, user, campaign: Campaign, filters: dict | None = None):
    from guifan.evaluation.models import EvaluationForm

    forms = EvaluationForm.objects.visible_to(user).filter(assignment__campaign=campaign)
    filters = filters or {}
    if filters.get("status"):
        forms = forms.filter(status=filters["status"])
    if filters.get("unit"):
        forms = forms.filter(assignment__case__unit__code=filters["unit"])
    return forms.select_related("assignment__case__unit", "assignment__evaluator")


def form_overview(*, user, campaign: Campaign) -> dict:
    """Counts for the office: forms per unit and state, grades, problems per category."""
    from guifan.evaluation.models import Finding, FormStatus

    forms = form_list(user=user, campaign=campaign)
    by_unit: dict[str, dict] = {}
    for row in forms.values("assignment__case__unit__short_name", "status").annotate(n=Count("pk")):
        unit = by_unit.setdefault(row["assignment__case__unit__short_name"], {"total": 0})
        unit[row["status"]] = row["n"]
        unit["total"] += row["n"]
    counted: Counter[str] = Counter()
    for grade, final in forms.values_list("grade", "final_grade"):
        if final or grade:
            counted[final or grade] += 1
    labels = dict(Grade.choices)
    grades = [
        (labels[g], n) for g, n in sorted(counted.items(), key=lambda x: list(labels).index(x[0]))
    ]
    categories = (
        Finding.objects.filter(form__in=forms)
        .values("category", "dimension")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return {
        "rectify": findings_for_rectification(campaign=campaign).filter(form__in=forms).count(),
        "units": sorted(by_unit.items()),
        "statuses": FormStatus.choices,
        "grades": grades,
        "categories": list(categories),
        "tasks": campaign.assignments.count(),
    }


def findings_for_rectification(*, campaign: Campaign):
    """Findings of final results marked for rectification: what the 整改清单 takes over."""
    from guifan.evaluation.models import Finding, FormStatus

    return Finding.objects.filter(
        form__assignment__campaign=campaign, form__status=FormStatus.FINAL, rectify=True
    ).select_related("form__assignment__case__unit", "form__assignment__case__handler")
