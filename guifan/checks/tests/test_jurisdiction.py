"""R6-01 受理不属本院管辖的案件: the 院辖区表 imported (aliases, several districts in a cell,
per-row errors, idempotent), the case's 犯罪地 and 侦查机关所在地 compared with it, and a
指定管辖 (the case's column or a 指定管辖决定书) excusing the case."""

from datetime import date

import pytest

from guifan.cases.models import Case, CaseDocument, Jurisdiction
from guifan.cases.services import cases_import
from guifan.checks.catalog import catalog
from guifan.checks.services import checks_run
from guifan.checks.tests.test_crosscase import flags
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb
from guifan.testing.factories import CaseFactory
from guifan.testing.files import write_csv

pytestmark = pytest.mark.django_db


def districts(cast, tmp_path, name="j.csv", a="临江区、江北区"):
    rows = [
        {"院编码": cast.unit_a.code, "管辖区域": a},
        {"院编码": cast.unit_b.code, "管辖区域": "石桥县; 白沙镇,石桥县"},
        {"院编码": "999999", "管辖区域": "云山县"},
        {"院编码": cast.city.code, "管辖区域": ""},
    ]
    return cases_import(path=write_csv(tmp_path / name, rows), kind="jurisdictions")


def test_the_districts_import_by_alias_with_row_errors_and_idempotently(cast, tmp_path):
    result = districts(cast, tmp_path)
    assert (result.imported, result.rejected) == (2, 2)
    reasons = {e.line: (e.column, e.reason) for e in result.errors}
    assert "单位“999999”不存在" in reasons[4][1] and reasons[5][0] == "管辖区域"
    assert Jurisdiction.objects.get(unit=cast.unit_b).names == ["石桥县", "白沙镇"]
    again = districts(cast, tmp_path)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    changed = districts(cast, tmp_path, "k.csv", a="临江区 江北区 中山区")
    assert changed.updated == 1 and Jurisdiction.objects.count() == 2
    assert Jurisdiction.objects.get(unit=cast.unit_a).names == ["临江区", "江北区", "中山区"]
    entry = Entry.objects.filter(verb=Verb.CASE_EVENT_UPDATE).get()
    assert "导入时更新甲区的院辖区" in describe([entry])[0]


HEAD = "部门受案号,案件名称,案件类别,单位编码,受理日期,案件状态,案发地,移送机关所在地,是否指定管辖"
CASES = (
    HEAD
    + """
甲区检公诉受[2015]1号,甲案,审查起诉,{a},2015-06-01,已结案,江州市云山县城关镇,云山县公安局,否
甲区检公诉受[2015]2号,乙案,审查起诉,{a},2015-06-01,已结案,江州市云山县城关镇,江州市临江区,否
甲区检公诉受[2015]3号,丙案,审查起诉,{a},2015-06-01,已结案,江州市江北区,云山县公安局,否
甲区检公诉受[2015]4号,丁案,审查起诉,{a},2015-06-01,已结案,江州市云山县城关镇,云山县公安局,是
甲区检公诉受[2015]5号,戊案,审查起诉,{a},2015-06-01,已结案,江州市云山县城关镇,云山县公安局,否
甲区检公诉受[2015]6号,己案,审查起诉,{a},2015-06-01,已结案,,,否
乙县检公诉受[2015]1号,庚案,审查起诉,{b},2015-06-01,已结案,江州市云山县,,否
"""
)


def test_a_case_from_outside_the_districts_without_designation_is_a_violation(
    cast, on_world_date, tmp_path
):
    path = tmp_path / "cases.csv"
    path.write_text(CASES.format(a=cast.unit_a.code, b=cast.unit_b.code), encoding="utf-8")
    result = cases_import(path=path, kind="cases")
    assert (result.imported, result.rejected) == (7, 0), result.errors
    fifth = Case.objects.get(case_no="甲区检公诉受[2015]5号")
    assert (fifth.crime_place, fifth.police_place) == ("江州市云山县城关镇", "云山县公安局")
    CaseDocument.objects.create(case=fifth, seq=1, doc_type="指定管辖决定书")
    checks_run(by=None, rules=["R6-01"])
    assert flags("R6-01") == {}  # no 院辖区表 yet: nothing is judged
    districts(cast, tmp_path)
    checks_run(by=None, rules=["R6-01"])
    found = flags("R6-01")
    # 2, 3: one place within; 4: 指定管辖 column; 5: 指定管辖决定书; 6: no place given;
    # 乙县: 云山县 outside 石桥县, 白沙镇 — a violation too.
    assert set(found) == {"甲区检公诉受[2015]1号", "乙县检公诉受[2015]1号"}
    note = found["甲区检公诉受[2015]1号"].facts["note"]
    assert note == (
        "犯罪地江州市云山县城关镇，侦查机关所在地云山县公安局，均不在本院辖区（临江区、江北区）内，"
        "且无指定管辖"
    )
    assert catalog()["R6-01"].implemented and catalog()["R6-01"].kind == "A"
    assert catalog()["R6-01"].missing == ""
    again = checks_run(by=None, rules=["R6-01"])
    assert (again.added, again.closed) == (0, 0)
    Jurisdiction.objects.filter(unit=cast.unit_b).update(districts="云山县")
    third = checks_run(by=None, rules=["R6-01"])
    assert third.closed == 1 and set(flags("R6-01")) == {"甲区检公诉受[2015]1号"}


def test_a_case_is_judged_against_its_own_unit_only(cast, on_world_date, tmp_path):
    districts(cast, tmp_path)
    inside_b = CaseFactory(
        unit=cast.unit_a, crime_place="石桥县城关镇", accept_date=date(2015, 6, 1)
    )
    checks_run(by=None, rules=["R6-01"])
    assert set(flags("R6-01")) == {inside_b.case_no}
