"""R7-05 辩护人资格冲突 (高检规则2012 第39条), decided by joining the defence register with the
staff registers by 身份证号: two years after leaving end on the same date (that day within),
the unit served at any time after, the spouse or child of serving staff in their own unit;
ID numbers masked on the finding."""

import json
from datetime import date

import pytest

from guifan.cases.models import Defender, StaffDeparture, StaffRelative, Suspect
from guifan.cases.services import cases_import
from guifan.checks.services import checks_run
from guifan.checks.tests.test_crosscase import flags
from guifan.cli import main
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb
from guifan.testing.factories import CaseFactory, PersonFactory
from guifan.testing.files import write_csv

pytestmark = pytest.mark.django_db
LAWYER = "37010219700101001X"


def defended(unit, engaged: date, id_no: str = LAWYER):
    case = CaseFactory(unit=unit)
    Defender.objects.create(case=case, seq=1, name="周某", id_no=id_no, engaged_on=engaged)
    return case


def left(unit, on: date, id_no: str = LAWYER, ref: str = "1"):
    StaffDeparture.objects.create(ref=ref, unit=unit, name="周某", id_no=id_no, left_on=on)


def test_two_years_after_leaving_end_on_the_same_date(cast, on_world_date):
    left(cast.unit_b, date(2014, 3, 20))
    last_day = defended(cast.unit_a, date(2016, 3, 20))
    day_after = defended(cast.unit_a, date(2016, 3, 21))
    checks_run(by=None, rules=["R7-05"])
    found = flags("R7-05")
    assert list(found) == [last_day.case_no] and day_after.case_no not in found
    facts = found[last_day.case_no].facts
    assert facts["id_no"] == "370102********001X" and LAWYER not in json.dumps(facts)
    assert facts["left_on"] == "2014-03-20" and "2016-03-20" in facts["note"]


def test_a_person_who_left_twice_is_one_finding_naming_the_later_departure(cast, on_world_date):
    """At a million demo cases two register rows of one 身份证号 gave the same finding twice."""
    left(cast.unit_b, date(2014, 9, 1), ref="1")
    left(cast.unit_a, date(2015, 1, 5), ref="2")
    case = defended(cast.unit_a, date(2016, 3, 1))
    run = checks_run(by=None, rules=["R7-05"])
    found = flags("R7-05")
    assert list(found) == [case.case_no] and run.findings == 2  # two years, and the unit served
    assert {f.facts["left_on"] for f in case.check_findings.all()} == {"2015-01-05"}


def test_the_unit_served_at_any_time_after_leaving(cast, on_world_date):
    left(cast.unit_a, date(2010, 1, 4))
    own = defended(cast.unit_a, date(2015, 6, 1))
    other = defended(cast.unit_b, date(2015, 6, 1))
    checks_run(by=None, rules=["R7-05"])
    found = flags("R7-05")
    assert list(found) == [own.case_no] and other.case_no not in found
    assert "近亲属" in found[own.case_no].facts["note"]  # the exception is left to a person


def test_spouse_or_child_of_serving_staff_in_their_own_unit(cast, on_world_date):
    colleague = PersonFactory(unit=cast.unit_a)
    for ref, relation, id_no in (("1", "spouse", LAWYER), ("2", "parent", "370102197001010028")):
        StaffRelative.objects.create(ref=ref, unit=cast.unit_a, person=colleague, name="周某",
                                     relation=relation, id_no=id_no)  # fmt: skip
    spouse = defended(cast.unit_a, date(2015, 6, 1))
    elsewhere = defended(cast.unit_b, date(2015, 6, 1))
    parent = defended(cast.unit_a, date(2015, 6, 1), id_no="370102197001010028")
    checks_run(by=None, rules=["R7-05"])
    found = flags("R7-05")
    assert list(found) == [spouse.case_no]
    assert {elsewhere.case_no, parent.case_no}.isdisjoint(found)
    assert colleague.name in found[spouse.case_no].facts["note"]


def test_a_register_entry_that_is_removed_closes_the_finding(cast, on_world_date):
    left(cast.unit_b, date(2015, 1, 5))
    case = defended(cast.unit_a, date(2015, 6, 1))
    checks_run(by=None, rules=["R7-05"])
    assert case.case_no in flags("R7-05")
    StaffDeparture.objects.all().delete()
    checks_run(by=None, rules=["R7-05"])
    assert flags("R7-05") == {}


