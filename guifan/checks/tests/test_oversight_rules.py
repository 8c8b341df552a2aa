"""R6-02 (clues to the 举报中心, 要案线索 on record), R7-06 (contacts outside working time or
place reported) and R6-07 (civil supervision not accepted while the court reviews), judged
by the reference at the day boundary and found after importing hand-made files."""

from datetime import date

import pytest

from guifan.checks.catalog import rule as catalog_rule
from guifan.checks.quotes import quotes_for
from guifan.checks.tests.test_imported import findings_after_import
from guifan.checks.tests.test_rules_periods import OCT8, OCT9, at, judge, row
from guifan.knowledge.selectors import SERVER
from guifan.knowledge.services import knowledge_load

D = date
SEP24 = D(2015, 9, 24)


def test_r6_02_a_clue_goes_to_the_reporting_centre_within_seven_days():
    def clue(sent, *, received=SEP24, major=False, recorded=None):
        return [row("clues", received_on=received, sent_to_centre_on=sent, is_major=major,
                    recorded_on=recorded)]  # fmt: skip

    # 09-24 + 7 days = 10-01, in the National Day holiday: rolled to 10-08.
    assert judge("R6-02", clues=clue(OCT8)) == []
    late = judge("R6-02", clues=clue(OCT9))
    assert [(f["reason"], f["deadline"], f["actual"]) for f in late] == [("centre", OCT8, OCT9)]
    # An ordinary week: 06-01 + 7 = 06-08, a Monday.
    assert judge("R6-02", clues=clue(D(2015, 6, 8), received=D(2015, 6, 1))) == []
    assert judge("R6-02", clues=clue(D(2015, 6, 9), received=D(2015, 6, 1)))
    # Not sent yet: late only once the last day has passed.
    assert judge("R6-02", as_of=OCT8, clues=clue(None)) == []
    assert judge("R6-02", as_of=OCT9, clues=clue(None))


def test_r6_02_a_major_clue_is_put_on_record_within_seven_days():
    def major(recorded):
        return [row("clues", received_on=D(2015, 9, 24), sent_to_centre_on=D(2015, 9, 25),
                    is_major=True, recorded_on=recorded)]  # fmt: skip

    assert judge("R6-02", clues=major(OCT8)) == []
    assert [f["reason"] for f in judge("R6-02", clues=major(OCT9))] == ["record"]
    assert [f["reason"] for f in judge("R6-02", clues=major(None))] == ["record"]
    ordinary = [{**major(None)[0], "is_major": False}]
    assert judge("R6-02", clues=ordinary) == []


def _contact(moment, place="workplace", reported=None):
    return [row("receptions", received_at=moment, place=place, reported_on=reported)]


def test_r7_06_office_hours_at_the_office_need_no_report():
    monday = D(2015, 9, 28)
    assert judge("R7-06", receptions=_contact(at(monday, 8, 30))) == []
    assert judge("R7-06", receptions=_contact(at(monday, 17, 29))) == []
    assert judge("R7-06", receptions=_contact(at(monday, 8, 29)))
    assert judge("R7-06", receptions=_contact(at(monday, 17, 30)))
    # 2015-10-10 is a Saturday worked in place of the holiday (调休): a working day.
    assert judge("R7-06", receptions=_contact(at(D(2015, 10, 10)))) == []
    # 2015-10-03 is in the National Day holiday; elsewhere on a working day also counts.
    assert judge("R7-06", receptions=_contact(at(D(2015, 10, 3))))[0]["reason"] == "time"
    assert judge("R7-06", receptions=_contact(at(monday), "other"))[0]["reason"] == "place"


def test_r7_06_a_contact_outside_is_reported_within_three_days():
    evening = at(D(2015, 9, 28), 19)  # + 3 days = 10-01, a holiday: rolled to 10-08
    assert judge("R7-06", receptions=_contact(evening, reported=OCT8)) == []
    found = judge("R7-06", receptions=_contact(evening, reported=OCT9))
    assert (found[0]["deadline"], found[0]["actual"]) == (OCT8, OCT9)
    assert judge("R7-06", as_of=OCT8, receptions=_contact(evening)) == []
    assert judge("R7-06", as_of=OCT9, receptions=_contact(evening))


