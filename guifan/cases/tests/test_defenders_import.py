"""Importing the defence register (辩护人): headers by name or alias, each bad row explained
with its line and reason, a re-import changes nothing, an ID number checked."""

from datetime import date

from guifan.cases.models import Defender
from guifan.cases.services import cases_import
from guifan.testing.files import case_row, write_csv

CASE_NO = "甲区检公诉受〔2015〕0001号"


def _row(seq, **values):
    row = {"受案号": CASE_NO, "编号": str(seq), "律师姓名": "周某", "执业证书号": "",
           "证件号码": "", "指派日期": "2015-03-20"}  # fmt: skip
    return row | values


def test_defenders_by_alias_with_per_row_errors_and_an_idempotent_reimport(registry, tmp_path):
    cases_import(path=write_csv(tmp_path / "cases.csv", [case_row(1)]), kind="cases")
    rows = [
        _row(1, 执业证书号="13701200910000001", 证件号码="37010219700101001x"),
        _row(2, 证件号码="3701021970010100"),  # 16 digits
        _row(3, 指派日期=""),
        _row(4, 受案号="甲区检公诉受〔2015〕0404号"),
        _row(5, 律师姓名=""),
    ]
    path = write_csv(tmp_path / "defenders.csv", rows)
    result = cases_import(path=path, kind="defenders")
    assert (result.imported, result.rejected) == (1, 4)
    reasons = {e.line: (e.column, e.reason) for e in result.errors}
    assert reasons[3][0] == "证件号码" and "不是 18 位" in reasons[3][1]
    assert reasons[4] == ("指派日期", "指派日期：必填项为空")  # named as the file names it
    assert "找不到部门受案号" in reasons[5][1]
    assert reasons[6] == ("律师姓名", "律师姓名：必填项为空")
    defender = Defender.objects.get()
    assert (defender.name, defender.licence_no, defender.id_no, defender.engaged_on) == (
        "周某", "13701200910000001", "37010219700101001X", date(2015, 3, 20)
    )  # fmt: skip
    again = cases_import(path=path, kind="defenders")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)
    assert Defender.objects.count() == 1
