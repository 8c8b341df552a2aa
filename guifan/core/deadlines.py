"""Traffic lights for deadlines (GOV-IT-EXPECTATIONS.md §3.8)."""

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


def calendar() -> Calendar:
    """The official working-day calendar plus this deployment's own holidays and worked
    days: the ``GUIFAN_HOLIDAYS`` / ``GUIFAN_WORKDAYS`` settings and the days the office
    added on its page (``CalendarDay``). The few added days are read on every call (one
    small query), so every process sees the office's change at once; the calendar built
    from them is cached per set of days."""
    holidays, workdays = list(settings.GUIFAN_HOLIDAYS), list(settings.GUIFAN_WORKDAYS)
    for day, kind in CalendarDay.objects.values_list("day", "kind"):
        (holidays if kind == DayKind.HOLIDAY else workdays).append(day.isoformat())
    return _calendar(tuple(sorted(holidays)), tuple(sorted(workdays)))


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` on the official calendar."""
    return calendar().add_working_days(start, days)
