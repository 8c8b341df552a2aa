"""Quarterly reports of inquiries (季度报告): counted from the records, filed in order, zero
reports explicit (零报告: 不得漏报、瞒报、迟报), late and missing ones shown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.inquiries.models import InquiryRecord, QuarterlyReport
from guifan.inquiries.quarters import Quarter, ended_quarters
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.org.models import Tier, Unit


def reporting_units():
    """Every unit that reports: the 市院 and 县区院 (the 省院 is not in the campaign's world)."""
    return Unit.objects.exclude(tier=Tier.PROVINCE).order_by("path")


def may_file(by, unit: Unit) -> bool:
    """The unit's liaison, or discipline inspection of the unit itself."""
    if by is None:
        return True
    scope = scope_of(by)
    own = getattr(getattr(by, "person", None), "unit_id", None)
    return scope.acts_as(Role.LIAISON, unit.pk) or (
        own == unit.pk and scope.acts_as(Role.INSPECTION, unit.pk)
    )


def quarter_counts(unit: Unit, quarter: Quarter) -> dict:
    """The unit's records of the quarter counted by category and behaviour type."""
    rows = InquiryRecord.objects.filter(
        unit=unit, occurred_on__gte=quarter.start, occurred_on__lte=quarter.end
    ).values_list("category", "behaviour", "improper", "affected_case")
    category, behaviour = Counter(), Counter()
    improper = affected = 0
    for cat, kind, bad, hit in rows:
        category[cat] += 1
        behaviour[kind] += 1
        improper += bad
        affected += hit
    return {
        "total": len(rows),
        "category": dict(category),
        "behaviour": dict(behaviour),
        "improper": improper,
        "affected": affected,
    }


@transaction.atomic
def report_file(
    *, unit: Unit, quarter: Quarter, by, zero_confirmed: bool = False, note: str = ""
) -> QuarterlyReport:
    """File the unit's report for ``quarter``: after the quarter, after the one before it,
    and as an explicit 零报告 when nothing was recorded."""
    if not may_file(by, unit):
        raise PermissionDenied
    today = clock.today()
    if quarter < Quarter.first():
        raise ValidationError(_("%(q)s不在报告范围内。") % {"q": quarter.label})
    if quarter.end >= today:
        raise ValidationError(_("%(q)s尚未结束，不能报告。") % {"q": quarter.label})
    Unit.objects.select_for_update().filter(pk=unit.pk).exists()
    filed = QuarterlyReport.objects.filter(unit=unit)
    if filed.filter(year=quarter.year, quarter=quarter.quarter).exists():
        raise ValidationError(_("%(q)s已报告。") % {"q": quarter.label})
    previous = quarter.previous()
    if (
        quarter > Quarter.first()
        and not filed.filter(year=previous.year, quarter=previous.quarter).exists()
    ):
        raise ValidationError(
            _("请先报告%(p)s：不得漏报，没有情况的也要零报告。") % {"p": previous.label}
        )
    counts = quarter_counts(unit, quarter)
    total = counts.pop("total")
    if total == 0 and not zero_confirmed:
        raise ValidationError(_("本季度没有过问案件记录：请确认“零报告”后报送。"))
    report = QuarterlyReport(
        unit=unit,
        year=quarter.year,
        quarter=quarter.quarter,
        deadline=quarter.deadline,
        total=total,
        is_zero=total == 0,
        counts=counts,
        note=note.strip(),
        filed_by=by,
    )
    report.full_clean()
    report.save()
    record(
        actor=by,
        verb=Verb.INQUIRY_REPORT,
        target=report,
        payload={
            "unit": unit.code,
            "quarter": quarter.key,
            "total": total,
            "zero": report.is_zero,
            "late": report.late,
        },
    )
    return report


@dataclass(frozen=True)
class Due:
    """A report a unit owes: overdue when its deadline has passed."""

    unit: Unit
    quarter: Quarter

    @property
    def overdue(self) -> bool:
        return self.quarter.deadline < clock.today()


def owed(units, today: date | None = None) -> list[Due]:
    """The reports ``units`` owe for every ended quarter, oldest first."""
    today = today or clock.today()
    quarters = ended_quarters(today)
    if not quarters:
        return []
    units = list(units)
    filed = set(
        QuarterlyReport.objects.filter(unit__in=units, year__gte=quarters[0].year).values_list(
            "unit_id", "year", "quarter"
        )
    )
    return [
        Due(unit, q)
        for q in quarters
        for unit in units
        if (unit.pk, q.year, q.quarter) not in filed
    ]
