"""Groups of cases planted for the cross-case H rules (``checks.crosscase``: R1-05, R5-03,
R5-04, R8-02), one group each and a near miss beside it.

Plain Python. The groups form as the cases stream by in order of acceptance, so that each
case's events are still made once: a case that fits a group that is still open joins it
(its suspect, lawyer or a complaint is changed or added) and the case that completes the
group carries the mark, because the check attaches its flag to the group's latest record.
The windows and thresholds are the defaults of ``settings.GUIFAN_CROSS_CASE``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from guifan.checks.reference.flags import FAVOURABLE
from guifan.demo.plant import NEAR, VIOLATION, Plan
from guifan.demo.scene import BLANK_ROWS, LAST_DAY

Rows = dict[str, list[dict[str, Any]]]

SPLIT_DAYS = 30  # R5-03: the same suspect and 案由 accepted again within 30 days
YEAR_END_DAYS = 62  # R5-04: a December close and a January acceptance at most this far apart
COMPLAINT_DAYS = 365  # R1-05: two conduct complaints about one handler within 365 days
LAWYER_DAYS, LAWYER_CASES = 365, 5  # R8-02: one lawyer, one handler, 5 cases in 365 days
CONDUCT = "反映办案人员态度生硬"
LAWYERS = {VIOLATION: "欧阳明远", NEAR: "司马文静"}  # names the generator never draws


@dataclass
class _Group:
    """A group being gathered: its first case and its rows, the cases that joined."""

    first: Any
    rows: Rows
    members: list = field(default_factory=list)
    latest: datetime | None = None
    earliest: datetime | None = None


def _suspect(rows: Rows) -> dict | None:
    suspects = [s for s in rows["suspects"] if s["id_no"]]
    return suspects[0] if suspects else None


def _same_person(rows: Rows, group: _Group) -> None:
    suspect, other = _suspect(rows), _suspect(group.rows)
    suspect["id_no"], suspect["name"] = other["id_no"], other["name"]


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(10))


# What a step did with a case: nothing, took it into a group, or completed the group there.
SKIP, JOINED, DONE = 0, 1, 2


class CrossPlanter:
    """Plants, in one stream of cases, a group and a near miss for each cross-case rule;
    ``plant(case, rows)`` changes the case's rows and returns its mark, if any. A case
    takes part in one planting at most, so that groups never overlap."""

    def __init__(self, plans: Mapping[str, Plan]) -> None:
        self.plans = plans
        # (rule, outcome) -> key (案由 or handler) -> the group being gathered
        self.open: dict[tuple[str, str], dict[str, _Group]] = {}
        self.done: set[tuple[str, str]] = set()
        self.complained: str | None = None  # the handler of the R1-05 group

    def plant(self, case, rows: Rows) -> list[tuple[str, str]]:
        steps = (
            ("R5-03", self._split),
            ("R5-04", self._year_end),
            ("R1-05", self._complaints),
            ("R8-02", self._lawyer),
        )
        for rule, step in steps:
            if not self.plans[rule].violation:
                continue
            for outcome in (VIOLATION, NEAR):
                if (rule, outcome) in self.done:
                    continue
                groups = self.open.setdefault((rule, outcome), {})
                result = step(outcome, case, rows, groups)
                if result == DONE:
                    self.done.add((rule, outcome))
                    self.open.pop((rule, outcome))
                    return [(rule, outcome)]
                if result == JOINED:
                    return []
        return []

    def _split(self, outcome: str, case, rows: Rows, groups: dict[str, _Group]) -> int:
        """R5-03: the same suspect in a second case of the same 案由 within 30 days (the
        near miss: 31 days on)."""
        if _suspect(rows) is None:
            return SKIP
        group = groups.get(case.cause)
        gap = (case.accept_date - group.first.accept_date).days if group else None
        if group is None or gap > SPLIT_DAYS + 1:
            groups[case.cause] = _Group(case, rows)
            return JOINED
        wanted = (0 < gap <= SPLIT_DAYS) if outcome == VIOLATION else gap == SPLIT_DAYS + 1
        if not wanted or _year_end_pair(group.first, case):
            return SKIP
        _same_person(rows, group)
        return DONE

    def _year_end(self, outcome: str, case, rows: Rows, groups: dict[str, _Group]) -> int:
        """R5-04: closed in December, the same suspect and 案由 accepted again in January
        (the near miss: closed in late November, the rest alike)."""
        if _suspect(rows) is None:
            return SKIP
        closed = case.close_date
        if closed and (closed.month, closed.day >= 20) == (
            12 if outcome == VIOLATION else 11,
            True,
        ):
            groups.setdefault(case.cause, _Group(case, rows))
            return JOINED if groups[case.cause].first is case else SKIP
        group = groups.get(case.cause)
        if group is None or case.accept_date.month != 1:
            return SKIP
        after_close = (case.accept_date - group.first.close_date).days
        after_accept = (case.accept_date - group.first.accept_date).days
        if not 0 < after_close <= YEAR_END_DAYS or after_accept <= SPLIT_DAYS + 1:
            return SKIP
        _same_person(rows, group)
        return DONE

    def _complaints(self, outcome: str, case, rows: Rows, groups: dict[str, _Group]) -> int:
        """R1-05: two complaints of conduct about one handler within 365 days (the near
        miss: 366 days apart, about another handler)."""
        handler = case.handler_staff_no
        group = groups.get("")
        if group is None:
            received = case.accept_date + timedelta(days=5)
            if received > LAST_DAY - timedelta(days=500) or handler == self.complained:
                return SKIP
            groups[""] = _Group(case, rows, latest=_moment(received))
            self.complained = self.complained or handler
            _complain(rows, case, received)
            return JOINED
        if handler != group.first.handler_staff_no:
            return SKIP
        first = group.latest.date()
        if outcome == VIOLATION:
            received = max(case.accept_date, first + timedelta(days=1)) + timedelta(days=5)
            fits = (received - first).days <= COMPLAINT_DAYS
        else:
            received = first + timedelta(days=COMPLAINT_DAYS + 1)
            fits = case.accept_date <= received
        if not fits:
            return SKIP
        _complain(rows, case, received)
        return DONE

    def _lawyer(self, outcome: str, case, rows: Rows, groups: dict[str, _Group]) -> int:
        """R8-02: one lawyer in five cases of one handler within 365 days, every one closed
        in the suspect's favour (不诉, 不捕 …: a rate far above any unit's mean); the near
        miss: five cases alike, all closed against the suspect (a rate of 0%)."""
        if not case.close_type or (case.close_type in FAVOURABLE) != (outcome == VIOLATION):
            return SKIP
        if not rows["lawyer_requests"]:
            if case.close_date <= case.accept_date:
                return SKIP
            _read_file(rows, case)
        requests = rows["lawyer_requests"]
        group = groups.setdefault(case.handler_staff_no, _Group(case, rows))
        times = [r["submitted_at"] for r in requests]
        earliest = min([*times, group.earliest or min(times)])
        if group.latest and max(times) < group.latest:
            return SKIP  # the group's latest request must be in the case that completes it
        if (max(times) - earliest).days >= LAWYER_DAYS:
            return SKIP
        for row in requests:
            row["lawyer_name"] = LAWYERS[outcome]
        group.members.append(case.case_no)
        group.latest, group.earliest = max(times), earliest
        return DONE if len(group.members) == LAWYER_CASES else JOINED


def _year_end_pair(first, case) -> bool:
    """Would the pair also look like a year-end close and reopening (R5-04)?"""
    closed = first.close_date
    return (
        closed is not None
        and closed.month == 12
        and case.accept_date.month == 1
        and 0 < (case.accept_date - closed).days <= YEAR_END_DAYS
    )


def _read_file(rows: Rows, case) -> None:
    """A lawyer's request to read the file the day after acceptance, arranged within the
    hour (R3-05 holds); the planter names the lawyer."""
    submitted = _moment(case.accept_date + timedelta(days=1))
    rows["lawyer_requests"].append(
        {"case_no": case.case_no, "seq": 1, **BLANK_ROWS["lawyer_requests"]}
        | {"kind": "阅卷", "submitted_at": submitted, "result": "已安排"}
        | {"responded_at": submitted + timedelta(hours=1)}
    )


def _complain(rows: Rows, case, received: date) -> None:
    """A conduct complaint answered in time (R1-01, R1-02 hold)."""
    table = rows["complaints"]
    table.append(
        {
            "case_no": case.case_no,
            "seq": max((r["seq"] for r in table), default=0) + 1,
            "received_at": _moment(received),
            "procedural_reply_at": _moment(received + timedelta(days=2)),
            "result_reply_at": _moment(received + timedelta(days=30)),
            "topic": CONDUCT,
        }
    )
