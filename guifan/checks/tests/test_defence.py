"""R3-15 重大程序性决定未告知辩护律师: the defender on the register told of each decision within
notify_days (3 by default), the day of the decision not counted, rolled over a rest day; a
decision before the defender was engaged needs no notice. Reference at the day boundary,
then imported files through `guifan checks run` / `findings --json`."""

from datetime import date

import pytest
from django.test import override_settings

from guifan.checks.tests.test_imported import findings_after_import
from guifan.checks.tests.test_rules_periods import at, judge, row

D = date
SEP28, OCT8, OCT9 = D(2015, 9, 28), D(2015, 10, 8), D(2015, 10, 9)
DEFENDER = [row("defenders", engaged_on=D(2015, 9, 1))]
RETURNED = [row("returns", returned_on=SEP28)]


def told(day, matter="案件退回补充侦查", party="defender"):
    return [row("notices", party=party, matter=matter, notified_at=at(day, 16))]


def test_a_return_is_told_by_the_third_day_rolled_over_the_national_day():
    # 09-28 + 3 days = 10-01, in the holiday: the last day is 10-08.
    assert judge("R3-15", defenders=DEFENDER, returns=RETURNED, notices=told(OCT8)) == []
    late = judge("R3-15", defenders=DEFENDER, returns=RETURNED, notices=told(OCT9))
    assert late == [{"reason": "退回补充侦查 2015-09-28", "deadline": OCT8, "actual": OCT9}]
    assert judge("R3-15", as_of=OCT8, defenders=DEFENDER, returns=RETURNED) == []
    assert judge("R3-15", as_of=OCT9, defenders=DEFENDER, returns=RETURNED)[0]["actual"] is None


def test_only_a_notice_to_the_defender_naming_the_decision_and_after_it_counts():
    for notices in (
        told(D(2015, 9, 29), matter="已报请审查逮捕"),  # another decision
        told(D(2015, 9, 29), party="suspect"),  # the suspect, not the defender
        told(D(2015, 9, 27)),  # before the decision
    ):
        assert judge("R3-15", defenders=DEFENDER, returns=RETURNED, notices=notices)
    assert judge("R3-15", defenders=DEFENDER, returns=RETURNED, notices=told(SEP28, "退补")) == []


def test_a_decision_before_the_defender_was_engaged_needs_no_notice():
    engaged = [row("defenders", engaged_on=D(2015, 9, 29))]
    assert judge("R3-15", defenders=engaged, returns=RETURNED) == []
    engaged = [row("defenders", engaged_on=SEP28)]  # the same day: told
    assert judge("R3-15", defenders=engaged, returns=RETURNED)
    assert judge("R3-15", returns=RETURNED) == []  # no defender on the register


def test_every_kind_of_major_decision_is_told():
    case = {"close_type": "起诉", "close_date": D(2015, 6, 1)}
    parts = dict(
        defenders=[row("defenders", engaged_on=D(2015, 1, 5))],
        extensions=[row("extensions", approved_on=D(2015, 5, 4))],
        transfers=[row("transfers", kind="prosecution", transferred_at=at(D(2015, 5, 5))),
                   row("transfers", 2, kind="filing_record", transferred_at=at(D(2015, 5, 5)))],
        measures=[row("measures", suspect_seq=1, decided_at=at(D(2015, 1, 2))),
                  row("measures", 2, suspect_seq=1, decided_at=at(D(2015, 5, 6))),
                  row("measures", 3, suspect_seq=2, decided_at=at(D(2015, 5, 6)))],
    )  # fmt: skip
    assert [f["reason"] for f in judge("R3-15", case=case, **parts)] == [
        "延长期限 2015-05-04",
        "移送审查起诉 2015-05-05",
        "变更强制措施 2015-05-06",  # suspect 1's second measure; suspect 2's first is none
        "提起公诉 2015-06-01",
    ]
    notices = [
        *told(D(2015, 5, 5), "延长审查起诉期限"),
        *told(D(2015, 5, 6), "案件已移送审查起诉"),
        *told(D(2015, 5, 6), "变更强制措施情况"),
        *told(D(2015, 6, 3), "已向法院提起公诉"),
    ]
    assert judge("R3-15", case=case, notices=notices, **parts) == []
    assert len(judge("R3-15", case=case, notices=notices[:3], **parts)) == 1


CASES = """部门受案号,案件名称,案件类别,单位编码,受理日期,案件状态
甲检公诉受〔2015〕1号,张某盗窃案,审查起诉(一审),{a},2015-09-01,在办
甲检公诉受〔2015〕2号,李某盗窃案,审查起诉(一审),{a},2015-09-01,在办
甲检公诉受〔2015〕3号,王某盗窃案,审查起诉(一审),{a},2015-09-01,在办
"""
DEFENDERS = """部门受案号,序号,辩护人,执业证号,身份证号,委托日期
甲检公诉受〔2015〕1号,1,周律师,13701200910000001,37010219700101001X,2015-09-10
甲检公诉受〔2015〕2号,1,吴律师,13701200910000002,,2015-09-10
甲检公诉受〔2015〕3号,1,郑律师,,,2015-09-29
"""
RETURNS = """部门受案号,序号,退回日期
甲检公诉受〔2015〕1号,1,2015-09-28
甲检公诉受〔2015〕2号,1,2015-09-28
甲检公诉受〔2015〕3号,1,2015-09-28
"""
NOTICES = """部门受案号,序号,告知对象,告知事项,告知时间
甲检公诉受〔2015〕1号,1,辩护人,案件退回补充侦查,2015-10-08 17:30
甲检公诉受〔2015〕2号,1,辩护律师,案件退回补充侦查,2015-10-09 08:30
"""
FILES = (("cases", CASES), ("defenders", DEFENDERS), ("returns", RETURNS), ("notices", NOTICES))


@pytest.mark.django_db
def test_imported_register_and_notices_give_r3_15_at_the_day_boundary(
    cast, on_world_date, tmp_path, capsys
):
    rows = findings_after_import(cast, tmp_path, capsys, FILES, ["R3-15"])
    # 1: told on 10-08, the rolled-over last day: in time. 2: told 10-09: late.
    # 3: the defender came after the return: nothing to tell.
    assert [(r["case_no"], r["deadline"], r["actual"]) for r in rows] == [
        ("甲检公诉受〔2015〕2号", "2015-10-08", "2015-10-09")
    ]


@pytest.mark.django_db
@override_settings(GUIFAN_CHECKS_NOTIFY_DAYS=14)
def test_the_office_sets_the_days_to_tell(cast, on_world_date, tmp_path, capsys):
    assert findings_after_import(cast, tmp_path, capsys, FILES, ["R3-15"]) == []
