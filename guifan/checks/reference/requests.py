"""Rules on answering people in time: complaints, victims, legal aid and the requests of
defence lawyers (RULES-AND-PROCESS.md §3.2, §3.4)."""

from __future__ import annotations

from guifan.cases import kinds as K
from guifan.checks.reference.base import Case, Finding, Row, day_of, deadline_rule, rule
from guifan.core.periods import days_deadline, months_deadline

REFUSED = ("不同意", "不予", "不许可", "驳回")
DEFENDERS = ("辩护人", "辩护律师", "律师")  # 听取对象 naming the defence


def _refused(result: str | None) -> bool:
    return any(word in (result or "") for word in REFUSED)


def _requests(case: Case, kind: str) -> list[Row]:
    return [r for r in case.of("lawyer_requests") if r["kind"] == kind]


def _answered_in(case: Case, kind: str, days: int) -> list[Finding]:
    """Requests of ``kind`` answered within ``days`` days (rolled over a rest day)."""
    cal = case.cal
    return deadline_rule(_requests(case, kind), "submitted_at", "responded_at",
                         lambda t: days_deadline(t, days, cal, custody=False), case)  # fmt: skip


def _reasons_given(case: Case, *kinds: str) -> list[Finding]:
    """A refusal of a request of ``kinds`` gives its reasons in writing."""
    return [
        {"seq": r["seq"], "reason": "unreasoned"}
        for r in case.of("lawyer_requests")
        if r["kind"] in kinds and _refused(r["result"]) and not (r["written_reason"] or "").strip()
    ]


@rule("R1-02", "complaints")
def complaint_result(case: Case) -> list[Finding]:
    cal = case.cal
    return deadline_rule(case.of("complaints"), "received_at", "result_reply_at",
                         lambda t: months_deadline(t, 3, cal, custody=False), case)  # fmt: skip


@rule("R3-02", categories=K.PROSECUTION_REVIEWS)
def victim_notice(case: Case) -> list[Finding]:
    """审查起诉 of a crime with a victim: the victim told within 3 days of the right to an
    agent (刑诉法2012 第44条)."""
    if case.stage != K.Stage.PROSECUTION_REVIEW or case["cause"] not in K.VICTIM_CRIMES:
        return []
    limit = days_deadline(case["accept_date"], 3, case.cal, custody=False)
    told = [day_of(n["notified_at"]) for n in case.of("notices") if n["party"] == "victim"]
    first = min(told) if told else None
    if case.late(first, limit):
        return [{"deadline": limit, "actual": first}]
    return []


def _needs_aid(suspect: Row) -> bool:
    return bool(suspect["blind_deaf_mute"] or suspect["mental_illness_partial"]
                or suspect["possible_life_or_death"])  # fmt: skip


@rule("R3-03", "suspects", K.PROSECUTION_REVIEWS)
def legal_aid(case: Case) -> list[Finding]:
    """审查起诉: a suspect who is blind, deaf or mute, partly mentally ill or facing life or
    death has a defender; with no lawyer in the case and no 法律援助 asked for within 3 days
    of acceptance, the aid was not arranged (刑诉法2012 第34条, 高检规则2012 第41条)."""
    if case.stage != K.Stage.PROSECUTION_REVIEW:
        return []
    if case.of("lawyer_requests") or any("法律援助" in (n["matter"] or "")
                                         for n in case.of("notices")):  # fmt: skip
        return []
    limit = days_deadline(case["accept_date"], 3, case.cal, custody=False)
    if case.as_of <= limit:
        return []
    return [{"suspect": s["seq"], "deadline": limit}
            for s in case.of("suspects") if _needs_aid(s)]  # fmt: skip


@rule("R3-04", "lawyer_requests")
def legal_aid_request(case: Case) -> list[Finding]:
    return _answered_in(case, "legal_aid", 3)


@rule("R3-06", "lawyer_requests")
def meeting_answer(case: Case) -> list[Finding]:
    if not case["is_major_bribery"]:
        return []
    return _answered_in(case, "meeting", 3)


@rule("R3-07", "lawyer_requests")
def meeting_before_end(case: Case) -> list[Finding]:
    """特别重大贿赂: a lawyer who asked to meet the suspect is allowed to before the
    investigation ends (高检规则2012 第46条第3款)."""
    close = case["close_date"]
    if not case["is_major_bribery"] or case.stage != K.Stage.INVESTIGATION or close is None:
        return []
    asked = _requests(case, "meeting")
    granted = [
        r for r in asked
        if r["responded_at"] and day_of(r["responded_at"]) <= close
        and not _refused(r["result"]) and "许可" in (r["result"] or "")
    ]  # fmt: skip
    if asked and not granted:
        return [{"seq": asked[0]["seq"], "deadline": close}]
    return []


@rule("R3-09", "lawyer_requests")
def victim_evidence(case: Case) -> list[Finding]:
    return _answered_in(case, "victim_evidence", 7) + _reasons_given(case, "victim_evidence")


@rule("R3-10", "lawyer_requests")
def evidence_refused(case: Case) -> list[Finding]:
    """Refusing to obtain or collect evidence for the defence gives reasons in writing
    (高检规则2012 第52条). The 3 days after the police hand the evidence over need the
    hand-over's date, which no import kind records."""
    return _reasons_given(case, "obtain_evidence", "collect_evidence")


@rule("R3-11", "lawyer_requests")
def not_heard(case: Case) -> list[Finding]:
    """A defender who asked to be heard was heard before the case closed."""
    close = case["close_date"]
    if close is None:
        return []
    heard = [
        day_of(o["heard_at"])
        for o in case.of("opinions")
        if o["heard_at"] is not None and o["heard_party"] in DEFENDERS
    ]
    found = []
    for r in _requests(case, "be_heard"):
        asked = day_of(r["submitted_at"])
        if asked <= close and not any(asked <= h <= close for h in heard):
            found.append({"seq": r["seq"], "deadline": close})
    return found


@rule("R3-14", "lawyer_requests")
def lawyer_complaint(case: Case) -> list[Finding]:
    return _answered_in(case, "complaint", 10)
