"""R5-05 报表与系统数据不符: a unit's monthly figures recounted from its case rows, the month's
first and last day on the right side, a mismatch recorded on the unit's case with the
greatest 部门受案号 among those counted, closed once the report is corrected."""

import json

from guifan.cases.services import cases_import
from guifan.checks.models import Finding
from guifan.checks.tests.test_imported import findings_after_import
from guifan.cli import main

CASES = """部门受案号,案件名称,案件类别,单位编码,受理日期,办结日期,结案方式,案件状态
甲检公诉受〔2015〕1号,张某盗窃案,审查起诉(一审),{a},2015-09-01,2015-09-30,不起诉,结案
甲检公诉受〔2015〕2号,李某盗窃案,审查起诉(一审),{a},2015-09-30,2015-10-01,起诉,结案
甲检公诉受〔2015〕3号,王某诈骗案,审查起诉(一审),{a},2015-10-01,,,在办
甲检侦监受〔2015〕4号,赵某诈骗案,审查逮捕,{a},2015-10-12,2015-10-19,批准逮捕,结案
"""
# September: accepted 2 (09-01, 09-30), concluded 1, 不起诉 1. October: accepted 1 (10-01;
# the 审查逮捕 case is not 审查起诉), concluded 2.
REPORTS = """单位编码,期间,指标,上报值
{a},2015-09,受理审查起诉件数,2
{a},2015-09,审结件数,1
{a},2015-09,不起诉件数,1
{a},2015-10,受理审查起诉件数,2
{a},2015-10,审结件数,2
{a},2015-11,不起诉件数,1
"""


def test_reported_figures_are_recounted_at_the_month_boundary(
    cast, on_world_date, tmp_path, capsys
):
    files = (("cases", CASES), ("stat_reports", REPORTS))
    rows = findings_after_import(cast, tmp_path, capsys, files, ["R5-05"])
    # October's 受理审查起诉件数 is 1, not 2: recorded on its only case. November counts no
    # 不起诉 at all: recorded on the unit's case with the greatest 部门受案号 (by
    # its normalised form: 公诉 sorts after 侦监).
    assert sorted((r["case_no"], r["facts"]["period"], r["facts"]["indicator"],
                   r["facts"]["reported"], r["facts"]["system"]) for r in rows) == [
        ("甲检公诉受〔2015〕3号", "2015-10", "受理审查起诉件数", 2, 1),
        ("甲检公诉受〔2015〕3号", "2015-11", "不起诉件数", 1, 0),
    ]  # fmt: skip
    finding = Finding.objects.get(subject="prosecution_accepted/2015-10")
    assert "上报 2，按案件数据统计为 1" in finding.explanation
    assert finding.explanation.startswith("甲区")


def test_a_corrected_report_closes_the_finding(cast, on_world_date, tmp_path, capsys):
    files = (("cases", CASES), ("stat_reports", REPORTS))
    findings_after_import(cast, tmp_path, capsys, files, ["R5-05"])
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(
        f"单位编码,期间,指标,上报值\n{cast.unit_a.code},2015-10,受理审查起诉件数,1\n",
        encoding="utf-8",
    )
    assert cases_import(path=fixed, kind="stat_reports").updated == 1
    assert main(["checks", "run", "--rule", "R5-05", "--json"]) == 0
    run = json.loads(capsys.readouterr().out)
    assert run["closed"] == 1
    assert Finding.objects.filter(holds=True).count() == 1
    assert not Finding.objects.get(subject="prosecution_accepted/2015-10").holds


def test_a_unit_outside_the_run_is_not_checked(cast, on_world_date, tmp_path):
    for kind, text in (("cases", CASES), ("stat_reports", REPORTS)):
        path = tmp_path / f"{kind}.csv"
        path.write_text(text.format(a=cast.unit_a.code), encoding="utf-8")
        assert cases_import(path=path, kind=kind).rejected == 0
    assert main(["checks", "run", "--rule", "R5-05", "--unit", cast.unit_b.code]) == 0
    assert not Finding.objects.exists()
    assert main(["checks", "run", "--rule", "R5-05", "--unit", cast.unit_a.code]) == 0
    assert Finding.objects.filter(rule="R5-05").count() == 2
