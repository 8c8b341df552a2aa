"""The process rules judged one case at a time, in plain Python (no Django): the case as
the rules see it, the registry of rules and the helpers they share.

This is the readable statement of what each automated rule decides: the set-based engine
must find exactly what this module finds, the demo generator is tested against it (a case
breaks a rule only where a violation was planted), and the checks benchmark uses it as the
per-case baseline. A case is a dict of the case columns, its events are dicts keyed by the
import specs' field names with the stored codes (``rsdl``, ``detention_centre`` …).

Periods follow ``guifan.core.periods``: the start day is not counted, a last day on a rest
day rolls over except for custody periods, working-day periods count working days. Things
not done yet are late only once their period has ended on ``as_of``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from guifan.cases import kinds as K
from guifan.core.periods import Calendar

Row = Mapping[str, Any]
CUSTODY = ("detention", "arrest")
TOLERANCE = timedelta(minutes=2)
DAY = timedelta(days=1)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(moment: datetime | date | None):
    """A stored moment as local wall-clock time (aware values are converted)."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment.astimezone(SHANGHAI).replace(tzinfo=None)
    return moment


def day_of(moment: datetime | date | None) -> date | None:
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(SHANGHAI)
        return moment.date()
    return moment


@dataclass
class Case:
    """One case and its events, as the rules see them."""

    fields: Row
    rows: Mapping[str, Sequence[Row]]
    as_of: date
    cal: Calendar
    # Settings of the rules that have them ({code: {name: value}}); absent, the default.
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.fields.get(name)

    def param(self, code: str, name: str, default: Any) -> Any:
        return self.params.get(code, {}).get(name, default)

    def of(self, kind: str) -> Sequence[Row]:
        return self.rows.get(kind, ())

    @property
    def self_investigation(self) -> bool:
        return bool(self["is_self_investigation"])

    @property
    def stage(self) -> str:
        return STAGES.get(self["category"], "")

    def late(self, done: datetime | date | None, deadline: date) -> bool:
        """Done after the deadline day, or not done and the deadline has passed."""
        if done is None:
            return self.as_of > deadline
        return day_of(done) > deadline

    def held_at_acceptance(self) -> bool:
        """Whether a suspect was detained or arrested when the case was accepted."""
        accept = self["accept_date"]
        for m in self.of("measures"):
            if m["kind"] not in CUSTODY or m["executed_at"] is None:
                continue
            ended = day_of(m["ended_at"])
            if day_of(m["executed_at"]) <= accept and (ended is None or ended >= accept):
                return True
        return False


Finding = dict[str, Any]
# The 诉讼阶段 of each case category (the first kind naming it, as K.KINDS lists them).
STAGES = {kind.category: kind.stage for kind in reversed(K.KINDS)}
RULES: dict[str, Callable[[Case], list[Finding]]] = {}
# The event table a rule looks through: a case without a row there cannot break it.
READS: dict[str, str] = {}
# The case categories a rule applies to (None: any).
CATEGORIES: dict[str, frozenset[str]] = {}


def rule(code: str, reads: str = "", categories: frozenset[str] | None = None):
    def register(fn: Callable[[Case], list[Finding]]):
        RULES[code] = fn
        if reads:
            READS[code] = reads
        if categories is not None:
            CATEGORIES[code] = categories
        return fn

    return register


Plan = tuple[list[tuple[str, Callable]], dict[str, list[tuple[str, Callable]]]]


@cache
def _plan(codes: tuple[str, ...], category: str | None) -> Plan:
    """The rules of ``codes`` that cover ``category``: those reading the case itself, and
    the others by the table they read (each in ``codes`` order)."""
    always: list[tuple[str, Callable]] = []
    by_table: dict[str, list[tuple[str, Callable]]] = {}
    for code in codes:
        if code not in RULES:  # decided elsewhere (cross-case, unit-level)
            continue
        if code in CATEGORIES and category not in CATEGORIES[code]:
            continue
        table = READS.get(code)
        group = always if table is None else by_table.setdefault(table, [])
        group.append((code, RULES[code]))
    return always, by_table


def check_case(case: Case, codes: Sequence[str] | None = None) -> dict[str, list[Finding]]:
    """The rules the case breaks, each with the facts of every breach. A rule is not called
    where the case has no row in the table it reads, or is not of a category it covers."""
    found = {}
    always, by_table = _plan(tuple(codes or RULES), case.fields.get("category"))
    rows = case.rows
    for code, fn in always:
        if facts := fn(case):
            found[code] = facts
    for table, present in rows.items():
        if not present or table not in by_table:
            continue
        for code, fn in by_table[table]:
            if facts := fn(case):
                found[code] = facts
    return found


def deadline_rule(rows, start: str, done: str, deadline: Callable[[Any], date], case: Case,
                   when: Callable[[Row], bool] = lambda row: True) -> list[Finding]:  # fmt: skip
    found = []
    for row in rows:
        if row[start] is None or not when(row):
            continue
        limit = deadline(row[start])
        if case.late(row[done], limit):
            found.append({"seq": row["seq"], "deadline": limit, "actual": day_of(row[done])})
    return found


def hours_rule(case: Case, measures, hours: int = 24) -> list[Finding]:
    """Families told within ``hours`` of the measure's execution."""
    found = []
    for m in measures:
        limit = local(m["executed_at"]) + timedelta(hours=hours)
        told = local(m["family_notified_at"])
        if (told is None and case.as_of > limit.date()) or (told is not None and told > limit):
            found.append({"seq": m["seq"], "deadline": limit, "actual": told})
    return found
