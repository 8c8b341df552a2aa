"""过问干预 registrations of the demo's busy prosecutors, and R7-02 planted among them.

R7-02 (``checks.crosscase.silence``) flags a prosecutor among the top quarter of their unit
by cases accepted who registered nothing in two consecutive quarters. In the random world
(``inquiries.py``: one case in thirty-five asked about) most busy prosecutors would be
silent, so the demo breaks every run: a prosecutor of the top quarter who was silent in the
top quarter before gets one registration on a case of theirs open in the quarter (a unit
may still report a quarter with none, 零报告). Then it plants one prosecutor silent in two
consecutive top quarters (every registration of those quarters withheld) and a near miss
silent in the first of two. The loads are counted as the check counts them, over the whole
stream of cases before it is generated; the mark is on the prosecutor's latest case of the
(last) silent quarter, where the check attaches its flag.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings

from guifan.demo.generator import LAST_DAY, WORLD_DATE, CaseRow
from guifan.demo.inquiries import FIRST_DAY, _record
from guifan.demo.plant import NEAR, VIOLATION
from guifan.inquiries.flags import top_quarter_threshold
from guifan.inquiries.quarters import Quarter


def _quarters() -> list[Quarter]:
    last, quarter, found = Quarter.of(WORLD_DATE).previous(), Quarter.first(), []
    while quarter <= last:
        found.append(quarter)
        quarter = quarter.next()
    return found


def _open_day(case: CaseRow, quarter: Quarter):
    """The first day of ``quarter`` the case is open for a registration, or None."""
    first = max(case.accept_date + timedelta(days=1), FIRST_DAY, quarter.start)
    last = min(case.close_date or LAST_DAY, LAST_DAY - timedelta(days=1), quarter.end)
    return first if first <= last else None


class Registrations:
    """Built from the stream of cases (``cases``, the same the events follow); ``apply``
    adds a case's registrations, withholds the planted silent ones and returns its marks."""

    def __init__(self, cases) -> None:
        p = settings.GUIFAN_CROSS_CASE["R7-02"]
        quarters = _quarters()
        loads: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        latest: dict[tuple[str, Quarter], str] = {}  # (handler, quarter) -> last case_no
        # (handler, quarter) -> the first case open in it: (case_no, day); small at any size
        first_open: dict[tuple[str, Quarter], tuple[str, date]] = {}
        for case in cases:
            if not case.handler_staff_no:
                continue
            for quarter in quarters:
                day = _open_day(case, quarter)
                if day is not None:
                    first_open.setdefault((case.handler_staff_no, quarter), (case.case_no, day))
            quarter = Quarter.of(case.accept_date)
            if quarters and quarters[0] <= quarter <= quarters[-1]:
                loads[case.unit_code, quarter][case.handler_staff_no] += 1
                latest[case.handler_staff_no, quarter] = case.case_no
        top: dict[str, list[Quarter]] = defaultdict(list)
        for (_unit, quarter), handlers in sorted(loads.items()):
            if len(handlers) < p["min_handlers"]:
                continue
            threshold = top_quarter_threshold(list(handlers.values()), p["top_share"])
            for handler, load in sorted(handlers.items()):
                if load >= threshold:
                    top[handler].append(quarter)
        self.silent: set[tuple[str, Quarter]] = set()
        self.marks: dict[str, str] = {}
        self._plant(top, latest, p["min_quarters"])
        self.added: dict[str, list] = defaultdict(list)  # case_no -> [(quarter, day)]
        for handler, its_quarters in top.items():
            silent_before = set()  # top quarters left without a registration
            for quarter in its_quarters:
                broken = quarter.previous() not in silent_before
                if broken or (handler, quarter) in self.silent:
                    silent_before.add(quarter)
                    continue
                found = first_open.get((handler, quarter))
                if found is not None:
                    self.added[found[0]].append((quarter, found[1]))
                else:
                    silent_before.add(quarter)

    def _plant(self, top, latest, least: int) -> None:
        """The first prosecutor top in ``least`` consecutive quarters goes silent in them;
        the next one of another unit, top as long, goes silent in the first of them only."""
        units = {}
        for handler, quarters in sorted(top.items()):
            unit = handler[:6]
            if VIOLATION not in units.values():
                run = _consecutive(quarters, least)
                if run:
                    self.silent.update((handler, q) for q in run)
                    self.marks[latest[handler, run[-1]]] = VIOLATION
                    units[unit] = VIOLATION
            elif unit not in units and (run := _consecutive(quarters, least)):
                self.silent.add((handler, run[0]))  # heard of in the next quarter
                self.marks[latest[handler, run[0]]] = NEAR
                return

    def apply(self, case: CaseRow, rows: dict, colleagues, seed: int) -> dict[str, str]:
        handler = case.handler_staff_no
        table = rows["inquiries"]
        table[:] = [r for r in table if (handler, Quarter.of(r["occurred_on"])) not in self.silent]
        rows["flags"][:] = [  # a 过问 mark on the case registers too
            r
            for r in rows["flags"]
            if r["kind"] != "intervention"
            or (handler, Quarter.of(r["flagged_on"])) not in self.silent
        ]
        rng = random.Random(f"{seed}:registrations:{case.case_no}")
        for _quarter, day in self.added.get(case.case_no, ()):
            row = _record(rng, case, day, day, colleagues)
            row["seq"] = max((r["seq"] for r in table), default=0) + 1
            table.append(row)
        mark = self.marks.get(case.case_no)
        return {"R7-02": mark} if mark else {}


def _consecutive(quarters: list[Quarter], least: int) -> list[Quarter]:
    """The first ``least`` consecutive quarters among ``quarters`` (sorted) not following
    another of them, or []."""
    for i in range(len(quarters) - least + 1):
        run = quarters[i : i + least]
        if run[0].previous() in quarters:
            continue
        if all(a.next() == b for a, b in itertools.pairwise(run)):
            return run
    return []
