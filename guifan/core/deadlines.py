"""Traffic lights for deadlines (GOV-IT-EXPECTATIONS.md §3.8)."""

import time
from datetime import date
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.core.models import CalendarDay, DayKind
from guifan.core.periods import Calendar, add_months

__all__ = ["Light", "add_months", "add_working_days", "calendar", "light_for"]


class Light(models.TextChoices):
    GREEN = "green", _("正常")
    YELLOW = "yellow", _("临期")
    RED = "red", _("超期")


def light_for(deadline: date | None, today: date, warning_days: int) -> Light:
    """Green until ``warning_days`` before the deadline, yellow until it passes, then red."""
    if deadline is None:
        return Light.GREEN
    remaining = (deadline - today).days
    if remaining < 0:
        return Light.RED
    if remaining <= warning_days:
        return Light.YELLOW
    return Light.GREEN


@lru_cache(maxsize=8)
def _calendar(holidays: tuple[str, ...], workdays: tuple[str, ...]) -> Calendar:
    return Calendar(
        holidays=(date.fromisoformat(d) for d in holidays),
        workdays=(date.fromisoformat(d) for d in workdays),
    )


# The office's added days as last read: kept for one request (every request starts by
# forgetting them, see CoreConfig.ready) and at most a minute in a process without requests
# (the task worker), so that a change made in any process counts everywhere at once.
_office_days: tuple[float, tuple[str, ...], tuple[str, ...]] | None = None
OFFICE_DAYS_SECONDS = 60


def forget_office_days(**_kwargs) -> None:
    global _office_days
    _office_days = None


def office_days() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(holidays, worked days) the office added on its page (``CalendarDay``), ISO dates."""
    global _office_days
    if _office_days is None or time.monotonic() - _office_days[0] > OFFICE_DAYS_SECONDS:
        holidays, workdays = [], []
        for day, kind in CalendarDay.objects.order_by("day").values_list("day", "kind"):
            (holidays if kind == DayKind.HOLIDAY else workdays).append(day.isoformat())
        _office_days = (time.monotonic(), tuple(holidays), tuple(workdays))
    return _office_days[1], _office_days[2]


def calendar() -> Calendar:
    """The official working-day calendar plus this deployment's own holidays and worked
    days: the ``GUIFAN_HOLIDAYS`` / ``GUIFAN_WORKDAYS`` settings and the days the office
    added on its page. The calendar built from them is cached per set of days."""
    holidays, workdays = office_days()
    return _calendar(
        tuple(sorted({*settings.GUIFAN_HOLIDAYS, *holidays})),
        tuple(sorted({*settings.GUIFAN_WORKDAYS, *workdays})),
    )


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` on the official calendar."""
    return calendar().add_working_days(start, days)
