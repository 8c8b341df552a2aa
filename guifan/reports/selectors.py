"""The campaign's statistics, each one grouped query (GROUP BY) whatever the number of rows.

Every selector takes the acting user and reads through the models' ``visible_to``, so a
liaison's figures are those of its own unit and the office's those of every unit it
oversees. Dates come from the business clock: nothing found, submitted or closed after
``clock.today()`` is counted, so the demo on 2016-03-25 shows only what existed that day.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, F, Q

from guifan.campaigns.models import (
    DONE_STATUSES,
    Campaign,
    ChecklistKind,
    MechanismPlan,
    PlanStatus,
    UnitTask,
)
from guifan.core import clock
from guifan.core.scoping import scope_of
from guifan.org.models import Department, Unit
from guifan.rectification.models import OWED, Item, ItemStatus, Source
from guifan.reports.tables import Table, rate


def report_units(*, campaign: Campaign, user, unit: Unit | None = None) -> list[Unit]:
    """The campaign's units the user sees (only ``unit`` when given), in the units' order;
    kept on the user object like its scope, since every statistic of a page asks for them."""
    key = (campaign.pk, unit.pk if unit is not None else None)
    cached = user.__dict__.setdefault("_guifan_report_units", {})
    if key not in cached:
        cached[key] = _report_units(campaign, user, unit)
    return cached[key]


def _report_units(campaign: Campaign, user, unit: Unit | None) -> list[Unit]:
    units = Unit.objects.filter(
        pk__in=campaign.participants.values("unit_id"),
    ).filter(pk__in=scope_of(user).business_unit_ids)
    if unit is not None:
        units = units.filter(pk=unit.pk)
    return list(units.order_by("path"))


def _late_q(today) -> Q:
    # The same rule as UnitTask.late: handed in after the deadline, or still owed past it.
    done = Q(status__in=DONE_STATUSES)
    handed_late = done & Q(submitted_at__isnull=False, submitted_at__date__gt=F("deadline"))
    undated = done & Q(submitted_at__isnull=True, deadline__lt=today)
    return handed_late | undated | (~done & Q(deadline__lt=today))


def progress_by_unit(*, campaign: Campaign, user, unit: Unit | None = None) -> Table:
    """Per unit: tasks handed in per track, then 应报 / 已报 / 超期 / 完成率."""
    units = report_units(campaign=campaign, user=user, unit=unit)
    tracks = list(campaign.tracks.order_by("position"))
    counts = (
        UnitTask.objects.visible_to(user)
        .filter(track__campaign=campaign, unit__in=units)
        .order_by()
        .values("unit_id", "department_id", "track_id")
        .annotate(
            due=Count("id"),
            done=Count("id", filter=Q(status__in=DONE_STATUSES)),
            late=Count("id", filter=_late_q(clock.today())),
        )
    )
    cells = {(c["unit_id"], c["department_id"], c["track_id"]): c for c in counts}
    table = Table(
        key="progress",
        title="各单位工作进度",
        columns=["单位", *(t.name for t in tracks), "应报", "已报", "超期", "完成率（%）"],
        chart="stack",
        series=list(range(1, len(tracks) + 1)),
        note="各项工作列为已报送（含已通过）的任务数；超期含逾期报送和逾期未报。",
    )
    # Each unit's row, then a row for each of its departments with tasks of their own.
    departments = Department.objects.in_bulk({c["department_id"] for c in cells.values()} - {None})
    for u in units:
        own = {d for unit, d, _t in cells if unit == u.pk and d is not None}
        for d in (None, *sorted(own, key=lambda d: (departments[d].line, departments[d].name))):
            mine = [cells.get((u.pk, d, t.pk), {}) for t in tracks]
            due = sum(c.get("due", 0) for c in mine)
            done = sum(c.get("done", 0) for c in mine)
            late = sum(c.get("late", 0) for c in mine)
            name = u.short_name + (departments[d].name if d is not None else "")
            table.rows.append(
                [name, *(c.get("done", 0) for c in mine), due, done, late, rate(done, due)]
            )
    return table


def _items(*, campaign: Campaign, user, units: list[Unit]):
    return Item.objects.visible_to(user).filter(
        campaign=campaign, unit__in=units, found_on__lte=clock.today()
    )


def _categories(campaign: Campaign, found: set[str]) -> list[str]:
    """The campaign's problem categories in their order, then any other label found."""
    listed = list(
        campaign.checklist.filter(kind=ChecklistKind.CATEGORY)
        .order_by("position")
        .values_list("label", flat=True)
    )
    return [c for c in listed if c in found] + sorted(found - set(listed))


