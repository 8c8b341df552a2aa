"""Rules of categories ④ and ⑥: coercive measures, periods of review, seized property, and
nothing done before 立案 (RULES-AND-PROCESS.md §3.5, §3.7)."""

from __future__ import annotations

from datetime import date, timedelta

from guifan.cases import kinds as K
from guifan.checks.reference.base import (
    CUSTODY,
    Case,
    Finding,
    Row,
    day_of,
    deadline_rule,
    hours_rule,
    local,
    rule,
)
from guifan.core.periods import days_deadline, months_deadline


def _ours(case: Case, kinds=CUSTODY) -> list[Row]:
    """Detentions and arrests this procuratorate carried out: in its own investigations."""
    if case["category"] != "职务犯罪立案侦查":
        return []
    return [m for m in case.of("measures") if m["kind"] in kinds and m["executed_at"]]


@rule("R4-01", "measures")
def custody_family(case: Case) -> list[Finding]:
    return hours_rule(case, _ours(case))


@rule("R4-02", "measures")
def custody_interrogation(case: Case) -> list[Finding]:
    found = []
    for m in _ours(case):
        executed = local(m["executed_at"])
        limit = executed + timedelta(hours=24)
        after = [
            local(r["start_at"])
            for r in case.of("interrogations")
            if r["suspect_seq"] == m["suspect_seq"] and local(r["start_at"]) >= executed
        ]
        first = min(after) if after else None
        if (first is None and case.as_of > limit.date()) or (first is not None and first > limit):
            found.append({"seq": m["seq"], "deadline": limit, "actual": first})
    return found


@rule("R4-03", "measures")
def detention_length(case: Case) -> list[Finding]:
    """A self-investigation detention ends in an arrest decision or release within 14 days
    (17 with an extension), a custody period that does not roll over."""
    found = []
    extended = any(e["kind"] == "detention" for e in case.of("extensions"))
    for m in _ours(case, ("detention",)):
        executed = local(m["executed_at"])
        limit = days_deadline(executed, 17 if extended else 14, case.cal, custody=True)
        arrests = [
            local(a["decided_at"])
            for a in case.of("measures")
            if a["kind"] == "arrest"
            and a["suspect_seq"] == m["suspect_seq"]
            and a["decided_at"] is not None
            and local(a["decided_at"]) >= executed
        ]
        decided = min(arrests) if arrests else local(m["ended_at"])
        if case.late(decided, limit):
            found.append({"seq": m["seq"], "deadline": limit, "actual": day_of(decided)})
    return found


def arrest_review_deadline(case: Case) -> date:
    """7 days with the suspect detained (a custody period: no roll-over), else 15."""
    held = case.held_at_acceptance()
    return days_deadline(case["accept_date"], 7 if held else 15, case.cal, custody=held)


@rule("R4-05", categories=K.ARREST_REVIEWS)
def arrest_review_period(case: Case) -> list[Finding]:
    if case.stage != K.Stage.ARREST_REVIEW:
        return []
    held = case.held_at_acceptance()
    limit = arrest_review_deadline(case)
    if case.late(case["close_date"], limit):
        return [{"deadline": limit, "actual": case["close_date"], "detained": held}]
    return []


def _last_start(case: Case):
    """Where the 审查起诉 period last started: acceptance, or the case's coming back after
    its last return; None while it is out for supplementary investigation."""
    start = case["accept_date"]
    for r in sorted(case.of("returns"), key=lambda r: r["returned_on"]):
        start = r["resubmitted_on"]
        if start is None:
            return None
    return start


def prosecution_review_deadline(case: Case) -> date | None:
    """One month from acceptance or from the case's coming back after a return; half a month
    more with the chief's approval (刑诉法2012 第169条、第171条). None while the case is out
    for supplementary investigation."""
    held = case.held_at_acceptance()
    start = _last_start(case)
    if start is None:
        return None
    approved = [e for e in case.of("extensions") if e["kind"] == "prosecution_review"]
    extra = sum(e["days"] or 0 for e in approved if e["approver"] == "chief"
                and day_of(e["approved_on"]) >= start)  # fmt: skip
    return months_deadline(start, 1, case.cal, custody=held, extra_days=min(extra, 15))


@rule("R4-07", categories=K.PROSECUTION_REVIEWS)
def prosecution_review_period(case: Case) -> list[Finding]:
    if case.stage != K.Stage.PROSECUTION_REVIEW:
        return []
    held = case.held_at_acceptance()
    limit = prosecution_review_deadline(case)
    if limit is None:  # out for supplementary investigation now
        return []
    if case.late(case["close_date"], limit):
        return [{"deadline": limit, "actual": case["close_date"], "detained": held}]
    return []


@rule("R4-08", "returns", K.PROSECUTION_REVIEWS)
def returns(case: Case) -> list[Finding]:
    if case.stage != K.Stage.PROSECUTION_REVIEW:
        return []
    held = case.held_at_acceptance()
    rows = sorted(case.of("returns"), key=lambda r: r["returned_on"])
    found = [{"seq": r["seq"], "reason": "third"} for r in rows[2:]]
    for r in rows:
        limit = months_deadline(r["returned_on"], 1, case.cal, custody=held)
        if case.late(r["resubmitted_on"], limit):
            found.append({"seq": r["seq"], "deadline": limit, "actual": r["resubmitted_on"]})
    return found


@rule("R4-11", "properties")
def unrelated_property(case: Case) -> list[Finding]:
    cal = case.cal
    return deadline_rule(case.of("properties"), "found_unrelated_at", "released_at",
                         lambda t: days_deadline(t, 3, cal, custody=False), case)  # fmt: skip


@rule("R4-12", "properties")
def property_custody(case: Case) -> list[Finding]:
    cal = case.cal
    return deadline_rule(case.of("properties"), "seized_at", "handed_to_custody_at",
                         lambda t: days_deadline(t, 3, cal, custody=False), case)  # fmt: skip


def _before_filing(case: Case, moment) -> bool:
    filing = case["filing_date"]
    return filing is None or day_of(moment) < filing


@rule("R4-13", "properties")
def seized_before_filing(case: Case) -> list[Finding]:
    if not case.self_investigation:
        return []
    return [
        {"seq": p["seq"], "filing_date": case["filing_date"], "actual": day_of(p["seized_at"])}
        for p in case.of("properties")
        if p["seized_at"] is not None and _before_filing(case, p["seized_at"])
    ]


@rule("R4-14", "properties")
def unsigned_list(case: Case) -> list[Finding]:
    return [{"seq": p["seq"]} for p in case.of("properties") if not p["list_signed_by_holder"]]


@rule("R6-04", "measures")
def measures_before_filing(case: Case) -> list[Finding]:
    if not case.self_investigation:
        return []
    return [
        {"seq": m["seq"], "filing_date": case["filing_date"]}
        for m in case.of("measures")
        if (m["decided_at"] or m["executed_at"]) is not None
        and _before_filing(case, m["decided_at"] or m["executed_at"])
    ]
