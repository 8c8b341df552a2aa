"""How the campaign moved month by month, and the ranking of units for the 通报."""

from __future__ import annotations

import hashlib
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from guifan.campaigns.models import DONE_STATUSES, Campaign, UnitTask
from guifan.core import clock
from guifan.core.scoping import scope_of
from guifan.evaluation.models import EvaluationForm
from guifan.org.models import Unit
from guifan.rectification.models import Item, ItemStatus
from guifan.reports.findings import findings_by_rule
from guifan.reports.grades import RESULT_STATUSES, evaluation_results, recheck_changes
from guifan.reports.lookback import lookback_answers
from guifan.reports.selectors import (
    plans_by_unit,
    problem_counts,
    progress_by_unit,
    rectification_by_unit,
    report_units,
)
from guifan.reports.tables import Table


def _months(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _per_month(queryset, field: str) -> dict[date, int]:
    # order_by(): the models' ordering would join tables a count does not need.
    months = queryset.order_by().annotate(month=TruncMonth(field))
    rows = months.values("month").annotate(n=Count("id"))
    # TruncMonth of a date is a date, of a time stamp a (local) datetime.
    return {
        (r["month"].date() if hasattr(r["month"], "date") else r["month"]): r["n"] for r in rows
    }


def trends_by_month(*, campaign: Campaign, user, unit: Unit | None = None) -> Table:
    """Per month from the campaign's start to today: problems found, items closed out,
    evaluation results handed in and unit tasks handed in."""
    units = report_units(campaign=campaign, user=user, unit=unit)
    today, now = clock.today(), clock.now()
    items = Item.objects.visible_to(user).filter(campaign=campaign, unit__in=units)
    series = {
        "发现问题": _per_month(items.filter(found_on__lte=today), "found_on"),
        "整改销号": _per_month(
            items.filter(status=ItemStatus.CLOSED, closed_at__lte=now), "closed_at"
        ),
        "评查结果": _per_month(
            EvaluationForm.objects.visible_to(user).filter(
                assignment__campaign=campaign,
                assignment__case__unit__in=units,
                status__in=RESULT_STATUSES,
                submitted_at__lte=now,
            ),
            "submitted_at",
        ),
        "报送任务": _per_month(
            UnitTask.objects.visible_to(user).filter(
                track__campaign=campaign,
                unit__in=units,
                status__in=DONE_STATUSES,
                submitted_at__lte=now,
            ),
            "submitted_at",
        ),
    }
    months = _months(campaign.start_date, today)
    # One month is no line: bars until there is a second.
    kind = "line" if len(months) > 1 else "bar"
    table = Table(key="trends", title="逐月进展", columns=["月份", *series], chart=kind)
    for month in months:
        table.rows.append([f"{month:%Y-%m}", *(counts.get(month, 0) for counts in series.values())])
    return table


# Weights of the ranking's score; a part a unit has nothing to be measured on is left out and
# the others weigh in proportion (a unit with no case evaluated yet is ranked on the rest).
WEIGHTS = {"任务完成率": 0.4, "整改销号率": 0.3, "评查优良率": 0.3}


def _rate(table: Table, unit: Unit, whole: str, share: str) -> float | None:
    """The unit's rate in ``table``, or None when there was nothing to measure."""
    row = table.row(unit.short_name)
    return row[table.columns.index(share)] if row[table.columns.index(whole)] else None


def unit_ranking(*, campaign: Campaign, user, computed: dict[str, Table] | None = None) -> Table:
    """Units ranked by a weighted score of their rates, for the 通报 (from the tables
    ``computed`` already when given)."""
    units = report_units(campaign=campaign, user=user)
    computed = computed or {}
    progress = computed.get("progress") or progress_by_unit(campaign=campaign, user=user)
    rectification = computed.get("rectification") or rectification_by_unit(
        campaign=campaign, user=user
    )
    results = computed.get("evaluation_unit") or evaluation_results(campaign=campaign, user=user)[1]
    rows = []
    for u in units:
        parts = {
            "任务完成率": _rate(progress, u, "应报", "完成率（%）"),
            "整改销号率": _rate(rectification, u, "合计", "销号率（%）"),
            "评查优良率": _rate(results, u, "合计", "优良率（%）"),
        }
        found = rectification.row(u.short_name)[rectification.columns.index("合计")]
        weight = sum(WEIGHTS[k] for k, v in parts.items() if v is not None)
        score = sum(WEIGHTS[k] * v for k, v in parts.items() if v is not None)
        score = round(score / weight, 1) if weight else 0.0
        rows.append([u.short_name, *(v if v is not None else "—" for v in parts.values()),
                     found, score])  # fmt: skip
    rows.sort(key=lambda row: (-row[-1], row[0]))
    table = Table(
        key="ranking",
        title="各单位综合排名",
        columns=["单位", *WEIGHTS, "发现问题", "综合得分", "名次"],
        series=[5],
        note="综合得分 = 任务完成率×40% + 整改销号率×30% + 评查优良率×30%"
        "（无可计算项时按其余项折算）。",
    )
    for place, row in enumerate(rows, 1):
        table.rows.append([*row, place])
    return table


def campaign_statistics(*, campaign: Campaign, user, unit: Unit | None = None) -> list[Table]:
    """Every statistic of the campaign's pages, exports and reports, in their order."""
    tables = [
        progress_by_unit(campaign=campaign, user=user, unit=unit),
        plans_by_unit(campaign=campaign, user=user, unit=unit),
        *problem_counts(campaign=campaign, user=user, unit=unit),
        *evaluation_results(campaign=campaign, user=user, unit=unit),
        recheck_changes(campaign=campaign, user=user, unit=unit),
        *lookback_answers(campaign=campaign, user=user, unit=unit),
        rectification_by_unit(campaign=campaign, user=user, unit=unit),
        findings_by_rule(campaign=campaign, user=user, unit=unit),
        trends_by_month(campaign=campaign, user=user, unit=unit),
    ]
    if unit is None:
        computed = {t.key: t for t in tables}
        tables.append(unit_ranking(campaign=campaign, user=user, computed=computed))
    return tables


# The 领导驾驶舱 and its export reuse the figures of the last minute for the same view of the
# same data (scope, campaign, unit, day): at a million cases the statistics take a few
# hundred milliseconds, a reload then nothing. Documents always count afresh.
CACHE_SECONDS = 60


def campaign_statistics_cached(*, campaign: Campaign, user, unit: Unit | None = None):
    from django.core.cache import cache

    scope = scope_of(user)
    roles = sorted((role, sorted(units)) for role, units in scope.role_units.items())
    seen = repr((sorted(scope.roles), scope.person_id, roles))
    digest = hashlib.sha256(seen.encode()).hexdigest()[:32]
    key = f"reports:{campaign.pk}:{unit.pk if unit else '-'}:{clock.today()}:{digest}"
    tables = cache.get(key)
    if tables is None:
        tables = campaign_statistics(campaign=campaign, user=user, unit=unit)
        cache.set(key, tables, CACHE_SECONDS)
    return tables