def problem_counts(*, campaign: Campaign, user, unit: Unit | None = None) -> list[Table]:
    """Problems found, from every source, by unit × source and by category × source."""
    units = report_units(campaign=campaign, user=user, unit=unit)
    counts = list(
        _items(campaign=campaign, user=user, units=units)
        .order_by()
        .values("unit_id", "category", "source")
        .annotate(n=Count("id"))
    )
    per_unit, per_category = Counter(), Counter()
    for c in counts:
        per_unit[c["unit_id"], c["source"]] += c["n"]
        per_category[c["category"] or "未分类", c["source"]] += c["n"]
    sources = [s for s in Source if any(key[1] == s for key in per_unit)] or list(Source)[:1]
    by_unit = Table(
        key="problems_unit",
        title="各单位发现问题（按来源）",
        columns=["单位", *(s.label for s in sources), "合计"],
        chart="stack",
        series=list(range(1, len(sources) + 1)),
    )
    for u in units:
        mine = [per_unit[u.pk, s] for s in sources]
        by_unit.rows.append([u.short_name, *mine, sum(mine)])
    categories = _categories(campaign, {key[0] for key in per_category})
    by_category = Table(
        key="problems_category",
        title="发现问题类别分布（按来源）",
        columns=["问题类别", *(s.label for s in sources), "合计"],
        chart="stack",
        series=list(range(1, len(sources) + 1)),
    )
    for category in categories:
        mine = [per_category[category, s] for s in sources]
        by_category.rows.append([category, *mine, sum(mine)])
    return [by_unit, by_category]


def rectification_by_unit(*, campaign: Campaign, user, unit: Unit | None = None) -> Table:
    """整改 per unit: how many items in each status, overdue, closed late, closed rate."""
    units = report_units(campaign=campaign, user=user, unit=unit)
    today = clock.today()
    by_status = {s: Count("id", filter=Q(status=s)) for s in ItemStatus.values}
    counts = {
        c["unit_id"]: c
        for c in _items(campaign=campaign, user=user, units=units)
        .order_by()
        .values("unit_id")
        .annotate(
            **by_status,
            overdue=Count("id", filter=Q(status__in=OWED, deadline__lt=today)),
            closed_late=Count(
                "id", filter=Q(status=ItemStatus.CLOSED, closed_at__date__gt=F("deadline"))
            ),
        )
    }
    labels = [s.label for s in ItemStatus]
    table = Table(
        key="rectification",
        title="各单位整改情况",
        columns=["单位", *labels, "合计", "超期未整改", "逾期销号", "销号率（%）"],
        chart="stack",
        series=list(range(1, len(labels) + 1)),
    )
    for u in units:
        c = counts.get(u.pk, {})
        statuses = [c.get(s, 0) for s in ItemStatus.values]
        total = sum(statuses)
        closed = c.get(ItemStatus.CLOSED, 0)
        table.rows.append(
            [u.short_name, *statuses, total, c.get("overdue", 0), c.get("closed_late", 0),
             rate(closed, total)]
        )  # fmt: skip
    return table


def plans_by_unit(*, campaign: Campaign, user, unit: Unit | None = None) -> Table:
    """制度创新: each unit's mechanism-building plans by status."""
    units = report_units(campaign=campaign, user=user, unit=unit)
    counts = Counter(
        {
            (c["unit_id"], c["status"]): c["n"]
            for c in MechanismPlan.objects.visible_to(user)
            .filter(campaign=campaign, unit__in=units, created_at__lte=clock.now())
            .order_by()
            .values("unit_id", "status")
            .annotate(n=Count("id"))
        }
    )
    table = Table(
        key="plans",
        title="各单位机制建设计划",
        columns=["单位", *(s.label for s in PlanStatus), "合计"],
        chart="stack",
        series=list(range(1, len(PlanStatus) + 1)),
    )
    for u in units:
        mine = [counts[u.pk, s] for s in PlanStatus.values]
        table.rows.append([u.short_name, *mine, sum(mine)])
    return table
