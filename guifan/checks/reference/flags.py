"""Type H rules: patterns a person must look at (RULES-AND-PROCESS.md §3). Each gives a flag
for review (待核实, 人工复核), never a decision: the catalog marks the rule H, the finding is
pending until the office confirms or dismisses it. Only the H rules whose trigger lies within
one case are here: those comparing cases or people are in ``checks.crosscase`` (R1-05,
R5-03, R5-04, R7-02, R7-03, R8-02, R8-03), and those needing records no import kind holds
(R4-16, R6-06) are not."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from guifan.checks.reference.base import Case, Finding, day_of, local, rule
from guifan.core.periods import months_deadline

NIGHT = (time(22), time(6))
LONG_AT_NIGHT = timedelta(hours=4)
LONG_IN_A_DAY = timedelta(hours=12)
BACKDATED_DAYS = 3
EVE_DAYS = 2  # a return this close to the end of the review period
AFTER_INTERVENTION = 30
FAVOURABLE = frozenset({"不批准逮捕", "决定不予逮捕", "不起诉", "附条件不起诉", "撤销案件"})


def _at_night(start: datetime, end: datetime) -> bool:
    """Whether [start, end] reaches into 22:00–06:00 of any night."""
    day = start.date() - timedelta(days=1)
    while day <= end.date():
        night = datetime.combine(day, NIGHT[0])
        morning = datetime.combine(day + timedelta(days=1), NIGHT[1])
        if start < morning and end > night:
            return True
        day += timedelta(days=1)
    return False


@rule("R1-04", "interrogations")
def long_interrogation(case: Case) -> list[Finding]:
    """An interrogation over 4 hours reaching into the night, or a suspect interrogated more
    than 12 hours within 24 (刑诉法2012 第117条: 保证饮食和必要的休息时间)."""
    spans = [
        (r, local(r["start_at"]), local(r["end_at"]))
        for r in case.of("interrogations")
        if r["end_at"] is not None
    ]
    found = []
    for r, start, end in spans:
        if end - start > LONG_AT_NIGHT and _at_night(start, end):
            found.append({"seq": r["seq"], "reason": "night"})
            continue
        window = start + timedelta(hours=24)
        total = sum(
            (min(e, window) - s for o, s, e in spans
             if o["suspect_seq"] == r["suspect_seq"] and start <= s < window),
            timedelta(),
        )  # fmt: skip
        if total > LONG_IN_A_DAY:
            found.append({"seq": r["seq"], "reason": "day"})
    return found


@rule("R5-02", "documents")
def backdated(case: Case) -> list[Finding]:
    """A document generated in the system more than 3 days after the date it bears."""
    return [
        {"seq": d["seq"], "reason": "backdated", "sign_date": d["sign_date"],
         "generated": day_of(d["generated_at"])}
        for d in case.of("documents")
        if d["sign_date"] is not None and d["generated_at"] is not None
        and (day_of(d["generated_at"]) - d["sign_date"]).days > BACKDATED_DAYS
    ]  # fmt: skip


@rule("R5-07", "returns")
def return_on_the_eve(case: Case) -> list[Finding]:
    """A return for supplementary investigation made in the last 2 days of the review
    period, which restarts the period (刑诉法2012 第171条): read the 补充侦查提纲."""
    held = case.held_at_acceptance()
    start, found = case["accept_date"], []
    for r in sorted(case.of("returns"), key=lambda r: r["returned_on"]):
        limit = months_deadline(start, 1, case.cal, custody=held)
        if 0 <= (limit - r["returned_on"]).days <= EVE_DAYS:
            found.append({"seq": r["seq"], "reason": "eve", "period_end": limit})
        if r["resubmitted_on"] is None:
            break
        start = r["resubmitted_on"]
    return found


@rule("R8-01", "flags")
def favour_after_intervention(case: Case) -> list[Finding]:
    """A decision in the suspect's favour within 30 days after someone asked about the case
    (过问干预登记)."""
    close = case["close_date"]
    flags = [f["flagged_on"] for f in case.of("flags") if f["kind"] == "intervention"]
    if close is None or case["close_type"] not in FAVOURABLE:
        return []
    return [
        {"reason": "favour", "flagged_on": flagged, "closed": close}
        for flagged in sorted(flags)[:1]
        if flagged <= close <= flagged + timedelta(days=AFTER_INTERVENTION)
    ]


@rule("R6-05", "properties")
def enterprise_assets(case: Case) -> list[Finding]:
    """An enterprise's 基本户 or production equipment seized, frozen or sealed (2010 规定第6条:
    尽量不影响单位正常经营): whether it had to be is for a person to weigh."""
    return [
        {"seq": p["seq"], "reason": f"enterprise_{p['enterprise_asset']}"}
        for p in case.of("properties")
        if p.get("enterprise_asset")
    ]
