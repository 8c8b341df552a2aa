"""Rules on what a department owes beyond the case itself: clues sent on to the 举报中心 and
put on record (RULES-AND-PROCESS.md §3.7 R6-02), contacts outside working time or place
reported to 纪检监察 (§3.8 R7-06), and civil supervision not accepted while the court still
reviews the retrial application (§3.7 R6-07)."""

from __future__ import annotations

from datetime import datetime, time

from guifan.checks.reference.base import Case, Finding, day_of, local, rule
from guifan.core.periods import days_deadline, months_deadline

# 高检规则2012 第161条 (sent to the 举报中心) and 第164条 (a 要案线索 on record): 7 days.
CLUE_DAYS = 7
# 规定三 asks for a timely report; the research notes remember 3 days (a setting).
REPORT_DAYS = 3
OFFICE_HOURS = ("08:30", "17:30")  # the working day, start included, end excluded
# 民事诉讼监督规则（试行）2013 第31条第(二)项: the court's three months of review.
COURT_MONTHS = 3
RETRIAL_SUPERVISION = frozenset({"生效裁判监督"})


@rule("R6-02", "clues")
def clues_late(case: Case) -> list[Finding]:
    """A clue received by another department goes to the 举报中心 within 7 days (第161条);
    a 要案线索 is put on record within 7 days of its receipt (第164条). The periods roll
    over a rest day (nobody is held)."""
    found = []
    for c in case.of("clues"):
        limit = days_deadline(c["received_on"], CLUE_DAYS, case.cal, custody=False)
        if case.late(c["sent_to_centre_on"], limit):
            found.append({"seq": c["seq"], "reason": "centre", "deadline": limit,
                          "actual": c["sent_to_centre_on"]})  # fmt: skip
        if c["is_major"] and case.late(c["recorded_on"], limit):
            found.append({"seq": c["seq"], "reason": "record", "deadline": limit,
                          "actual": c["recorded_on"]})  # fmt: skip
    return found


def _clock(text: str) -> time:
    return time.fromisoformat(text)


def off_hours(moment: datetime, case: Case) -> bool:
    """Outside the office's hours, or on a rest day of the official calendar (a 调休
    Saturday is a working day)."""
    start, end = (_clock(t) for t in case.param("R7-06", "office_hours", OFFICE_HOURS))
    return not case.cal.is_workday(moment.date()) or not start <= moment.time() < end


@rule("R7-06", "receptions")
def contacts_unreported(case: Case) -> list[Finding]:
    """A contact with a lawyer, party or relative outside working time or place is reported
    to the unit's 纪检监察 within the set days (规定三; the day of the contact not counted,
    a last day on a rest day rolled over)."""
    days = case.param("R7-06", "report_days", REPORT_DAYS)
    found = []
    for r in case.of("receptions"):
        moment = local(r["received_at"])
        if r["place"] == "workplace" and not off_hours(moment, case):
            continue
        limit = days_deadline(moment, days, case.cal, custody=False)
        if case.late(r["reported_on"], limit):
            why = "place" if r["place"] != "workplace" else "time"
            found.append({"seq": r["seq"], "reason": why, "contact": moment,
                          "deadline": limit, "actual": r["reported_on"]})  # fmt: skip
    return found


@rule("R6-07", categories=RETRIAL_SUPERVISION)
def accepted_during_court_review(case: Case) -> list[Finding]:
    """Not accepted while the court reviews the party's retrial application, unless three
    months have passed without a ruling (第31条第(二)项): accepted on or before the last day
    of the court's three months (counted as the period module counts months) with no ruling
    by then is a breach; the day after is not."""
    applied, accepted = case["retrial_applied_on"], case["accept_date"]
    if case["category"] not in RETRIAL_SUPERVISION or applied is None or accepted is None:
        return []
    court = months_deadline(applied, COURT_MONTHS, case.cal, custody=False)
    ruled = case["retrial_ruled_on"]
    if accepted <= court and (ruled is None or day_of(ruled) > accepted):
        return [{"reason": "reviewing", "applied": applied, "court_deadline": court,
                 "actual": accepted, "ruled": ruled}]  # fmt: skip
    return []
