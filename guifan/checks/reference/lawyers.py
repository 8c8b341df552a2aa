"""Rules of category ③: defenders' rights and hearing the parties (RULES-AND-PROCESS.md
§3.4)."""

from __future__ import annotations

from guifan.cases import kinds as K
from guifan.checks.reference.base import Case, Finding, day_of, deadline_rule, rule
from guifan.core.periods import days_deadline, working_days_deadline


# --- (3) 律师权利、听取意见 -------------------------------------------------------------------
@rule("R3-01", categories=K.PROSECUTION_REVIEWS)
def counsel_notice(case: Case) -> list[Finding]:
    if case.stage != K.Stage.PROSECUTION_REVIEW:
        return []
    limit = days_deadline(case["accept_date"], 3, case.cal, custody=False)
    told = [
        day_of(n["notified_at"])
        for n in case.of("notices")
        if n["party"] == "suspect" and "辩护" in (n["matter"] or "")
    ]
    first = min(told) if told else None
    if case.late(first, limit):
        return [{"deadline": limit, "actual": first}]
    return []


@rule("R3-05", "lawyer_requests")
def file_review(case: Case) -> list[Finding]:
    cal = case.cal
    return deadline_rule(case.of("lawyer_requests"), "submitted_at", "responded_at",
                          lambda t: working_days_deadline(t, 3, cal), case,
                          when=lambda r: r["kind"] == "file_review")  # fmt: skip


@rule("R3-08", "lawyer_requests")
def change_of_measure(case: Case) -> list[Finding]:
    cal = case.cal
    requests = [r for r in case.of("lawyer_requests") if r["kind"] == "change_measure"]
    found = deadline_rule(requests, "submitted_at", "responded_at",
                           lambda t: days_deadline(t, 3, cal, custody=False), case)  # fmt: skip
    for r in requests:
        if "不同意" in (r["result"] or "") and not (r["written_reason"] or "").strip():
            found.append({"seq": r["seq"], "reason": "missing"})
    return found


@rule("R3-12", "opinions")
def opinion_not_attached(case: Case) -> list[Finding]:
    return [
        {"seq": o["seq"]}
        for o in case.of("opinions")
        if o["written_opinion_received"] and not o["attached_to_file"]
    ]


@rule("R3-13", "suspects", K.PROSECUTION_REVIEWS)
def not_interrogated(case: Case) -> list[Finding]:
    close = case["close_date"]
    if case.stage != K.Stage.PROSECUTION_REVIEW or close is None:
        return []
    accept = case["accept_date"]
    questioned = {
        r["suspect_seq"]
        for r in case.of("interrogations")
        if accept <= day_of(r["start_at"]) <= close
    }
    return [{"suspect": s["seq"]} for s in case.of("suspects") if s["seq"] not in questioned]
