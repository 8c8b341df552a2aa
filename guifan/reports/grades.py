"""Evaluation results (评查结果) by reason of the draw and by unit, counted in the database.

A result counts once the team lead approved the form (异议期, 异议待决定, 已定案): the grade
is the decided one (审定等次) when there is one, else the approved suggestion. A case that
two evaluators examined (重点评查) counts once per grade given to it. Liaisons see their own
cases' results only once final, as everywhere (EvaluationForm.visible_to).
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Coalesce, NullIf

from guifan.campaigns.models import Campaign
from guifan.cases.models import Grade
from guifan.evaluation.models import EvaluationForm, FormStatus
from guifan.evaluation.models.forms import SCHEME_GRADES, GradeScheme
from guifan.evaluation.workflow import rubric_for
from guifan.org.models import Unit
from guifan.reports.selectors import report_units
from guifan.reports.tables import Table, rate

RESULT_STATUSES = (FormStatus.APPROVED, FormStatus.OBJECTED, FormStatus.FINAL)
RECHECK, KEY, NEW = "复查", "重点评查", "新评查"
REASONS = (NEW, KEY, RECHECK)
GOOD = (Grade.EXCELLENT, Grade.PASS)


def _reason():
    # 复查 first (a re-check of a key case is a re-check), then 重点, else a new evaluation.
    return Case(
        When(Q(assignment__recheck=True) | Q(assignment__reasons__contains=RECHECK),
             then=Value(RECHECK)),
        When(assignment__reasons__contains="重点", then=Value(KEY)),
        default=Value(NEW),
        output_field=CharField(),
    )  # fmt: skip


def result_forms(*, campaign: Campaign, user, unit: Unit | None = None):
    """The forms with a result the user sees, of the cases of the campaign's units."""
    units = report_units(campaign=campaign, user=user, unit=unit)
    return EvaluationForm.objects.visible_to(user).filter(
        assignment__campaign=campaign, assignment__case__unit__in=units, status__in=RESULT_STATUSES
    )


def result_counts(*, campaign: Campaign, user, unit: Unit | None = None) -> Counter:
    """Cases per (unit id, reason, grade), one grouped query."""
    rows = (
        result_forms(campaign=campaign, user=user, unit=unit)
        .annotate(
            result=Coalesce(NullIf("final_grade", Value("")), "grade"),
            reason=_reason(),
        )
        .order_by()
        .values("assignment__case__unit_id", "reason", "result")
        .annotate(n=Count("assignment__case", distinct=True))
    )
    return Counter(
        {(r["assignment__case__unit_id"], r["reason"], r["result"]): r["n"] for r in rows}
    )


def grades_of(campaign: Campaign) -> list[Grade]:
    return list(SCHEME_GRADES[GradeScheme(rubric_for(campaign).scheme)])


def evaluation_results(*, campaign: Campaign, user, unit: Unit | None = None) -> list[Table]:
    """Two tables: grades by reason of the draw, and grades by unit with 优良率."""
    units = report_units(campaign=campaign, user=user, unit=unit)
    counts = result_counts(campaign=campaign, user=user, unit=unit)
    grades = grades_of(campaign)
    labels = [g.label for g in grades]
    by_reason = Table(
        key="evaluation_reason",
        title="评查结果（按抽取理由）",
        columns=["抽取理由", *labels, "合计"],
        chart="stack",
        series=list(range(1, len(grades) + 1)),
        note="单位：件。重点评查案件由两名评查人员评查，等次不同时分别计数。",
    )
    for reason in REASONS:
        mine = [sum(n for (_, r, g), n in counts.items() if r == reason and g == grade)
                for grade in grades]  # fmt: skip
        by_reason.rows.append([reason, *mine, sum(mine)])
    by_unit = Table(
        key="evaluation_unit",
        title="各单位评查结果",
        columns=["单位", *labels, "合计", "优良率（%）"],
        chart="stack",
        series=list(range(1, len(grades) + 1)),
        note="优良率：优质和合格案件占已评查案件的比例。",
    )
    for u in units:
        mine = [sum(n for (k, _, g), n in counts.items() if k == u.pk and g == grade)
                for grade in grades]  # fmt: skip
        good = sum(n for grade, n in zip(grades, mine, strict=True) if grade in GOOD)
        by_unit.rows.append([u.short_name, *mine, sum(mine), rate(good, sum(mine))])
    return [by_reason, by_unit]


def recheck_changes(*, campaign: Campaign, user, unit: Unit | None = None) -> Table:
    """复查: per unit, how many re-checked cases kept their earlier grade and how many
    changed (改判率), against the grade the case was imported with (已评查等次)."""
    units = report_units(campaign=campaign, user=user, unit=unit)
    prior = F("assignment__case__prior_eval_grade")
    kept = Q(final_grade=prior) | Q(final_grade="", grade=prior)
    counts = {
        row["assignment__case__unit_id"]: row
        for row in EvaluationForm.objects.visible_to(user)
        .filter(
            Q(assignment__recheck=True) | Q(assignment__reasons__contains=RECHECK),
            assignment__campaign=campaign,
            assignment__case__unit__in=units,
            status__in=RESULT_STATUSES,
        )
        .order_by()
        .values("assignment__case__unit_id")
        .annotate(
            total=Count("assignment__case", distinct=True),
            kept=Count("assignment__case", distinct=True, filter=kept),
        )
    }
    table = Table(
        key="recheck",
        title="复查案件维持与改变",
        columns=["单位", "复查", "维持原等次", "改变原等次", "改判率（%）"],
        series=[2, 3],
        chart="stack",
        note="改判率：复查后等次与原评查等次不同的案件占复查案件的比例。",
    )
    for u in units:
        row = counts.get(u.pk, {})
        total, same = row.get("total", 0), row.get("kept", 0)
        table.rows.append([u.short_name, total, same, total - same, rate(total - same, total)])
    return table
