"""The baseline of bench/stats.py: the same figures as the reports selectors, computed the
naive way — for each unit, ORM counts per track, status, source and grade, and the model
properties (``UnitTask.late``) evaluated row by row."""

from __future__ import annotations

from guifan.campaigns.models import DONE_STATUSES, UnitTask
from guifan.core import clock
from guifan.evaluation.models import EvaluationForm
from guifan.org.models import Department
from guifan.rectification.models import OWED, Item, ItemStatus, Source
from guifan.reports.grades import GOOD, RESULT_STATUSES, grades_of
from guifan.reports.selectors import report_units
from guifan.reports.tables import rate


def naive_figures(campaign, user) -> list[list[list]]:
    units = report_units(campaign=campaign, user=user)
    return [
        _progress(campaign, user, units),
        _rectification(campaign, user, units),
        _problems(campaign, user, units),
        _results(campaign, user, units),
    ]


def _progress(campaign, user, units):
    """A row per unit (its own tasks), then one per department with tasks of its own."""
    rows = []
    tracks = list(campaign.tracks.order_by("position"))
    for unit in units:
        departments = Department.objects.filter(
            pk__in=UnitTask.objects.filter(track__campaign=campaign, unit=unit)
            .exclude(department=None)
            .values("department_id")
        ).order_by("line", "name")
        for department in (None, *departments):
            done_per_track, due, done, late = [], 0, 0, 0
            for track in tracks:
                tasks = UnitTask.objects.visible_to(user).filter(
                    track=track, unit=unit, department=department
                )
                due += tasks.count()
                finished = tasks.filter(status__in=DONE_STATUSES).count()
                done_per_track.append(finished)
                done += finished
                late += sum(1 for task in tasks if task.late)
            name = unit.short_name + (department.name if department else "")
            rows.append([name, *done_per_track, due, done, late, rate(done, due)])
    return rows


def _items(campaign, user, unit):
    return Item.objects.visible_to(user).filter(
        campaign=campaign, unit=unit, found_on__lte=clock.today()
    )


def _rectification(campaign, user, units):
    rows = []
    today = clock.today()
    for unit in units:
        items = _items(campaign, user, unit)
        statuses = [items.filter(status=s).count() for s in ItemStatus.values]
        overdue = items.filter(status__in=OWED, deadline__lt=today).count()
        closed_late = sum(
            1 for item in items.filter(status=ItemStatus.CLOSED)
            if clock.localdate(item.closed_at) > item.deadline
        )  # fmt: skip
        total = sum(statuses)
        rows.append([unit.short_name, *statuses, total, overdue, closed_late,
                     rate(statuses[-1], total)])  # fmt: skip
    return rows


def _problems(campaign, user, units):
    everything = Item.objects.visible_to(user).filter(
        campaign=campaign, unit__in=units, found_on__lte=clock.today()
    )
    sources = [s for s in Source if everything.filter(source=s).exists()] or list(Source)[:1]
    rows = []
    for unit in units:
        counts = [_items(campaign, user, unit).filter(source=s).count() for s in sources]
        rows.append([unit.short_name, *counts, sum(counts)])
    return rows


def _results(campaign, user, units):
    grades = grades_of(campaign)
    rows = []
    for unit in units:
        forms = EvaluationForm.objects.visible_to(user).filter(
            assignment__campaign=campaign, assignment__case__unit=unit,
            status__in=RESULT_STATUSES,
        ).select_related("assignment")  # fmt: skip
        cases = {grade: set() for grade in grades}
        for form in forms:
            result = form.final_grade or form.grade
            if result in cases:
                cases[result].add(form.assignment.case_id)
        counts = [len(cases[grade]) for grade in grades]
        good = sum(len(cases[grade]) for grade in grades if grade in GOOD)
        rows.append([unit.short_name, *counts, sum(counts), rate(good, sum(counts))])
    return rows
