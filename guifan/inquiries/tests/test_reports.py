"""Quarterly reports: counted by category and behaviour type, filed in order, zero reports
explicit, late ones marked, missing ones on the 工作台."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from guifan.core.clock import frozen_at
from guifan.inquiries.models import QuarterlyReport
from guifan.inquiries.quarters import Quarter
from guifan.inquiries.reports import report_file
from guifan.inquiries.services import inquiry_record
from guifan.inquiries.tests.conftest import FIELDS
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb
from guifan.web.todos import todos_for


def at(*args):
    return frozen_at(timezone.make_aware(datetime(*args, 10, 0)))


@pytest.mark.django_db  # the calendar reads the office's added days
def test_quarters_end_and_fall_due_ten_days_later_rolled_over_holidays():
    q4 = Quarter(2015, 4)
    assert (q4.start, q4.end) == (date(2015, 10, 1), date(2015, 12, 31))
    assert q4.deadline == date(2016, 1, 11)  # 1月10日 is a Sunday
    assert Quarter(2016, 1).deadline == date(2016, 4, 11)  # 4月10日 is a Sunday too
    assert Quarter(2015, 3).deadline == date(2015, 10, 10)  # 调休: a working Saturday
    assert Quarter.parse("2015q4") == q4 and q4.previous() == Quarter(2015, 3)


def _file_up_to(unit, last: Quarter, by):
    quarter = Quarter.first()
    while quarter <= last:
        report_file(unit=unit, quarter=quarter, by=by, zero_confirmed=True)
        quarter = quarter.next()


def test_a_quarter_cannot_be_skipped_and_a_zero_report_is_explicit(cast):
    with pytest.raises(ValidationError, match="请先报告2015年第1季度"):
        report_file(unit=cast.unit_a, quarter=Quarter(2015, 2), by=cast.liaison_a)
    with pytest.raises(ValidationError, match="零报告"):
        report_file(unit=cast.unit_a, quarter=Quarter(2015, 1), by=cast.liaison_a)
    report = report_file(
        unit=cast.unit_a, quarter=Quarter(2015, 1), by=cast.liaison_a, zero_confirmed=True
    )
    assert (report.is_zero, report.total) == (True, 0)
    with pytest.raises(ValidationError, match="已报告"):
        report_file(unit=cast.unit_a, quarter=Quarter(2015, 1), by=cast.liaison_a)
    with pytest.raises(ValidationError, match="尚未结束"):
        report_file(unit=cast.unit_a, quarter=Quarter(2016, 1), by=cast.liaison_a)
    entry = Entry.objects.filter(verb=Verb.INQUIRY_REPORT).get()
    assert "零报告" in describe([entry])[0]


def test_only_the_units_liaison_or_its_own_inspection_files(cast):
    for user in (cast.liaison_b, cast.handler, cast.inspector, cast.office):
        with pytest.raises(PermissionDenied):
            report_file(unit=cast.unit_a, quarter=Quarter(2015, 1), by=user, zero_confirmed=True)
    report_file(unit=cast.city, quarter=Quarter(2015, 1), by=cast.inspector, zero_confirmed=True)


def test_the_report_counts_the_quarters_records_by_category_and_behaviour(cast, case):
    with at(2015, 12, 20):
        _file_up_to(cast.unit_a, Quarter(2015, 3), cast.liaison_a)
    for day, category, behaviour in (
        (date(2015, 10, 8), "leader", "progress"),
        (date(2015, 11, 2), "lawyer", "progress"),
        (date(2015, 12, 30), "insider", "insider"),
        (date(2016, 1, 5), "party", "contact"),  # the next quarter
    ):
        inquiry_record(
            case=case,
            by=cast.handler,
            **{**FIELDS, "occurred_on": day, "category": category, "behaviour": behaviour},
        )
    with pytest.raises(ValidationError, match="不在报告范围"):
        report_file(unit=cast.unit_a, quarter=Quarter(2014, 4), by=cast.liaison_a)
    with at(2016, 1, 20):  # after the deadline of 1月11日
        report = report_file(unit=cast.unit_a, quarter=Quarter(2015, 4), by=cast.liaison_a)
    assert report.total == 3 and not report.is_zero and report.late
    assert report.counts["category"] == {"leader": 1, "lawyer": 1, "insider": 1}
    assert report.counts["behaviour"] == {"progress": 2, "insider": 1}
    assert report.category_text == "领导干部 1、司法机关内部人员 1、律师 1"


def test_missing_reports_are_on_the_workbench_of_the_unit_and_its_overseers(cast):
    # On 2016-03-25 every quarter of 2015 has fallen due; unit A reported them all.
    _file_up_to(cast.unit_a, Quarter(2015, 4), cast.liaison_a)
    _file_up_to(cast.unit_b, Quarter(2015, 3), cast.liaison_b)
    assert not [t for t in todos_for(cast.liaison_a) if t.kind == "季度报告"]
    owed = [t for t in todos_for(cast.liaison_b) if t.kind == "季度报告"]
    assert [t.title for t in owed] == ["报送乙县2015年第4季度过问案件情况报告（没有情况的零报告）"]
    assert owed[0].deadline == date(2016, 1, 11)
    office = [t.title for t in todos_for(cast.office) if t.kind == "季度报告"]
    assert "2015年第4季度过问案件情况：2 个单位逾期未报告（测市、乙县）" in office


def test_the_reports_page_files_a_zero_report_and_shows_lateness(cast, login):
    client = login(cast.liaison_a)
    page = client.get(reverse("inquiries:reports")).content.decode()
    assert 'data-quarter="2015q1" data-state="missing"' in page
    url = reverse("inquiries:report_file", args=[cast.unit_a.code, "2015q1"])
    client.post(url, {})  # not confirmed: refused, nothing stored
    assert not QuarterlyReport.objects.exists()
    client.post(url, {"zero_confirmed": "on"})
    page = client.get(reverse("inquiries:reports")).content.decode()
    assert 'data-quarter="2015q1" data-state="late"' in page
    assert QuarterlyReport.objects.get().is_zero
    other = reverse("inquiries:report_file", args=[cast.unit_b.code, "2015q1"])
    assert client.post(other, {"zero_confirmed": "on"}).status_code == 404
    assert login(cast.handler).post(url, {"zero_confirmed": "on"}).status_code == 403
    assert QuarterlyReport.objects.count() == 1


def test_the_cli_lists_each_units_report_for_a_quarter(cast, capsys):
    import json

    from guifan.cli import main

    _file_up_to(cast.unit_a, Quarter(2015, 4), cast.liaison_a)
    assert main(["inquiry", "reports", "--quarter", "2015q4", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    states = {row["name"]: row["state"] for row in document["units"]}
    assert document["deadline"] == "2016-01-11"
    assert states == {"测市": "missing", "甲区": "late", "乙县": "missing"}  # filed on 3月25日
    assert main(["inquiry", "reports", "--quarter", "2016q1"]) == 0  # not over: nobody late
    assert "乙县：待报告" in capsys.readouterr().out
