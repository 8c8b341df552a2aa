"""R5-01 案卡与文书不一致: a document stating the 受理日期, 结案日期, 罪名 or 结论 is compared with
the case card value by value, a day apart is a difference, a value left blank is not compared;
imported with the documents' optional columns and found by `guifan checks run`."""

from datetime import date

import pytest

from guifan.cases.models import CaseDocument
from guifan.checks.tests.test_imported import findings_after_import
from guifan.checks.tests.test_rules_periods import judge, row

CARD = {"accept_date": date(2015, 1, 5), "close_date": date(2015, 2, 4), "cause": "盗窃罪",
        "close_type": "起诉"}  # fmt: skip


def stated(**values):
    return [row("documents", doc_type="起诉书", **values)]


def test_each_stated_value_is_compared_with_the_card():
    same = stated(stated_accept_date=date(2015, 1, 5), stated_close_date=date(2015, 2, 4),
                  stated_cause="盗窃罪", stated_conclusion="起诉")  # fmt: skip
    assert judge("R5-01", case=CARD, documents=same) == []
    found = judge("R5-01", case=CARD, documents=stated(stated_close_date=date(2015, 2, 5)))
    assert found == [{"seq": 1, "reason": "结案日期不一致", "card": date(2015, 2, 4),
                      "document": date(2015, 2, 5)}]  # fmt: skip
    assert judge("R5-01", case=CARD, documents=stated(stated_cause="诈骗罪"))[0]["card"] == "盗窃罪"
    assert judge("R5-01", case=CARD, documents=stated(stated_conclusion="不起诉"))


def test_a_blank_value_or_another_spelling_is_no_difference():
    assert judge("R5-01", case=CARD, documents=stated()) == []  # states nothing
    assert judge("R5-01", case=CARD, documents=stated(stated_cause="盗窃　罪")) == []
    assert judge("R5-01", case=CARD, documents=stated(stated_accept_date=None)) == []


CASES = """部门受案号,案件名称,案件类别,案由,单位编码,受理日期,办结日期,结案方式,案件状态
甲检公诉受〔2015〕1号,张某盗窃案,审查起诉(一审),盗窃罪,{a},2015-09-01,2015-09-30,起诉,结案
甲检公诉受〔2015〕2号,李某盗窃案,审查起诉(一审),盗窃罪,{a},2015-09-01,2015-09-30,起诉,结案
"""
DOCUMENTS = """部门受案号,序号,文书类型,落款日期,载明受理日期,载明办结日期,文书罪名,文书结论
甲检公诉受〔2015〕1号,1,起诉书,2015-09-30,2015-09-01,2015-09-30,盗窃罪,起诉
甲检公诉受〔2015〕2号,1,起诉书,2015-09-30,2015-09-01,2015-10-01,盗窃罪,
"""


@pytest.mark.django_db
def test_imported_documents_stating_the_card_are_compared(cast, on_world_date, tmp_path, capsys):
    rows = findings_after_import(
        cast, tmp_path, capsys, (("cases", CASES), ("documents", DOCUMENTS)), ["R5-01"]
    )
    assert [(r["case_no"], r["facts"]["card"], r["facts"]["document"]) for r in rows] == [
        ("甲检公诉受〔2015〕2号", "2015-09-30", "2015-10-01")
    ]
    assert CaseDocument.objects.filter(stated_cause="盗窃罪").count() == 2


@pytest.mark.django_db
def test_stated_values_import_with_row_errors_and_idempotently(cast, tmp_path):
    from guifan.cases.services import cases_import

    (tmp_path / "cases.csv").write_text(CASES.format(a=cast.unit_a.code), encoding="utf-8")
    cases_import(path=tmp_path / "cases.csv", kind="cases")
    bad = DOCUMENTS + "甲检公诉受〔2015〕1号,2,起诉书,2015-09-30,2015-02-30,,,\n"
    path = tmp_path / "documents.csv"
    path.write_text(bad, encoding="utf-8")
    result = cases_import(path=path, kind="documents")
    assert (result.imported, result.rejected) == (2, 1)
    assert (result.errors[0].line, result.errors[0].column) == (4, "载明受理日期")
    assert "不存在" in result.errors[0].reason
    again = cases_import(path=path, kind="documents")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
