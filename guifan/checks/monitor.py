"""流程监控: open cases whose legal period ends within the next few working days, or has
ended, computed with the same period rules as the checks (``checks.reference.custody``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q

from guifan.cases import kinds as K
from guifan.checks import reading
from guifan.checks.reference import Case
from guifan.checks.reference.custody import arrest_review_deadline, prosecution_review_deadline
from guifan.core.periods import Calendar

STAGES = {
    K.Stage.ARREST_REVIEW: ("审查逮捕期限", arrest_review_deadline),
    K.Stage.PROSECUTION_REVIEW: ("审查起诉期限", prosecution_review_deadline),
}

MAX_EXTRA_DAYS = 30  # the widest look-ahead the monitoring page offers, in working days


def warning_days(stage: str) -> int:
    """临期预警 in working days: 公诉 5, 侦监 2 by default (settings)."""
    if stage == K.Stage.ARREST_REVIEW:
        return settings.GUIFAN_MONITOR_ARREST_DAYS
    return settings.GUIFAN_MONITOR_PROSECUTION_DAYS


@dataclass(frozen=True)
class Due:
    case_id: int
    period: str
    deadline: date
    days_left: int  # working days after today up to the deadline; negative: overdue days
    detained: bool
    warned: bool = True  # within the stage's warning days (not only the extra look-ahead)
    unit_id: int | None = None

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def late_days(self) -> int:
        return max(0, -self.days_left)


def due_cases(cases: Q, *, today: date, cal: Calendar, extra_days: int = 0) -> list[Due]:
    """Open cases of the monitored stages whose period ends within their warning days
    (plus ``extra_days``) or has ended, soonest first."""
    categories = [k.category for k in K.KINDS if k.stage in STAGES]
    open_cases = cases & Q(close_date__isnull=True, category__in=categories)
    found = []
    for rows, events in reading.load_chunks(open_cases):
        for row in rows:
            kinds = {kind: events[kind].get(row["pk"], ()) for kind in reading.KINDS}
            case = Case(row, kinds, today, cal)
            if case["accept_date"] is None:
                continue
            period, deadline_of = STAGES[case.stage]
            deadline = deadline_of(case)
            if deadline is None:  # out for supplementary investigation
                continue
            if deadline < today:
                left = -(today - deadline).days
            else:
                left = cal.working_days_between(today, deadline)
            warn = warning_days(case.stage)
            if left <= warn + extra_days:
                detained = case.held_at_acceptance()
                found.append(
                    Due(row["pk"], period, deadline, left, detained, left <= warn, row["unit_id"])
                )
    return sorted(found, key=lambda d: (d.deadline, d.case_id))


def due_tallies_refresh() -> int:
    """Count every unit's 临期 and 超期 open cases afresh (a derived figure, not journaled);
    run by the worker every few minutes. Returns the number of units with any."""
    from collections import Counter

    from django.db import transaction

    from guifan.checks.models import DueTally
    from guifan.core import clock
    from guifan.core.deadlines import calendar

    today = clock.today()
    near, late = Counter(), Counter()
    for d in due_cases(Q(), today=today, cal=calendar()):
        (late if d.overdue else near)[d.unit_id] += 1
    rows = [
        DueTally(unit_id=u, near=near[u], overdue=late[u], as_of=today)
        for u in set(near) | set(late)
    ]
    with transaction.atomic():
        DueTally.objects.all().delete()
        DueTally.objects.bulk_create(rows)
    return len(rows)
