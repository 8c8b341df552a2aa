"""A generated case as the rule engine sees it: its values parsed by the import specs, so
that a check reads exactly what importing the exported files would store."""

from __future__ import annotations

from datetime import date
from typing import Any

from guifan.cases.importing.specs import SPECS
from guifan.checks.reference import Case
from guifan.core.periods import Calendar
from guifan.demo.events import CaseEvents
from guifan.demo.export import cell
from guifan.demo.generator import CaseRow

CASE_FIELDS = ("category", "accept_date", "close_date", "close_type", "is_self_investigation",
               "cause")  # fmt: skip


def parsed(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """One event row with the values the importer would store (codes, not labels)."""
    return {
        column.field: column.parse(cell(row.get(column.field)))
        for column in SPECS[kind].columns
        if column.field != "case_no"
    }


def rule_case(case: CaseRow, events: CaseEvents, *, as_of: date, cal: Calendar) -> Case:
    fields = {name: getattr(case, name) for name in CASE_FIELDS}
    fields["filing_date"] = events.case_fields["filing_date"]
    fields["is_major_bribery"] = events.case_fields["is_major_bribery"]
    fields["retrial_applied_on"] = events.case_fields["retrial_applied_on"]
    fields["retrial_ruled_on"] = events.case_fields["retrial_ruled_on"]
    rows = {kind: [parsed(kind, row) for row in rows] for kind, rows in events.rows.items()}
    return Case(fields, rows, as_of, cal)
