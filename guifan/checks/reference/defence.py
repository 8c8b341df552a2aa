"""R3-15: the defence lawyer told of each major procedural decision (重大程序性决定) in time
(RULES-AND-PROCESS.md §3.4).

高检规则2012 第288条 (移送审查起诉) and 第328条 (报请逮捕), 高检规则2019 第47条 (退回补充侦查,
改变管辖, 提起公诉) and the 2015 两高三部 rules on lawyers' rights (采取、变更强制措施, 延长
羁押期限) ask the procuratorate to tell the defender. The office's setting ``notify_days``
(GUIFAN_CHECKS_NOTIFY_DAYS, default 3) is the period: the day of the decision not counted,
rolled over a rest day (nobody is held by a notice). A decision needs a notice once a
defender is on the register (辩护人, ``defenders``) on or before its day; the notice is one to
the defender (告知对象 辩护人) whose 告知事项 names the decision (``DECISIONS``), told on or
after the decision's day.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from guifan.checks.reference.base import Case, Finding, day_of, rule
from guifan.core.periods import days_deadline

NOTIFY_DAYS = 3  # the default; a run uses settings.GUIFAN_CHECKS_NOTIFY_DAYS (notify_days)

# A decision's name and the words of a 告知事项 that tell of it.
RETURN = ("退回补充侦查", ("退回补充侦查", "退补"))
EXTENSION = ("延长期限", ("延长",))
TRANSFERS = {
    "prosecution": ("移送审查起诉", ("移送审查起诉", "移送起诉")),
    "arrest_report": ("报请逮捕", ("报请逮捕", "报请审查逮捕")),
    "jurisdiction": ("改变管辖", ("改变管辖", "移送管辖")),
}
INDICTMENT = ("提起公诉", ("提起公诉", "起诉书"))
MEASURE = ("变更强制措施", ("强制措施",))
INDICTED = "起诉"  # the 结案方式 of a case sent to court


@contextmanager
def notify_days(days: int) -> Iterator[None]:
    """The office's period for the duration of a run (the workers inherit it)."""
    global NOTIFY_DAYS
    before, NOTIFY_DAYS = NOTIFY_DAYS, days
    try:
        yield
    finally:
        NOTIFY_DAYS = before


def decisions(case: Case) -> list[tuple[date, str, tuple[str, ...]]]:
    """(day, name, words) of every major procedural decision of the case, from acceptance."""
    found = [(r["returned_on"], *RETURN) for r in case.of("returns")]
    found += [(e["approved_on"], *EXTENSION) for e in case.of("extensions")]
    found += [
        (day_of(t["transferred_at"]), *TRANSFERS[t["kind"]])
        for t in case.of("transfers")
        if t["kind"] in TRANSFERS
    ]
    if case["close_type"] == INDICTED and case["close_date"] is not None:
        found.append((case["close_date"], *INDICTMENT))
    found += [(day, *MEASURE) for day in _measure_changes(case)]
    accepted = case["accept_date"]
    return sorted(d for d in found if d[0] is not None and (accepted is None or d[0] >= accepted))


def _measure_changes(case: Case) -> list[date]:
    """The days a suspect's measure was changed: each measure decided after the suspect's
    first one in the case."""
    seen: set = set()
    days = []
    measures = [m for m in case.of("measures") if m["decided_at"] is not None]
    for m in sorted(measures, key=lambda m: m["decided_at"]):
        who = m["suspect_seq"]
        if who is not None and who in seen:
            days.append(day_of(m["decided_at"]))
        seen.add(who)
    return days


@rule("R3-15", "defenders")
def defender_told(case: Case) -> list[Finding]:
    engaged = min((d["engaged_on"] for d in case.of("defenders")), default=None)
    if engaged is None:
        return []
    told = [
        (day_of(n["notified_at"]), n["matter"] or "")
        for n in case.of("notices")
        if n["party"] == "defender" and n["notified_at"] is not None
    ]
    found = []
    for day, name, words in decisions(case):
        if day < engaged:
            continue
        limit = days_deadline(day, NOTIFY_DAYS, case.cal, custody=False)
        after = [t for t, matter in told if t >= day and any(w in matter for w in words)]
        first = min(after) if after else None
        if case.late(first, limit):
            found.append(
                {"reason": f"{name} {day.isoformat()}", "deadline": limit, "actual": first}
            )
    return found
