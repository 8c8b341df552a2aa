"""Clues (线索记录), receptions (接待登记) and the retrial dates of a civil supervision case
as import kinds: headers or their aliases, per-row errors with the line and the reason, and a
second import of the same file changes nothing."""

from datetime import date, datetime

from django.utils import timezone

from guifan.cases.models import Case, Clue, Reception, StatReport
from guifan.cases.services import cases_import
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb
from guifan.testing.files import case_row, write_csv

CASE_NO = "甲区检公诉受[2015]0001号"


def _imported(tmp_path, name, rows, kind):
    return cases_import(path=write_csv(tmp_path / name, rows), kind=kind)


def test_clues_are_imported_by_their_aliases_with_line_numbered_errors(registry, tmp_path):
    _imported(tmp_path, "cases.csv", [case_row(1)], "cases")
    rows = [
        {"受案号": CASE_NO, "编号": "1", "线索号": "XS001", "收到线索日期": "2015/9/24",
         "移送日期": "2015-09-25", "要案线索": "是", "要案线索备案日期": "2015年9月30日"},
        {"受案号": CASE_NO, "编号": "2", "线索号": "XS002", "收到线索日期": "2015-09-24",
         "移送日期": "2015-09-20", "要案线索": "否", "要案线索备案日期": ""},
        {"受案号": CASE_NO, "编号": "3", "线索号": "XS003", "收到线索日期": "",
         "移送日期": "", "要案线索": "否", "要案线索备案日期": ""},
    ]  # fmt: skip
    result = _imported(tmp_path, "线索.csv", rows, "clues")
    assert (result.imported, result.rejected) == (1, 2)
    errors = {e.line: (e.column, e.reason) for e in result.errors}
    assert errors[3][0] == "移送举报中心日期" and "早于收到日期" in errors[3][1]
    assert errors[4][0] == "收到线索日期"  # the header as the file writes it
    clue = Clue.objects.get()
    assert (clue.clue_no, clue.received_on, clue.is_major, clue.recorded_on) == (
        "XS001",
        date(2015, 9, 24),
        True,
        date(2015, 9, 30),
    )
    again = _imported(tmp_path, "again.csv", rows[:1], "clues")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)
    assert Clue.objects.count() == 1


def test_receptions_are_imported_by_their_aliases_with_line_numbered_errors(registry, tmp_path):
    _imported(tmp_path, "cases.csv", [case_row(1)], "cases")
    rows = [
        {"部门受案号": CASE_NO, "序号": "1", "接待人": "9701020001", "来访人姓名": "张律师",
         "身份": "辩护律师", "接触时间": "2015-09-28 19:00", "场所": "本院",
         "报告日期": "2015-09-29"},
        {"部门受案号": CASE_NO, "序号": "2", "接待人": "9701020001", "来访人姓名": "李某",
         "身份": "证人的朋友", "接触时间": "2015-09-28 10:00", "场所": "茶楼", "报告日期": ""},
    ]  # fmt: skip
    result = _imported(tmp_path, "接待.csv", rows, "receptions")
    assert (result.imported, result.rejected) == (1, 1)
    assert {e.line for e in result.errors} == {3}
    reasons = " ".join(e.reason for e in result.errors)
    assert "律师" in reasons or "工作场所" in reasons  # the allowed labels are named
    reception = Reception.objects.get()
    assert (reception.visitor_role, reception.place) == ("lawyer", "workplace")
    assert timezone.localtime(reception.received_at).replace(tzinfo=None) == datetime(
        2015, 9, 28, 19, 0
    )
    again = _imported(tmp_path, "again.csv", rows[:1], "receptions")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)


def test_a_civil_supervision_case_carries_the_retrial_dates(registry, tmp_path):
    row = case_row(1, 案件类别="生效裁判监督", 再审申请日期="2015-07-07", 法院裁定日期="2015/10/9")
    result = _imported(tmp_path, "cases.csv", [row, case_row(2, 再审申请日期="七月")], "cases")
    assert (result.imported, result.rejected) == (1, 1)
    assert result.errors[0].line == 3 and result.errors[0].column == "再审申请日期"
    case = Case.objects.get()
    assert (case.retrial_applied_on, case.retrial_ruled_on) == (date(2015, 7, 7), date(2015, 10, 9))
    again = _imported(tmp_path, "again.csv", [row], "cases")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)


def test_stat_reports_are_keyed_by_unit_month_and_indicator(registry, tmp_path):
    a = registry.unit_a
    rows = [
        {"填报单位": a.name, "统计期间": "2015年9月", "统计指标": "审结数", "上报数": "12"},
        {"填报单位": a.name, "统计期间": "2015-09", "统计指标": "受理审查起诉件数", "上报数": "0"},
        {"填报单位": a.name, "统计期间": "2015-13", "统计指标": "审结件数", "上报数": "1"},
        {"填报单位": a.name, "统计期间": "2015-10", "统计指标": "起诉率", "上报数": "1"},
        {"填报单位": "不存在的院", "统计期间": "2015-10", "统计指标": "审结件数", "上报数": "1"},
        {"填报单位": a.name, "统计期间": "2015/9", "统计指标": "审结件数", "上报数": "13"},
    ]
    result = _imported(tmp_path, "统计报表.csv", rows, "stat_reports")
    assert (result.imported, result.rejected) == (2, 4)
    errors = {e.line: (e.column, e.reason) for e in result.errors}
    assert errors[4][0] == "统计期间" and "月份" in errors[4][1]
    assert errors[5][0] == "统计指标" and "审结件数" in errors[5][1]
    assert errors[6][0] == "承办单位" and "不存在的院" in errors[6][1]
    assert "第 2 行重复" in errors[7][1]  # 2015/9 is the same month as 2015年9月
    report = StatReport.objects.get(indicator="concluded")
    assert (report.unit, report.period, report.reported_value) == (a, date(2015, 9, 1), 12)
    assert StatReport.objects.get(indicator="prosecution_accepted").reported_value == 0
    again = _imported(tmp_path, "again.csv", rows[:2], "stat_reports")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    corrected = [{**rows[0], "上报数": "11"}]
    assert _imported(tmp_path, "fix.csv", corrected, "stat_reports").updated == 1
    assert StatReport.objects.get(indicator="concluded").reported_value == 11
    entry = Entry.objects.filter(verb=Verb.STAT_REPORT_UPDATE).get()
    assert "2015-09 审结件数" in describe([entry])[0] and "上报值" in describe([entry])[0]


def test_a_liaison_imports_only_the_reports_of_the_own_unit(registry, tmp_path):
    row = {"单位编码": registry.unit_b.code, "期间": "2015-09", "指标": "审结件数", "上报值": "3"}
    path = write_csv(tmp_path / "b.csv", [row])
    result = cases_import(path=path, kind="stat_reports", user=registry.liaison_a)
    assert result.rejected == 1 and not StatReport.objects.exists()
