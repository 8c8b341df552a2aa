"""Importing 过问案件记录 (CSV and XLSX) through the case importer: per-row errors with line
numbers, idempotent, only into the units of the office or inspection importing."""

import pytest
from openpyxl import Workbook

from guifan.cases.importing.reading import FileRefused
from guifan.cases.services import cases_import
from guifan.inquiries.models import InquiryRecord
from guifan.testing.files import write_csv

ROW = {
    "部门受案号": "",
    "序号": "1",
    "所处环节": "审查起诉",
    "过问人姓名": "周某",
    "过问人单位": "某律师事务所",
    "过问人类别": "律师",
    "过问人工号": "",
    "过问日期": "2016-03-02",
    "过问方式": "当面",
    "过问内容": "要求会见承办人",
    "行为类型": "了解案事件进展",
    "处理情况": "告知按程序办理",
    "是否违规干预": "否",
    "是否影响案件办理": "否",
}


def _rows(case, colleague_no):
    return [
        {**ROW, "部门受案号": case.case_no},
        {
            **ROW,
            "部门受案号": case.case_no,
            "序号": "2",
            "过问人姓名": "孙检察官",
            "过问人工号": colleague_no,
            "过问人类别": "司法机关内部人员",
            "行为类型": "检察机关人员过问",
        },
        {**ROW, "部门受案号": case.case_no, "序号": "3", "过问人类别": "朋友"},
        {**ROW, "部门受案号": "不存在的受案号", "序号": "1"},
    ]


def test_import_refuses_bad_rows_by_line_and_is_idempotent(cast, case, colleague, tmp_path):
    path = write_csv(tmp_path / "inquiries.csv", _rows(case, colleague.staff_no))
    result = cases_import(path=path, kind="inquiries", user=cast.inspector)
    assert (result.imported, result.rejected) == (2, 2)
    assert [(e.line, e.column) for e in result.errors] == [(4, "过问人类别"), (5, "部门受案号")]
    first, second = InquiryRecord.objects.order_by("seq")
    assert first.unit == cast.unit_a and first.reporter == cast.handler.person
    assert first.get_category_display() == "律师" and first.inquirer_person is None
    assert second.inquirer_person == colleague
    again = cases_import(path=path, kind="inquiries", user=cast.inspector)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    assert InquiryRecord.objects.count() == 2


def test_import_from_xlsx_updates_a_changed_row(cast, case, colleague, tmp_path):
    rows = _rows(case, colleague.staff_no)[:1]
    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    sheet.append(list(rows[0].values()))
    book.save(tmp_path / "a.xlsx")
    assert cases_import(path=tmp_path / "a.xlsx", kind="inquiries", user=cast.office).imported == 1
    sheet["L2"] = "拒绝"  # 处理情况
    book.save(tmp_path / "a.xlsx")
    result = cases_import(path=tmp_path / "a.xlsx", kind="inquiries", user=cast.office)
    assert (result.imported, result.updated) == (0, 1)
    assert InquiryRecord.objects.get().response == "refused"


def test_liaisons_and_handlers_do_not_import_inquiries(cast, case, colleague, tmp_path):
    path = write_csv(tmp_path / "inquiries.csv", _rows(case, colleague.staff_no)[:1])
    for user in (cast.liaison_a, cast.handler):
        with pytest.raises(FileRefused):
            cases_import(path=path, kind="inquiries", user=user)
    assert not InquiryRecord.objects.exists()
