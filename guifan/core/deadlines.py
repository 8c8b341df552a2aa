"""Traffic lights for deadlines (GOV-IT-EXPECTATIONS.md §3.8)."""

import calendar
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


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


def add_working_days(start: date, days: int, holidays: frozenset[date] = frozenset()) -> date:
    """The date ``days`` working days after ``start`` (Saturdays, Sundays and the configured
    holidays do not count; 调休 working weekends are not modelled)."""
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            left -= 1
    return current


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later (or earlier, if negative); the 31st of a shorter month
    becomes its last day."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))
