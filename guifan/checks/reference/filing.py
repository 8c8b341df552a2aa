"""Rules on a case's own course: reporting a self-investigation upward, not leaving it open,
what happens to seized property when the case ends, and civil supervision's three months
(RULES-AND-PROCESS.md §3.5, §3.7, §3.9)."""

from __future__ import annotations

from guifan.checks.reference.base import Case, Finding, day_of, rule
from guifan.core.periods import days_deadline, months_deadline

# How long a case dropped (撤销案件) may keep seized property undealt with (高检规则2012 第295条).
DROPPED_DAYS = 30
INVESTIGATION = "职务犯罪立案侦查"
WITHDRAWN_DAYS = 30
NO_PROSECUTION = "不起诉决定书"
CIVIL_SUPERVISION = frozenset({"生效裁判监督", "执行监督"})


@rule("R4-15", "properties")
def property_after_ending(case: Case) -> list[Finding]:
    """Property is released when the decision not to prosecute is made (the same day,
    刑诉法2012 第173条第3款) and dealt with within 30 days of dropping a case."""
    close, how = case["close_date"], case["close_type"]
    if close is None or how not in ("不起诉", "撤销案件"):
        return []
    if how == "不起诉":
        limit = close
    else:
        limit = days_deadline(close, DROPPED_DAYS, case.cal, custody=False)
    found = []
    for p in case.of("properties"):
        if p["seized_at"] is None:
            continue
        done = [day_of(t) for t in (p["released_at"], p["disposed_at"]) if t is not None]
        dealt = min(done) if done else None
        if case.late(dealt, limit):
            found.append({"seq": p["seq"], "deadline": limit, "actual": dealt})
    return found


@rule("R8-04", "properties")
def disposal_unapproved(case: Case) -> list[Finding]:
    """Property released or disposed of only by decision of the chief (高检规则2012 第299条)."""
    return [
        {"seq": p["seq"]}
        for p in case.of("properties")
        if (p["released_at"] or p["disposed_at"]) is not None and not p["approved_by_chief"]
    ]


@rule("R6-03", categories=frozenset({INVESTIGATION}))
def filing_record(case: Case) -> list[Finding]:
    """A self-investigation 立案 is reported to the upper procuratorate for the record within
    3 days (高检规则2012 第183条)."""
    filed = case["filing_date"]
    if case["category"] != INVESTIGATION or filed is None:
        return []
    limit = days_deadline(filed, 3, case.cal, custody=False)
    sent = [day_of(t["transferred_at"]) for t in case.of("transfers")
            if t["kind"] == "filing_record" and day_of(t["transferred_at"]) >= filed]  # fmt: skip
    first = min(sent) if sent else None
    if case.late(first, limit):
        return [{"deadline": limit, "actual": first}]
    return []


@rule("R6-08", categories=CIVIL_SUPERVISION)
def civil_supervision(case: Case) -> list[Finding]:
    """A 生效裁判监督 or 执行监督 case is concluded within three months of acceptance
    (民事诉讼监督规则 2013 第56条, both paragraphs)."""
    if case["category"] not in CIVIL_SUPERVISION:
        return []
    limit = months_deadline(case["accept_date"], 3, case.cal, custody=False)
    if case.late(case["close_date"], limit):
        return [{"deadline": limit, "actual": case["close_date"]}]
    return []


@rule("R6-09", categories=frozenset({INVESTIGATION}))
def investigation_left_open(case: Case) -> list[Finding]:
    """A self-investigation with nobody under a coercive measure is sent on or dropped within
    two years of 立案 (高检规则2012 第301条)."""
    filed = case["filing_date"]
    if case["category"] != INVESTIGATION or filed is None or case.of("measures"):
        return []
    limit = months_deadline(filed, 24, case.cal, custody=False)
    if case.late(case["close_date"], limit):
        return [{"deadline": limit, "actual": case["close_date"]}]
    return []


@rule("R5-06", "judgments")
def no_decision_after_withdrawal(case: Case) -> list[Finding]:
    """After the court allows a prosecution to be withdrawn, a decision not to prosecute
    within 30 days (高检规则2012 第459条). A decision to investigate anew is not an import
    kind: such a case is flagged and the person deciding sees why."""
    decisions = [d["sign_date"] for d in case.of("documents")
                 if NO_PROSECUTION in (d["doc_type"] or "") and d["sign_date"]]  # fmt: skip
    found = []
    for j in case.of("judgments"):
        if j["result"] != "withdrawn":
            continue
        limit = days_deadline(j["judged_on"], WITHDRAWN_DAYS, case.cal, custody=False)
        after = [d for d in decisions if d >= j["judged_on"]]
        if case.late(min(after) if after else None, limit):
            found.append({"seq": j["seq"], "deadline": limit,
                          "actual": min(after) if after else None})  # fmt: skip
    return found