def test_r6_07_accepted_while_the_court_still_had_time_to_rule():
    def case(accepted, ruled=None, category="生效裁判监督"):
        return {"category": category, "accept_date": accepted,
                "retrial_applied_on": D(2015, 7, 7), "retrial_ruled_on": ruled}  # fmt: skip

    # Three months from 07-07 end on 10-07, a holiday: the court had until 10-08.
    found = judge("R6-07", case=case(OCT8))
    assert (found[0]["court_deadline"], found[0]["actual"]) == (OCT8, OCT8)
    assert judge("R6-07", case=case(OCT9)) == []
    assert judge("R6-07", case=case(OCT8, ruled=OCT8)) == []  # ruled that day: may accept
    assert judge("R6-07", case=case(OCT8, ruled=OCT9))
    assert judge("R6-07", case=case(OCT8, category="执行监督")) == []
    assert judge("R6-07", case={**case(OCT8), "retrial_applied_on": None}) == []


CASES = """部门受案号,案件名称,案件类别,单位编码,受理日期,案件状态,申请再审日期,再审裁定日期
甲检公诉受〔2015〕1号,张某盗窃案,审查起诉(一审),{a},2015-09-20,在办,,
甲检民行受〔2015〕1号,甲公司合同纠纷监督案,生效裁判监督,{a},2015-10-08,在办,2015-07-07,
甲检民行受〔2015〕2号,乙公司合同纠纷监督案,生效裁判监督,{a},2015-10-09,在办,2015-07-07,
"""
CLUES = """部门受案号,序号,收到日期,移送举报中心日期,要案线索,要案线索备案日期
甲检公诉受〔2015〕1号,1,2015-09-24,2015-10-08,是,2015-10-08
甲检公诉受〔2015〕1号,2,2015-09-24,2015-10-09,否,
"""
RECEPTIONS = """部门受案号,序号,接待人,身份,接触时间,场所,报告日期
甲检公诉受〔2015〕1号,1,9701020001,辩护律师,2015-09-28 17:29,接待室,
甲检公诉受〔2015〕1号,2,9701020001,辩护律师,2015-09-28 19:00,本院,2015-10-08
甲检公诉受〔2015〕1号,3,9701020001,家属,2015-09-28 10:00,其他场所,2015-10-09
"""


def test_imported_records_give_the_three_rules_at_the_day_boundary(
    cast, on_world_date, tmp_path, capsys
):
    files = (("cases", CASES), ("clues", CLUES), ("receptions", RECEPTIONS))
    rows = findings_after_import(cast, tmp_path, capsys, files, ["R6-02", "R7-06", "R6-07"])
    assert sorted((r["rule"], r["case_no"], r["deadline"], r["actual"]) for r in rows) == [
        ("R6-02", "甲检公诉受〔2015〕1号", "2015-10-08", "2015-10-09"),
        ("R6-07", "甲检民行受〔2015〕1号", "2015-10-08", "2015-10-08"),
        ("R7-06", "甲检公诉受〔2015〕1号", "2015-10-08", "2015-10-09"),
    ]


def test_the_report_days_are_a_setting(cast, on_world_date, tmp_path, capsys, settings):
    settings.GUIFAN_RULE_PARAMS = {"R7-06": {"report_days": 12}}  # 09-28 + 12 = 10-10
    files = (("cases", CASES), ("receptions", RECEPTIONS))
    assert findings_after_import(cast, tmp_path, capsys, files, ["R7-06"]) == []


@pytest.mark.django_db
def test_the_articles_are_quoted_from_the_corpus(settings):
    knowledge_load(paths=[settings.GUIFAN_LAWS_DIR])
    clues = [q.text for q in quotes_for(SERVER, catalog_rule("R6-02"))]
    assert "七日以内移送举报中心" in clues[0] and "受理后七日以内办理" in clues[1]
    retrial = quotes_for(SERVER, catalog_rule("R6-07"))[0].text
    assert "超过三个月未对再审申请作出裁定" in retrial
