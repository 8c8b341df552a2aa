"""Reads of campaigns: the list and the progress table, through the user's scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, F, QuerySet

from guifan.campaigns.models import (
    OPEN_STATUSES,
    Campaign,
    MechanismPlan,
    SelfExamProblem,
    TaskStatus,
    Track,
    UnitTask,
)
from guifan.org.models import Department, Unit

# A unit's own tasks before its departments' (NULLs sort last on PostgreSQL, first on SQLite).
UNIT_FIRST = (
    F("department__line").asc(nulls_first=True),
    F("department__name").asc(nulls_first=True),
)


def campaign_list(*, user) -> QuerySet[Campaign]:
    return Campaign.objects.visible_to(user).distinct().select_related("issuing_unit")


@dataclass
class ProgressRow:
    """One unit's — or one department's — line of the progress table (应报 / 已报 / 完成率 /
    超期数). A department has tasks on some tracks only: ``cells`` holds None for the others.
    The figures are computed once, when first read (the template reads each several times),
    so read them only after every task is in."""

    unit: Unit
    department: Department | None = None
    tasks: list[UnitTask] = field(default_factory=list)
    cells: list[UnitTask | None] = field(default_factory=list)
    problems: int = 0  # self-examination problems recorded (0: flagged 零问题)
    plans: int = 0  # mechanism plans registered (0: flagged 零计划)

    @property
    def name(self) -> str:
        if self.department is not None:
            return f"{self.unit.short_name}{self.department.name}"
        return self.unit.short_name

    @cached_property
    def due(self) -> int:
        return len(self.tasks)

    @cached_property
    def done(self) -> int:
        return sum(1 for t in self.tasks if t.done)

    @cached_property
    def rate(self) -> int:
        return round(self.done * 100 / self.due) if self.due else 0

    @cached_property
    def late(self) -> int:
        return sum(1 for t in self.tasks if t.late)

    @cached_property
    def chased(self) -> int:
        return max((t.chase_count for t in self.tasks), default=0)


def campaign_progress(*, campaign: Campaign, user) -> tuple[list[Track], list[ProgressRow]]:
    """The tracks (columns) and one row per unit, then per department of it, the user may
    see (a department liaison: its department's row only)."""
    tracks = list(campaign.tracks.all())
    tasks = (
        UnitTask.objects.visible_to(user)
        .filter(track__campaign=campaign)
        .select_related("unit", "track", "department")
        .order_by("unit__path", *UNIT_FIRST, "track__position")
    )
    rows: dict[tuple[int, int | None], ProgressRow] = {}
    for task in tasks:
        key = (task.unit_id, task.department_id)
        rows.setdefault(key, ProgressRow(task.unit, task.department)).tasks.append(task)
    for row in rows.values():
        by_track = {t.track_id: t for t in row.tasks}
        row.cells = [by_track.get(track.pk) for track in tracks]
    units = {unit for unit, department in rows if department is None}
    for model, attr in ((SelfExamProblem, "problems"), (MechanismPlan, "plans")):
        counts = model.objects.filter(campaign=campaign, unit__in=units).values("unit")
        for found in counts.annotate(n=Count("pk")):
            setattr(rows[(found["unit"], None)], attr, found["n"])
    return tracks, list(rows.values())


def open_tasks_of(*, user) -> QuerySet[UnitTask]:
    """The unit's unfinished tasks of running campaigns, for its 待办."""
    return (
        UnitTask.objects.visible_to(user)
        .filter(
            track__campaign__status__in=OPEN_STATUSES,
            status__in=(TaskStatus.PENDING, TaskStatus.RETURNED),
        )
        .select_related("track__campaign", "unit")
    )


def problem_list(*, user, campaign: Campaign, filters: dict) -> QuerySet:
    problems = SelfExamProblem.objects.visible_to(user).filter(campaign=campaign)
    for key in ("unit", "heading", "category"):
        if value := filters.get(key):
            problems = problems.filter(**{f"{key}_id": value})
    return problems.select_related("unit", "heading", "category", "rectification")


def task_list(*, user, campaign: Campaign, filters: dict) -> list[UnitTask]:
    """The tasks behind a figure of the progress table (a unit's, its done ones, its late ones)."""
    tasks = (
        UnitTask.objects.visible_to(user)
        .filter(track__campaign=campaign)
        .select_related("unit", "track", "department")
        .order_by("unit__path", *UNIT_FIRST, "track__position")
    )
    if unit := filters.get("unit"):
        tasks = tasks.filter(unit_id=unit)
    if department := filters.get("department"):  # "0": the unit's own tasks
        tasks = tasks.filter(department_id=None if department == "0" else department)
    if track := filters.get("track"):
        tasks = tasks.filter(track_id=track)
    rows = list(tasks)
    if filters.get("done"):
        rows = [t for t in rows if t.done]
    if filters.get("late"):
        rows = [t for t in rows if t.late]
    return rows
