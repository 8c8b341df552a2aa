"""The units' quarterly reports of 过问案件记录 for 2015, as they stand on 3月25日: filed a few
days after each quarter through the service (zero reports where nothing was recorded), the
2015 Q4 report of one county filed late and another's still missing; the 2016 Q1 report is
not yet due. Records that affected their case were taken in by discipline inspection."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from guifan.accounts.models import User
from guifan.core import clock
from guifan.core.deadlines import add_working_days
from guifan.core.roles import Role
from guifan.inquiries.models import InquiryRecord, QuarterlyReport
from guifan.inquiries.quarters import Quarter
from guifan.inquiries.reports import report_file, reporting_units
from guifan.inquiries.services import inquiry_receive

LATE_UNIT = "980122"  # 石桥: filed 2015 Q4 eight days after the deadline
MISSING_UNIT = "980124"  # 青阳: has not filed 2015 Q4 at all
LAST = Quarter(2015, 4)
RECEIPT_NOTE = "已约谈过问人并告知有关规定，案件由承办人依法继续办理，不受影响。"


def ensure_receipts() -> int:
    """Discipline inspection took in every record that affected its case (立即报告) the
    working day after it was reported, except those of the last week, still on its 待办."""
    inspector = User.objects.get(username="inspector")
    waiting = InquiryRecord.objects.filter(
        affected_case=True, received_at__isnull=True, reported_on__lt=date(2016, 3, 18)
    )
    for item in waiting.order_by("reported_on", "pk"):
        moment = datetime.combine(add_working_days(item.reported_on, 1), time(9, 30))
        with clock.frozen_at(timezone.make_aware(moment)):
            inquiry_receive(item=item, by=inspector, note=RECEIPT_NOTE)
    return len(waiting)


def ensure_inquiry_reports(seed: int = 2016) -> int:
    """File every unit's 2015 reports not filed yet; return how many were filed."""
    rng = random.Random(f"{seed}:inquiry-reports")
    liaisons = {
        grant.unit_id: grant.user
        for user in User.objects.filter(role_grants__role=Role.LIAISON).distinct()
        for grant in user.role_grants.filter(role=Role.LIAISON, department=None)
    }
    filed = 0
    for unit in reporting_units():
        quarter = Quarter.first()
        while quarter <= LAST:
            # One to three working days after the quarter, well within the ten days.
            day = add_working_days(quarter.end, rng.randint(1, 3))
            if unit.code == MISSING_UNIT and quarter == LAST:
                break
            if unit.code == LATE_UNIT and quarter == LAST:
                day = quarter.deadline + timedelta(days=8)
            if not QuarterlyReport.objects.filter(
                unit=unit, year=quarter.year, quarter=quarter.quarter
            ).exists():
                moment = datetime.combine(day, time(15, 0))
                with clock.frozen_at(timezone.make_aware(moment)):
                    report_file(
                        unit=unit,
                        quarter=quarter,
                        by=liaisons.get(unit.pk),
                        zero_confirmed=True,
                        note="",
                    )
                filed += 1
            quarter = quarter.next()
    return filed
