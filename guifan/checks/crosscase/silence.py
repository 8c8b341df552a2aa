"""R7-02 长期“零报告”异常: a prosecutor with no 过问干预 registration in ``min_quarters`` or
more consecutive quarters while their case load (cases accepted) was in the top ``top_share``
of their unit's prosecutors in each of them.

A registration is what puts a case in K09: a 过问案件记录 (``inquiries.InquiryRecord``) or a
选案标记 of kind 过问 (``cases.CaseFlag``), on a case the prosecutor handles, in the quarter.
Only quarters that have ended by the business date count, from the first quarter every unit
reports (``GUIFAN_INQUIRY_FIRST_QUARTER``); a unit with fewer than ``min_handlers``
prosecutors with cases that quarter has no top quarter to speak of. Three grouped counts
(loads, records, flags by handler and quarter) and the runs of ``inquiries.flags``; the
flag is attached to the prosecutor's latest case of the run's last quarter.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import ExtractQuarter, ExtractYear

from guifan.cases.models import Case, CaseFlag, FlagKind
from guifan.checks.crosscase.windows import hits, in_scope, params
from guifan.inquiries.flags import silent_runs
from guifan.inquiries.models import InquiryRecord
from guifan.inquiries.quarters import Quarter


def _quarters(as_of: date) -> list[Quarter]:
    last, quarter, found = Quarter.of(as_of).previous(), Quarter.first(), []
    while quarter <= last:
        found.append(quarter)
        quarter = quarter.next()
    return found


def _by_quarter(rows, day: str, *keys: str):
    """Counts of ``rows`` per (``keys``…, year, quarter) of the date ``day`` (one query)."""
    return (
        rows.order_by()
        .annotate(y=ExtractYear(day), q=ExtractQuarter(day))
        .values(*keys, "y", "q")
        .annotate(n=Count("pk"))
    )


def _records(cases: Q, first: Quarter, last: Quarter) -> dict[Quarter, dict[int, int]]:
    """{quarter: {handler: registrations}} of the cases in scope."""
    records: dict[Quarter, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    span = {"gte": first.start, "lte": last.end}
    inquiries = in_scope(InquiryRecord, cases).filter(
        occurred_on__gte=span["gte"], occurred_on__lte=span["lte"]
    )
    flags = in_scope(CaseFlag, cases).filter(
        kind=FlagKind.INTERVENTION, flagged_on__gte=span["gte"], flagged_on__lte=span["lte"]
    )
    for rows, day in ((inquiries, "occurred_on"), (flags, "flagged_on")):
        for row in _by_quarter(rows, day, "case__handler_id"):
            records[Quarter(row["y"], row["q"])][row["case__handler_id"]] += row["n"]
    return records


def _loads(cases: Q, first: Quarter, last: Quarter, quarters, least: int):
    """{unit: {quarter: {handler: cases accepted}}}, every quarter present (a quarter
    without cases breaks a run) and empty where the unit has fewer than ``least``
    prosecutors with cases."""
    rows = Case.objects.filter(cases).filter(
        handler__isnull=False, accept_date__gte=first.start, accept_date__lte=last.end
    )
    loads: dict[int, dict] = defaultdict(lambda: {q: {} for q in quarters})
    for row in _by_quarter(rows, "accept_date", "unit_id", "handler_id"):
        loads[row["unit_id"]][Quarter(row["y"], row["q"])][row["handler_id"]] = row["n"]
    for by_quarter in loads.values():
        for quarter, handlers in by_quarter.items():
            if len(handlers) < least:
                by_quarter[quarter] = {}
    return loads, rows


def zero_reports(cases: Q, as_of: date) -> list:
    p = params("R7-02")
    quarters = _quarters(as_of)
    if not quarters:
        return []
    first, last = quarters[0], quarters[-1]
    loads, rows = _loads(cases, first, last, quarters, p["min_handlers"])
    records = _records(cases, first, last)
    runs = {}
    for unit_loads in loads.values():
        found = silent_runs(unit_loads, records, least=p["min_quarters"], share=p["top_share"])
        runs.update(found)
    if not runs:
        return []
    anchors = {}
    latest = rows.filter(handler_id__in=runs).order_by("accept_date", "pk")
    for row in latest.values("pk", "unit_id", "handler_id", "accept_date"):
        if Quarter.of(row["accept_date"]) == runs[row["handler_id"]][-1][0]:
            anchors[row["handler_id"]] = {"case_id": row["pk"], "case__unit_id": row["unit_id"]}
    found = []
    for handler, run in runs.items():
        facts = {
            "quarters": [q.label for q, _load, _threshold in run],
            "loads": [load for _q, load, _threshold in run],
            "thresholds": [threshold for _q, _load, threshold in run],
            "registrations": 0,
            "note": "；".join(
                f"{q.label}受理 {load} 件（本院前 {round(100 * p['top_share'])}% 为 {threshold}"
                " 件以上），过问干预登记 0 件"
                for q, load, threshold in run
            ),
        }
        found.append((anchors[handler], f"handler={handler}", facts))
    return hits("R7-02", found)
