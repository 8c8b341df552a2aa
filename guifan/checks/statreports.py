"""R5-05 报表与系统数据不符: each figure a unit reported in its monthly 统计报表 against the
same count over its case rows (RULES-AND-PROCESS.md §3.6), a type A rule decided per unit
and month, not per case.

Set-based and cheap: one grouped count per indicator (unit × month, in the database) over
the reported months only, and one read of the reports. A finding must belong to a case (the
finding model, its scoping and the 整改清单 all go through the case), so a mismatch is
attached to the unit's case with the greatest 部门受案号 among those counted (or, when the
system counts none, among the unit's cases in scope); its subject names the indicator and
the month, so that a re-run finds the same finding and a corrected report closes it. A unit
without a case in scope has nothing to attach to and is not checked (docs/DECISIONS.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db.models import CharField, Count, Max, Q
from django.db.models.functions import Cast, Left

from guifan.cases import kinds as K
from guifan.cases.models import Case, StatIndicator, StatReport

CODE = "R5-05"
PROSECUTION = sorted({k.category for k in K.KINDS if k.stage == K.Stage.PROSECUTION_REVIEW})
# What each indicator counts: the date that puts a case in a month, and which cases.
COUNTED: dict[str, tuple[str, Q]] = {
    StatIndicator.PROSECUTION_ACCEPTED: ("accept_date", Q(category__in=PROSECUTION)),
    StatIndicator.CONCLUDED: ("close_date", Q()),
    StatIndicator.NO_PROSECUTION: ("close_date", Q(close_type="不起诉")),
}


def _month(text: str) -> date:
    return date(int(text[:4]), int(text[5:7]), 1)


def _counts(cases: Q, indicator: str, units: set[int], months: set[date]) -> dict:
    """{(unit id, month): (count, greatest 部门受案号 counted)} in one grouped query."""
    field, which = COUNTED[indicator]
    first, last = min(months), max(months)
    end = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    rows = (
        Case.objects.filter(cases, which, unit_id__in=units)
        .filter(**{f"{field}__gte": first, f"{field}__lt": end})
        # "2015-09" of the ISO date text: native on both databases (SQLite's TruncMonth is a
        # Python function called once a row).
        .annotate(month=Left(Cast(field, CharField()), 7))
        .order_by()
        .values("unit_id", "month")
        .annotate(n=Count("pk"), anchor=Max("case_no_norm"))
    )
    return {(r["unit_id"], _month(r["month"])): (r["n"], r["anchor"]) for r in rows}


def mismatched_reports(cases: Q) -> list:
    from guifan.checks.engine import Hit

    in_scope = Case.objects.filter(cases)
    reports = list(
        StatReport.objects.filter(unit_id__in=in_scope.values("unit_id"))
        .select_related("unit")
        .order_by("unit_id", "period", "indicator")
    )
    found = []
    for indicator in COUNTED:
        mine = [r for r in reports if r.indicator == indicator]
        if not mine:
            continue
        counts = _counts(cases, indicator, {r.unit_id for r in mine}, {r.period for r in mine})
        for report in mine:
            system, anchor = counts.get((report.unit_id, report.period), (0, None))
            if system != report.reported_value:
                found.append((report, system, anchor))
    fallback = _latest_cases(cases, {r.unit_id for r, _s, anchor in found if anchor is None})
    anchors = dict(
        Case.objects.filter(case_no_norm__in={a for _r, _s, a in found if a}).values_list(
            "case_no_norm", "pk"
        )
    )
    hits = []
    for report, system, anchor in found:
        case_id = anchors[anchor] if anchor else fallback.get(report.unit_id)
        if case_id is None:
            continue
        label = StatIndicator(report.indicator).label
        facts = {
            "unit": report.unit.short_name,
            "period": f"{report.period:%Y-%m}",
            "indicator": str(label),
            "reported": report.reported_value,
            "system": system,
        }
        subject = f"{report.indicator}/{report.period:%Y-%m}"
        hits.append(Hit(case_id, CODE, subject, facts, report.unit_id))
    return hits


def _latest_cases(cases: Q, units: set[int]) -> dict[int, int]:
    """{unit id: id of its case in scope with the greatest 部门受案号}."""
    if not units:
        return {}
    latest = (
        Case.objects.filter(cases, unit_id__in=units)
        .order_by()
        .values("unit_id")
        .annotate(no=Max("case_no_norm"))
    )
    nos = {r["no"]: r["unit_id"] for r in latest}
    rows = Case.objects.filter(case_no_norm__in=nos).values_list("case_no_norm", "pk")
    return {nos[no]: pk for no, pk in rows}


UNIT_LEVEL: dict[str, Callable[[Q], list]] = {CODE: mismatched_reports}


def evaluate(cases: Q, codes) -> list:
    """The hits of the unit-level rules among ``codes`` over the cases ``cases`` selects."""
    return [hit for code in codes if code in UNIT_LEVEL for hit in UNIT_LEVEL[code](cases)]
