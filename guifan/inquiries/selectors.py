"""Reading records and reports for a user; every read goes through ``visible_to``."""

from __future__ import annotations

from dataclasses import dataclass

from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.inquiries.models import InquiryRecord, QuarterlyReport
from guifan.inquiries.quarters import Quarter, ended_quarters
from guifan.inquiries.reports import may_file, reporting_units


def records(user, quarter: Quarter | None = None):
    rows = InquiryRecord.objects.visible_to(user).select_related("case", "unit", "reporter")
    if quarter is not None:
        rows = rows.filter(occurred_on__gte=quarter.start, occurred_on__lte=quarter.end)
    return rows


def case_records(user, case):
    return InquiryRecord.objects.visible_to(user).filter(case=case).select_related("reporter")


@dataclass(frozen=True)
class Cell:
    """One unit's report for one quarter as the reports table shows it."""

    quarter: Quarter
    report: QuarterlyReport | None
    may_file: bool

    @property
    def state(self) -> str:
        if self.report is not None:
            return "late" if self.report.late else ("zero" if self.report.is_zero else "filed")
        return "missing" if self.quarter.deadline < clock.today() else "due"


def report_table(user, quarters: int = 5) -> tuple[list[Quarter], list[tuple]]:
    """The last ``quarters`` ended quarters, and per unit the user sees its report cells."""
    scope = scope_of(user)
    shown = ended_quarters(clock.today())[-quarters:]
    unit_ids = scope.units_for(Role.OFFICE, Role.INSPECTION, Role.LIAISON)
    units = list(reporting_units().filter(pk__in=unit_ids))
    reports = {
        (r.unit_id, r.year, r.quarter): r
        for r in QuarterlyReport.objects.visible_to(user).filter(unit__in=units)
    }
    rows = []
    for unit in units:
        may = may_file(user, unit)
        cells = [Cell(q, reports.get((unit.pk, q.year, q.quarter)), may) for q in shown]
        rows.append((unit, cells))
    return shown, rows
