"""The 2015 整改台账 imported through the case importer: per-row errors with line numbers, GBK
files, re-imports that change nothing, and its open rows on the campaign's list as 2015 遗留,
holding the gate; its closed rows are what 改后又复发 compares with."""

from datetime import date

import pytest

from guifan.cases.services import cases_import
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.rectification.gate import campaign_gate
from guifan.rectification.models import BaselineItem, Item, ItemStatus, Recurrence, Source
from guifan.rectification.tests.conftest import RECORDING, on
from guifan.testing.files import write_csv


def ledger_row(ref: str, **overrides) -> dict:
    row = {
        "问题编号": ref,
        "单位编码": "970102",
        "部门": "",
        "问题类别": RECORDING,
        "问题编码": "",
        "问题描述": "讯问职务犯罪嫌疑人未全程同步录音录像",
        "整改措施": "重申同录规定，逐案检查",
        "整改状态": "已销号",
        "发现日期": "2015-05-10",
        "整改时限": "2015-07-31",
        "销号日期": "2015-07-20",
    }
    row.update(overrides)
    return row


@pytest.fixture
def ledger(tmp_path, cast):
    rows = [
        ledger_row("TZ2015-001"),
        ledger_row(
            "TZ2015-002", 问题描述="扣押款物未及时移交案管部门", 整改状态="整改中", 销号日期=""
        ),
        ledger_row("TZ2015-003", 单位编码="970103", 整改状态="未整改", 销号日期=""),
        ledger_row("TZ2015-004", 整改状态="已销号", 销号日期=""),  # no closing date
        ledger_row("TZ2015-005", 单位编码="999999"),
        ledger_row("TZ2015-001", 问题描述="重复"),
    ]
    return write_csv(tmp_path / "整改台账.csv", rows, encoding="gbk")


def test_the_ledger_is_imported_row_by_row_with_reasons(ledger, cast):
    result = cases_import(path=ledger, kind="baseline_items", user=cast.office)
    assert (result.encoding.lower(), result.imported, result.rejected) == ("gb18030", 3, 3)
    reasons = {e.line: e.reason for e in result.errors}
    assert "须填写销号日期" in reasons[5]
    assert "单位“999999”不存在" in reasons[6]
    assert "与第 2 行重复" in reasons[7]
    assert BaselineItem.objects.get(ref="TZ2015-002").status == ItemStatus.IN_PROGRESS
    again = cases_import(path=ledger, kind="baseline_items", user=cast.office)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    assert Entry.objects.filter(verb=Verb.IMPORT).count() == 4  # started and done, twice


def test_a_liaison_imports_only_its_own_unit(ledger, cast):
    result = cases_import(path=ledger, kind="baseline_items", user=cast.liaison_a)
    assert result.imported == 2
    assert BaselineItem.objects.filter(unit=cast.unit_b).count() == 0


def test_open_rows_join_the_running_campaign_and_hold_its_gate(ledger, campaign, cast):
    with on(3, 20):
        cases_import(path=ledger, kind="baseline_items", user=cast.office)
    items = Item.objects.filter(campaign=campaign, source=Source.BASELINE)
    assert sorted(items.values_list("baseline__ref", "status")) == [
        ("TZ2015-002", ItemStatus.IN_PROGRESS),
        ("TZ2015-003", ItemStatus.OPEN),
    ]
    assert items.get(baseline__ref="TZ2015-002").get_source_display() == "2015 遗留"
    gate = campaign_gate(campaign)
    assert {b.id for b in gate.items} >= set(items.values_list("pk", flat=True))
    assert not gate.closable
    with on(3, 21):  # importing again takes nothing over twice
        cases_import(path=ledger, kind="baseline_items", user=cast.office)
    assert items.count() == 2


def test_a_campaign_started_after_the_import_takes_them_over(ledger, cast):
    from guifan.campaigns import services as campaigns

    cases_import(path=ledger, kind="baseline_items", user=cast.office)
    with on(3, 14):
        campaign = campaigns.campaign_create_from_template(
            template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
        )
        campaigns.campaign_start(campaign=campaign, by=cast.office)
    assert campaign.rectification_items.filter(source=Source.BASELINE).count() == 2


def test_a_problem_closed_in_2015_coming_back_is_a_recurrence(ledger, record_problem, cast):
    cases_import(path=ledger, kind="baseline_items", user=cast.office)
    with on(3, 20):
        again = record_problem(text="个别讯问未做到全程同步录像", when=(3, 20))
    recurrence = Recurrence.objects.get(item=again)
    assert recurrence.earlier is None and recurrence.earlier_baseline.ref == "TZ2015-001"
    assert recurrence.earlier_closed_on == date(2015, 7, 20)
    blocker = next(b for b in campaign_gate(again.campaign).recurrences if b.id == again.pk)
    assert "2015 年整改台账 TZ2015-001" in blocker.reason


def test_a_ledger_imported_after_a_problem_was_found_still_marks_it(
    ledger, record_problem, campaign, cast
):
    with on(3, 18):
        found = record_problem(text="个别讯问未做到全程同步录像", when=(3, 18))
    assert not Recurrence.objects.filter(item=found).exists()
    with on(3, 20):
        cases_import(path=ledger, kind="baseline_items", user=cast.office)
    assert Recurrence.objects.get(item=found).earlier_baseline.ref == "TZ2015-001"
    taken = Item.objects.get(baseline__ref="TZ2015-002")
    assert taken.deadline == campaign.report_deadline  # due with the campaign
    assert taken.found_on == date(2015, 5, 10)


def test_a_later_campaign_does_not_take_the_rows_over_again(ledger, campaign, cast):
    from guifan.campaigns import services as campaigns

    cases_import(path=ledger, kind="baseline_items", user=cast.office)
    with on(3, 14, year=2017):
        later = campaigns.campaign_create_from_template(
            template="look_back", year=2017, issuing_unit=cast.city, by=cast.office
        )
        campaigns.campaign_start(campaign=later, by=cast.office)
    assert campaign.rectification_items.filter(source=Source.BASELINE).count() == 2
    assert not later.rectification_items.filter(source=Source.BASELINE).exists()
