"""Periods counted as the Criminal Procedure Law counts them (刑诉法2012 第103条, 2018 第105条).

Plain Python with no Django import, shared by the rule engine, the demo generator and the
deadline helpers:

- a period in days or months starts *after* the day (or hour) it runs from: the start day is
  not counted;
- a month runs to the same date of the next month, or to that month's last day when it has
  no such date (1月31日 + 1 个月 = 2月28/29日);
- a last day falling on a 法定节假日 or rest day rolls over to the next working day, **except
  while the person is in custody** (在押): then the period ends on its last day regardless;
- working-day periods (律师阅卷 "3 个工作日") count only working days.

Working days are the official calendar: weekdays, minus the 法定节假日, plus the 调休 weekends
worked in their place (e.g. 2015-09-03/04 off, 2015-09-06 worked). The official dates come
from the ``chinese_calendar`` package; a deployment adds its own with ``extra_holidays`` and
``extra_workdays`` (for years the package does not know yet, or local arrangements).
"""

from __future__ import annotations

import calendar as _calendar
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, datetime, timedelta

try:  # the official calendar; without it only weekends and the configured days count
    import chinese_calendar as _official
except ImportError:  # pragma: no cover - a dependency of the project
    _official = None

FIRST_YEAR, LAST_YEAR = 2004, 2035


def official_days() -> tuple[frozenset[date], frozenset[date]]:
    """(holidays, make-up working days) the official calendar package knows."""
    if _official is None:  # pragma: no cover
        return frozenset(), frozenset()
    return frozenset(_official.holidays), frozenset(_official.workdays)


def official_years() -> range:
    """The years the official calendar package covers."""
    holidays, _ = official_days()
    if not holidays:  # pragma: no cover
        return range(0)
    return range(min(holidays).year, max(holidays).year + 1)


class Calendar:
    """Which days are working days, with fast period arithmetic over them."""

    def __init__(
        self,
        *,
        holidays: Iterable[date] = (),
        workdays: Iterable[date] = (),
        official: bool = True,
    ) -> None:
        off, on = official_days() if official else (frozenset(), frozenset())
        extra_on = frozenset(workdays)
        self.holidays = (off | frozenset(holidays)) - extra_on
        self.makeup_workdays = (on - frozenset(holidays)) | extra_on
        self._first = date(FIRST_YEAR, 1, 1)
        last = date(LAST_YEAR, 12, 31)
        self._workdays: list[date] = [
            day
            for day in (self._first + timedelta(days=n) for n in range((last - self._first).days))
            if self._computed_workday(day)
        ]
        self._workday_set = frozenset(self._workdays)

    def _computed_workday(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def is_workday(self, day: date) -> bool:
        if self._first <= day <= self._workdays[-1]:
            return day in self._workday_set
        return self._computed_workday(day)

    def next_workday(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
        if days <= 0:
            return start
        index = bisect_right(self._workdays, start) + days - 1
        if index < len(self._workdays):
            return self._workdays[index]
        current, left = start, days  # beyond the precomputed range: count day by day
        while left:
            current += timedelta(days=1)
            left -= self.is_workday(current)
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many working days ``end`` is after ``start``."""
        if end <= start:
            return 0
        return bisect_right(self._workdays, end) - bisect_right(self._workdays, start)


def add_months(start: date, months: int) -> date:
    """The same date ``months`` later (or earlier); a date the target month lacks becomes its
    last day."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def _day_of(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def last_day(last: date, cal: Calendar, *, custody: bool) -> date:
    """A period's last day as the law has it: rolled to the next working day unless the
    person is in custody."""
    return last if custody else cal.next_workday(last)


def days_deadline(start: date | datetime, days: int, cal: Calendar, *, custody: bool) -> date:
    """The last day of a period of ``days`` days running from ``start`` (not counted)."""
    return last_day(_day_of(start) + timedelta(days=days), cal, custody=custody)


def months_deadline(
    start: date | datetime, months: int, cal: Calendar, *, custody: bool, extra_days: int = 0
) -> date:
    """The last day of ``months`` months (plus ``extra_days`` days, e.g. an extension of 15
    days to the one month of 审查起诉) running from ``start``."""
    end = add_months(_day_of(start), months) + timedelta(days=extra_days)
    return last_day(end, cal, custody=custody)


def working_days_deadline(start: date | datetime, days: int, cal: Calendar) -> date:
    """The last day of ``days`` working days running from ``start``."""
    return cal.add_working_days(_day_of(start), days)


def hours_deadline(start: datetime, hours: int) -> datetime:
    """The moment ``hours`` hours after ``start`` (24 小时以内: at the latest then)."""
    return start + timedelta(hours=hours)


def late(actual: date | datetime | None, deadline: date) -> bool:
    """Whether something done at ``actual`` missed a period ending on ``deadline`` (done on
    the last day itself is in time)."""
    return actual is not None and _day_of(actual) > deadline
