"""The units' monthly 统计报表 for 2015 (R5-05): each figure counted from the world's own case
rows as the check counts it, with a wrong figure planted here and there and, beside them,
figures resting on a case accepted or closed on the first or last day of the month (a count
that put the month's edge on the wrong side would flag those).

Plain Python. Fed case by case as the cases are loaded or exported (no second pass over a
million cases); a figure is reported only where the unit counts at least one case, so that
every mismatch has a case to be recorded on: the counted case with the greatest 部门受案号
(``checks.statreports``).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from guifan.cases import kinds as K
from guifan.cases.models.oversight import StatIndicator
from guifan.cases.numbers import normalise_case_no
from guifan.demo.generator import CaseRow
from guifan.demo.plant import NEAR, VIOLATION, Plan

YEAR = 2015
PROSECUTION = frozenset(k.category for k in K.KINDS if k.stage == K.Stage.PROSECUTION_REVIEW)


@dataclass
class Figure:
    count: int = 0
    anchor: tuple[str, str] = ("", "")  # (normalised, as written) 部门受案号, the greatest
    edge: bool = False  # a case counted on the first or last day of the month


def _counted(case: CaseRow) -> list[tuple[str, date | None]]:
    """(indicator, the day that puts the case in a month) for each indicator counting it."""
    found = [(StatIndicator.CONCLUDED.value, case.close_date)]
    if case.category in PROSECUTION:
        found.append((StatIndicator.PROSECUTION_ACCEPTED.value, case.accept_date))
    if case.close_type == "不起诉":
        found.append((StatIndicator.NO_PROSECUTION.value, case.close_date))
    return found


def _edge(day: date) -> bool:
    return day.day == 1 or (day + timedelta(days=1)).day == 1


class StatTally:
    """The 2015 figures of every unit, fed one case at a time."""

    def __init__(self, seed: int, plans: Mapping[str, Plan]) -> None:
        self.seed, self.plan = seed, plans["R5-05"]
        self.figures: dict[tuple[str, date, str], Figure] = {}

    def add(self, case: CaseRow) -> None:
        for indicator, day in _counted(case):
            if day is None or day.year != YEAR:
                continue
            key = (case.unit_code, day.replace(day=1), indicator)
            figure = self.figures.setdefault(key, Figure())
            figure.count += 1
            figure.anchor = max(figure.anchor, (normalise_case_no(case.case_no), case.case_no))
            figure.edge |= _edge(day)

    def reports(self) -> tuple[list[dict], dict[str, str]]:
        """(rows of the stat_reports file, {case_no: expected} for R5-05: a violation where a
        wrong figure is recorded on the case, otherwise ok for a figure on the month's edge)."""
        rows, expected = [], {}
        for (unit, month, indicator), figure in sorted(self.figures.items()):
            rng = random.Random(f"{self.seed}:stat:{unit}:{month:%Y%m}:{indicator}")
            roll, value, outcome = rng.random(), figure.count, None
            if roll < self.plan.violation:
                step = rng.choice((-3, -2, -1, 1, 2, 3))
                value = figure.count + (step if figure.count + step >= 0 else -step)
                outcome = VIOLATION
            elif roll < self.plan.violation + self.plan.near and figure.edge:
                outcome = NEAR
            label = StatIndicator(indicator).label
            rows.append(
                {"unit_code": unit, "period": f"{month:%Y-%m}", "indicator": label,
                 "reported_value": value}
            )  # fmt: skip
            case_no = figure.anchor[1]
            if outcome and expected.get(case_no) != VIOLATION:
                expected[case_no] = outcome
        return rows, expected


def stat_reports(world, count: int | None = None) -> tuple[list[dict], dict[str, str]]:
    """The reports and the R5-05 answer key of the first ``count`` cases of ``world``."""
    tally = StatTally(world.seed, world.plans)
    for case in world.cases(count):
        tally.add(case)
    return tally.reports()
