"""Quarters as the 三个规定 count them: reports are due 10 days after a quarter ends (start day
not counted, rolled over a holiday), and every quarter from the first one must be reported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from guifan.core import deadlines, periods

DAYS_TO_REPORT = 10


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def first(cls) -> Quarter:
        """The first quarter every unit must report (settings.GUIFAN_INQUIRY_FIRST_QUARTER)."""
        year, quarter = settings.GUIFAN_INQUIRY_FIRST_QUARTER
        return cls(year, quarter)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @property
    def deadline(self) -> date:
        return periods.days_deadline(self.end, DAYS_TO_REPORT, deadlines.calendar(), custody=False)

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.quarter == 4 else Quarter(self.year, self.quarter + 1)
        )

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.quarter == 1 else Quarter(self.year, self.quarter - 1)
        )

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.quarter}季度"

    @property
    def key(self) -> str:
        return f"{self.year}q{self.quarter}"

    @classmethod
    def parse(cls, key: str) -> Quarter:
        year, _, quarter = key.lower().partition("q")
        result = cls(int(year), int(quarter))
        if not 1 <= result.quarter <= 4:
            raise ValueError(key)
        return result


def ended_quarters(today: date) -> list[Quarter]:
    """Every quarter from the first one that has ended by ``today``, oldest first."""
    current, quarters = Quarter.first(), []
    while current.end < today:
        quarters.append(current)
        current = current.next()
    return quarters
