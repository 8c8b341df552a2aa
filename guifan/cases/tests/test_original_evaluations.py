"""The 2015 evaluations (原评查结果) as an import kind: what a 复查 compares with."""

from guifan.cases.models import OriginalEvaluation
from guifan.cases.services import cases_import
from guifan.testing.files import case_row, write_csv


def _row(seq, **overrides):
    row = {
        "部门受案号": "甲区检公诉受[2015]0001号", "序号": str(seq), "评查年度": "2015",
        "评查单位": "某市人民检察院", "评查等次": "瑕疵",
        "发现的问题": "讯问未全程同步录音录像", "整改情况": "已建立核对制度",
        "原评查人工号": "9801010001",
    }  # fmt: skip
    return row | overrides


def test_original_evaluations_are_imported_with_line_numbered_errors(registry, tmp_path):
    cases_import(path=write_csv(tmp_path / "cases.csv", [case_row(1)]), kind="cases")
    path = write_csv(tmp_path / "原评查.csv", [_row(1), _row(2, 评查等次="很好", 评查单位="")])
    result = cases_import(path=path, kind="original_evaluations")
    assert (result.imported, result.rejected) == (1, 1)
    assert result.errors[0].line == 3
    reasons = " ".join(e.reason for e in result.errors)
    assert "评查单位" in reasons or "评查等次" in reasons
    original = OriginalEvaluation.objects.get()
    assert (original.grade, original.year, original.evaluating_unit) == (
        "flawed",
        2015,
        "某市人民检察院",
    )
    again = cases_import(
        path=write_csv(tmp_path / "again.csv", [_row(1)]), kind="original_evaluations"
    )
    assert (again.imported, again.unchanged) == (0, 1)
