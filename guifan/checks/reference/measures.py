"""Rules on the length and conditions of coercive measures (RULES-AND-PROCESS.md §3.2–3.5):
拘传 hours, 指定居所监视居住 conditions, 监视居住 and 取保候审 limits, the report for arrest and
the investigation custody after it.

A measure stops being this procuratorate's once the case leaves it: its length is counted to
the measure's end, or to the case's closing (the next organ decides anew, 高检规则2012
第102条), or, while both go on, to ``as_of``.
"""

from __future__ import annotations

from datetime import date, timedelta

from guifan.cases import kinds as K
from guifan.checks.reference.base import Case, Finding, Row, day_of, local, rule
from guifan.core.periods import days_deadline, months_deadline

SUMMONS_HOURS = 12  # 刑诉法2012 第117条: 一般不得超过十二小时
# The longest a measure may last (months): 刑诉法2012 第77条.
LIMIT_MONTHS = {"bail": 12, "surveillance": 6, "rsdl": 6}


def _measures(case: Case, *kinds: str) -> list[Row]:
    return [m for m in case.of("measures") if m["kind"] in kinds and m["executed_at"]]


def _suspect(case: Case, seq) -> Row | None:
    return next((s for s in case.of("suspects") if s["seq"] == seq), None)


@rule("R1-03", "measures")
def summons_hours(case: Case) -> list[Finding]:
    """A 拘传 lasts at most 12 hours. The 24 hours of 特别重大、复杂 cases need an approval
    the imported data does not record, so 12 hours is the limit applied."""
    found = []
    for m in _measures(case, "summons"):
        limit = local(m["executed_at"]) + timedelta(hours=SUMMONS_HOURS)
        ended = local(m["ended_at"])
        if (ended is None and case.as_of > limit.date()) or (ended is not None and ended > limit):
            found.append({"seq": m["seq"], "deadline": limit, "actual": ended})
    return found


@rule("R2-07", "measures")
def rsdl_conditions(case: Case) -> list[Finding]:
    """In a self-investigation a suspect with a fixed residence is put under 指定居所监视居住
    only in a case of 特别重大贿赂 (刑诉法2012 第73条, 高检规则2012 第110条)."""
    if not case.self_investigation or case["is_major_bribery"]:
        return []
    found = []
    for m in _measures(case, "rsdl"):
        suspect = _suspect(case, m["suspect_seq"])
        if suspect is not None and suspect["has_fixed_residence"]:
            found.append({"seq": m["seq"], "suspect": suspect["seq"]})
    return found


@rule("R2-08", "measures")
def rsdl_upper_approval(case: Case) -> list[Finding]:
    if not case["is_major_bribery"]:
        return []
    return [{"seq": m["seq"]} for m in _measures(case, "rsdl") if not m["approved_by_upper"]]


def _end(case: Case, m: Row) -> date | None:
    """The day the measure stopped being ours: its end or the case's closing (None: not yet)."""
    ends = [d for d in (day_of(m["ended_at"]), case["close_date"]) if d is not None]
    return min(ends) if ends else None


def _overlong(case: Case, kinds: tuple[str, ...], ended: bool) -> list[Finding]:
    """Measures of ``kinds`` that lasted past their limit: those that have ended (``ended``)
    or those still running on ``as_of``."""
    found = []
    for m in _measures(case, *kinds):
        end = _end(case, m)
        if (end is not None) != ended:
            continue
        limit = months_deadline(m["executed_at"], LIMIT_MONTHS[m["kind"]], case.cal, custody=False)
        if case.late(end, limit):
            found.append({"seq": m["seq"], "deadline": limit, "actual": end})
    return found


@rule("R2-12", "measures")
def surveillance_length(case: Case) -> list[Finding]:
    """监视居住 (and 指定居所) ended after six months (still running: R4-10)."""
    return _overlong(case, ("surveillance", "rsdl"), ended=True)


@rule("R4-09", "measures")
def bail_length(case: Case) -> list[Finding]:
    """取保候审 ended after twelve months (still running: R4-10)."""
    return _overlong(case, ("bail",), ended=True)


@rule("R4-10", "measures")
def expired_not_lifted(case: Case) -> list[Finding]:
    """取保候审 or 监视居住 past its limit on ``as_of`` and still neither lifted nor changed."""
    return _overlong(case, tuple(LIMIT_MONTHS), ended=False)


def _ours(case: Case, kind: str) -> list[Row]:
    if case["category"] != "职务犯罪立案侦查":
        return []
    return _measures(case, kind)


def _after(moments, start) -> list:
    return sorted(t for t in moments if t is not None and t >= start)


@rule("R4-04", "measures")
def arrest_report(case: Case) -> list[Finding]:
    """A self-investigation detention is reported to the upper procuratorate within 7 days,
    which decides within 7 more (1–3 more with an extension); both custody periods
    (高检规则2012 第329条)."""
    found = []
    reports = [local(t["transferred_at"]) for t in case.of("transfers")
               if t["kind"] == "arrest_report"]  # fmt: skip
    extra = min(3, sum(e["days"] or 0 for e in case.of("extensions")
                       if e["kind"] == "arrest_review"))  # fmt: skip
    for m in _ours(case, "detention"):
        executed = local(m["executed_at"])
        limit = days_deadline(executed, 7, case.cal, custody=True)
        sent = _after(reports, executed)
        if case.late(sent[0] if sent else None, limit):
            actual = day_of(sent[0]) if sent else None
            found.append({"seq": m["seq"], "reason": "report", "deadline": limit, "actual": actual})
        arrests = _after(
            (local(a["decided_at"]) for a in case.of("measures")
             if a["kind"] == "arrest" and a["suspect_seq"] == m["suspect_seq"]), executed,
        )  # fmt: skip
        decided = arrests[0] if arrests else local(m["ended_at"])
        before = [t for t in sent if decided is None or t <= decided]
        if not before:
            continue
        limit = days_deadline(before[-1], 7 + extra, case.cal, custody=True)
        if case.late(decided, limit):
            actual = day_of(decided)
            found.append({"seq": m["seq"], "reason": "decision", "deadline": limit,
                          "actual": actual})  # fmt: skip
    return found


# 侦查羁押 extensions: who may approve them and by how many months (刑诉法2012 第154–157条).
CUSTODY_EXTENSION = {"upper": 1, "province": 2}


@rule("R4-06", "measures")
def investigation_custody(case: Case) -> list[Finding]:
    """Custody after arrest in a self-investigation lasts two months until the case is sent
    for prosecution, plus the months extensions approved by the upper or provincial
    procuratorate add; an extension approved by anyone else adds nothing."""
    if case.stage != K.Stage.INVESTIGATION:
        return []
    months = 2 + sum(
        e["months"] or CUSTODY_EXTENSION[e["approver"]]
        for e in case.of("extensions")
        if e["kind"] == "investigation_custody" and e["approver"] in CUSTODY_EXTENSION
    )
    sent = [local(t["transferred_at"]) for t in case.of("transfers") if t["kind"] == "prosecution"]
    found = []
    for m in _ours(case, "arrest"):
        executed = local(m["executed_at"])
        limit = months_deadline(executed, months, case.cal, custody=True)
        ends = [t for t in (*_after(sent, executed)[:1], local(m["ended_at"])) if t is not None]
        end = day_of(min(ends)) if ends else None
        if case.late(end, limit):
            found.append({"seq": m["seq"], "deadline": limit, "actual": end, "detained": True})
    return found