def test_the_registers_import_by_alias_with_row_errors_and_idempotently(
    cast, on_world_date, tmp_path, capsys
):
    staff = PersonFactory(unit=cast.unit_a)
    departures = [
        {"编号": "D1", "原任职院编码": cast.unit_b.code, "离任人员姓名": "周某",
         "证件号码": LAWYER.lower(), "离职日期": "2014-03-20"},
        {"编号": "D2", "原任职院编码": cast.unit_b.code, "离任人员姓名": "吴某",
         "证件号码": "123", "离职日期": "2014-03-20"},
        {"编号": "D3", "原任职院编码": "999999", "离任人员姓名": "郑某",
         "证件号码": LAWYER, "离职日期": "2014-03-20"},
    ]  # fmt: skip
    path = write_csv(tmp_path / "staff_departures.csv", departures)
    result = cases_import(path=path, kind="staff_departures")
    assert (result.imported, result.rejected) == (1, 2)
    reasons = {e.line: (e.column, e.reason) for e in result.errors}
    assert reasons[3][0] == "证件号码" and "不是 18 位" in reasons[3][1]
    assert "单位“999999”不存在" in reasons[4][1]
    assert StaffDeparture.objects.get().id_no == LAWYER
    again = cases_import(path=path, kind="staff_departures")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)
    departures[0]["离职日期"] = "2014-03-21"
    changed = cases_import(path=write_csv(tmp_path / "d2.csv", departures), kind="staff_departures")
    assert changed.updated == 1
    entry = Entry.objects.filter(verb=Verb.CASE_EVENT_UPDATE).get()
    assert "更新离任人员登记（登记编号 D1）" in describe([entry])[0]
    relatives = [
        {"登记编号": "R1", "单位编码": cast.unit_a.code, "工号": staff.staff_no,
         "亲属姓名": "周某", "与本人关系": "妻子", "亲属身份证号": LAWYER},
        {"登记编号": "R2", "单位编码": cast.unit_b.code, "工号": staff.staff_no,
         "亲属姓名": "吴某", "与本人关系": "子女", "亲属身份证号": LAWYER},
        {"登记编号": "R3", "单位编码": cast.unit_a.code, "工号": staff.staff_no,
         "亲属姓名": "郑某", "与本人关系": "表兄", "亲属身份证号": LAWYER},
    ]  # fmt: skip
    path = write_csv(tmp_path / "staff_relatives.csv", relatives)
    result = cases_import(path=path, kind="staff_relatives")
    assert (result.imported, result.rejected) == (1, 2)
    reasons = {e.line: (e.column, e.reason) for e in result.errors}
    assert reasons[3] == ("检察人员工号", f"检察人员工号：工号“{staff.staff_no}”不是该单位的人员")
    assert "关系“表兄”无法识别" in reasons[4][1]
    assert StaffRelative.objects.get().relation == "spouse"
    assert cases_import(path=path, kind="staff_relatives").unchanged == 1
    defended(cast.unit_a, date(2015, 6, 1))
    assert main(["checks", "run", "--rule", "R7-05", "--json"]) == 0
    capsys.readouterr()
    assert main(["checks", "findings", "--rule", "R7-05", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)  # within two years; and a colleague's wife
    assert sorted(f["facts"]["note"][:6] for f in findings) == ["辩护人于 2", "辩护人系本院"]
    assert {f["facts"]["id_no"] for f in findings} == {"370102********001X"}


def test_a_near_relative_of_the_handler_among_the_suspects_or_defenders(cast, on_world_date):
    handler, colleague = PersonFactory(unit=cast.unit_a), PersonFactory(unit=cast.unit_a)
    brother, cousin = "370102197001010028", "370102197001010036"
    for ref, person, relation, id_no in (
        ("1", handler, "sibling", brother),
        ("2", handler, "other", cousin),  # not a near relative (近亲属)
        ("3", colleague, "parent", LAWYER),  # a colleague's: not the handler's
        ("4", handler, "parent", "370102197001010044"),
    ):
        StaffRelative.objects.create(ref=ref, unit=cast.unit_a, person=person, name="某",
                                     relation=relation, id_no=id_no)  # fmt: skip
    suspected = CaseFactory(unit=cast.unit_a, handler=handler)
    Suspect.objects.create(case=suspected, seq=2, name="某甲", id_no=brother)
    distant = CaseFactory(unit=cast.unit_a, handler=handler)
    Suspect.objects.create(case=distant, seq=1, name="某乙", id_no=cousin)
    other_handler = CaseFactory(unit=cast.unit_a, handler=colleague)
    Suspect.objects.create(case=other_handler, seq=1, name="某丙", id_no=brother)
    defence = CaseFactory(unit=cast.unit_a, handler=handler)
    Defender.objects.create(case=defence, seq=1, name="某丁", id_no="370102197001010044",
                            engaged_on=date(2015, 6, 1))  # fmt: skip
    colleagues = CaseFactory(unit=cast.unit_a, handler=handler)
    Defender.objects.create(case=colleagues, seq=1, name="周某", id_no=LAWYER,
                            engaged_on=date(2015, 6, 1))  # fmt: skip
    checks_run(by=None, rules=["R7-04"])
    found = flags("R7-04")
    assert sorted(found) == sorted([suspected.case_no, defence.case_no])
    assert found[suspected.case_no].subject == "suspect=2"
    assert "同胞兄弟姊妹" in found[suspected.case_no].facts["note"]
    assert brother not in json.dumps(found[suspected.case_no].facts)


def test_a_changed_register_is_a_different_input(cast, on_world_date):
    left(cast.unit_b, date(2015, 1, 5))
    defended(cast.unit_a, date(2015, 6, 1))
    first = checks_run(by=None, rules=["R7-05"]).input_hash
    assert checks_run(by=None, rules=["R7-05"]).input_hash == first
    StaffDeparture.objects.update(row_hash="changed")
    assert checks_run(by=None, rules=["R7-05"]).input_hash != first
