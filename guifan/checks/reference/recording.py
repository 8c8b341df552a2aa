"""Rules of categories ① and ②: answering the public; recording interrogations and the
conditions of 指定居所监视居住 (RULES-AND-PROCESS.md §3.2–3.3)."""

from __future__ import annotations

from datetime import date

from guifan.checks.reference.base import (
    CUSTODY,
    TOLERANCE,
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

RSDL_FORBIDDEN = frozenset({"detention_centre", "custody", "prison", "holding_room",
                            "interrogation_room", "office"})  # fmt: skip


# --- (1) 司法作风 ---------------------------------------------------------------------------
@rule("R1-01", "complaints")
def complaint_reply(case: Case) -> list[Finding]:
    cal = case.cal
    return deadline_rule(case.of("complaints"), "received_at", "procedural_reply_at",
                          lambda t: days_deadline(t, 7, cal, custody=False), case)  # fmt: skip


# --- (2) 同步录音录像、指定居所监视居住 ----------------------------------------------------------
@rule("R2-01", "interrogations")
def not_recorded(case: Case) -> list[Finding]:
    if not case.self_investigation:
        return []
    return [{"seq": r["seq"]} for r in case.of("interrogations") if not r["av_recorded"]]


@rule("R2-02", "interrogations")
def recording_gaps(case: Case) -> list[Finding]:
    found = []
    for r in case.of("interrogations"):
        if not r["av_recorded"] or r["av_start_at"] is None:
            continue
        late_start = local(r["av_start_at"]) > local(r["start_at"]) + TOLERANCE
        early_end = r["end_at"] and local(r["av_end_at"]) < local(r["end_at"]) - TOLERANCE
        if late_start or early_end:
            found.append({"seq": r["seq"]})
    return found


@rule("R2-03", "av_interruptions")
def unapproved_breaks(case: Case) -> list[Finding]:
    return [
        {"seq": r["seq"], "interrogation": r["interrogation_seq"]}
        for r in case.of("av_interruptions")
        if not (r["approved_by_chief"] and r["noted_in_transcript"])
    ]


@rule("R2-04", "interrogations")
def single_interrogator(case: Case) -> list[Finding]:
    return [
        {"seq": r["seq"]}
        for r in case.of("interrogations")
        if len([p for p in (r["interrogators"] or "").split(",") if p]) < 2
    ]


@rule("R2-05", "interrogations")
def outside_detention_centre(case: Case) -> list[Finding]:
    found = []
    holds = [m for m in case.of("measures") if m["kind"] in CUSTODY and m["executed_at"]]
    holds = [m for m in holds if m["place_type"] == "detention_centre"]
    for r in case.of("interrogations"):
        start = local(r["start_at"])
        held = any(
            m["suspect_seq"] == r["suspect_seq"]
            and local(m["executed_at"]) <= start
            and (m["ended_at"] is None or start < local(m["ended_at"]))
            for m in holds
        )
        if held and r["location_type"] != "detention_centre":
            found.append({"seq": r["seq"]})
    return found


@rule("R2-06", "transfers")
def transfer_without_recordings(case: Case) -> list[Finding]:
    if not case.self_investigation or not any(r["av_recorded"] for r in case.of("interrogations")):
        return []
    return [
        {"seq": t["seq"]}
        for t in case.of("transfers")
        if t["kind"] == "prosecution" and not t["with_recordings"]
    ]


def _rsdl(case: Case) -> list[Row]:
    return [m for m in case.of("measures") if m["kind"] == "rsdl" and m["executed_at"]]


@rule("R2-09", "measures")
def rsdl_place(case: Case) -> list[Finding]:
    return [{"seq": m["seq"]} for m in _rsdl(case) if m["place_type"] in RSDL_FORBIDDEN]


@rule("R2-10", "measures")
def rsdl_family(case: Case) -> list[Finding]:
    return hours_rule(case, _rsdl(case))


@rule("R2-11", "measures")
def rsdl_reviews(case: Case) -> list[Finding]:
    found = []
    for m in _rsdl(case):
        reviews = sorted(
            date.fromisoformat(d) for d in (m["necessity_reviews"] or "").split(";") if d
        )
        end = day_of(m["ended_at"]) or case.as_of
        last = day_of(m["executed_at"])
        for point in [*reviews, end]:
            limit = months_deadline(last, 2, case.cal, custody=False)
            if point > limit:
                found.append({"seq": m["seq"], "deadline": limit, "actual": point})
                break
            last = point
    return found


@rule("R2-13", "measures")
def rsdl_fee(case: Case) -> list[Finding]:
    return [{"seq": m["seq"]} for m in _rsdl(case) if m["fee_charged"]]
