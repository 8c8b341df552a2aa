"""Hand-made import files, imported as a unit would, then `guifan checks run` and `guifan
checks findings --json`: exactly the breaches the law gives, at the day boundary."""

import json

import pytest

from guifan.cases.services import cases_import
from guifan.cli import main

pytestmark = pytest.mark.django_db

CASES = """部门受案号,案件名称,案件类别,单位编码,受理日期,办结日期,案件状态
甲检侦监受〔2015〕1号,张某盗窃案,审查逮捕,{a},2015-09-26,2015-10-03,结案
甲检侦监受〔2015〕2号,李某盗窃案,审查逮捕,{a},2015-09-26,2015-10-04,结案
甲检侦监受〔2015〕3号,王某诈骗案,审查逮捕,{a},2015-09-22,2015-10-08,结案
甲检侦监受〔2015〕4号,赵某诈骗案,审查逮捕,{a},2015-09-22,2015-10-09,结案
"""
MEASURES = """部门受案号,序号,嫌疑人序号,措施类型,执行时间
甲检侦监受〔2015〕1号,1,1,拘留,2015-09-20 09:00
甲检侦监受〔2015〕2号,1,1,拘留,2015-09-20 09:00
"""
COMPLAINTS = """部门受案号,序号,收到时间,程序性回复时间
甲检侦监受〔2015〕3号,1,2015-09-30 16:00,2015-10-08 17:00
甲检侦监受〔2015〕4号,1,2015-09-30 16:00,2015-10-09 09:00
"""


def findings_after_import(cast, tmp_path, capsys, files, rules) -> list[dict]:
    """Import ``files`` ((kind, CSV text) pairs) as a unit would, run ``rules`` with the
    CLI and read the findings back from `guifan checks findings --json`."""
    for kind, text in files:
        path = tmp_path / f"{kind}.csv"
        path.write_text(text.format(a=cast.unit_a.code), encoding="utf-8")
        result = cases_import(path=path, kind=kind)
        assert result.rejected == 0, result.errors
    assert main(["checks", "run", *[a for r in rules for a in ("--rule", r)], "--json"]) == 0
    capsys.readouterr()
    assert main(["checks", "findings", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_imported_cases_give_exactly_the_breaches_of_the_law(cast, on_world_date, tmp_path, capsys):
    files = (("cases", CASES), ("measures", MEASURES), ("complaints", COMPLAINTS))
    rows = findings_after_import(cast, tmp_path, capsys, files, ["R4-05", "R1-01"])
    # 1: detained, 7 days end on 10-03 (a holiday, no roll-over): in time.
    # 2: detained, closed 10-04: late.  3: not detained, 15 days end on 10-07, a holiday,
    # rolled to 10-08: in time.  4: closed 10-09: late.  Complaints: a reply on 10-08 is in
    # time (10-07 rolled over), on 10-09 late.
    assert sorted((r["rule"], r["case_no"], r["deadline"], r["actual"]) for r in rows) == [
        ("R1-01", "甲检侦监受〔2015〕4号", "2015-10-08", "2015-10-09"),
        ("R4-05", "甲检侦监受〔2015〕2号", "2015-10-03", "2015-10-04"),
        ("R4-05", "甲检侦监受〔2015〕4号", "2015-10-08", "2015-10-09"),
    ]


INVESTIGATIONS = """部门受案号,案件名称,案件类别,单位编码,受理日期,立案日期,案件状态,是否自侦
甲检反贪受〔2015〕1号,钱某受贿案,职务犯罪立案侦查,{a},2015-09-30,2015-09-30,在办,是
甲检反贪受〔2015〕2号,孙某受贿案,职务犯罪立案侦查,{a},2015-09-30,2015-09-30,在办,是
"""
HOLDS = """部门受案号,序号,嫌疑人序号,措施类型,决定时间,执行时间
甲检反贪受〔2015〕1号,1,1,拘留,2015-09-26 09:00,2015-09-26 10:00
甲检反贪受〔2015〕1号,2,1,逮捕,2015-10-09 15:00,2015-10-09 17:00
甲检反贪受〔2015〕2号,1,1,拘留,2015-09-26 09:00,2015-09-26 10:00
甲检反贪受〔2015〕2号,2,1,逮捕,2015-10-09 15:00,2015-10-09 17:00
"""
TRANSFERS = """部门受案号,序号,移送类型,移送时间
甲检反贪受〔2015〕1号,1,立案备案,2015-10-08 10:00
甲检反贪受〔2015〕1号,2,报请逮捕,2015-10-03 10:00
甲检反贪受〔2015〕2号,1,立案备案,2015-10-09 10:00
甲检反贪受〔2015〕2号,2,报请逮捕,2015-10-04 10:00
"""


def test_imported_procedural_steps_give_the_added_rules_at_the_day_boundary(
    cast, on_world_date, tmp_path, capsys
):
    files = (("cases", INVESTIGATIONS), ("measures", HOLDS), ("transfers", TRANSFERS))
    rows = findings_after_import(cast, tmp_path, capsys, files, ["R6-03", "R4-04"])
    # 立案 09-30: 3 days end on 10-03, in the holiday, rolled to 10-08 (nobody held by it).
    # Detained 09-26: 7 days to report end on 10-03 and stay there (custody); the upper
    # procuratorate's 7 days from a report on 10-03 end on 10-10 (the arrest on 10-09 is
    # in time in both cases).
    assert sorted((r["rule"], r["case_no"], r["deadline"], r["actual"]) for r in rows) == [
        ("R4-04", "甲检反贪受〔2015〕2号", "2015-10-03", "2015-10-04"),
        ("R6-03", "甲检反贪受〔2015〕2号", "2015-10-08", "2015-10-09"),
    ]
