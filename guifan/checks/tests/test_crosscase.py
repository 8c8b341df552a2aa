"""The cross-case H rules (R1-05, R5-03, R5-04, R8-02): a group inside the window is
flagged on its latest case with the other cases listed, one just outside is not, and a
re-run neither duplicates a flag nor keeps one whose group has gone."""

import json
from datetime import date, timedelta

import pytest

from guifan.cases.models import CaseComplaint, LawyerRequest, Suspect
from guifan.checks.facts import labelled
from guifan.checks.models import Finding
from guifan.checks.services import checks_run
from guifan.checks.tests.conftest import at
from guifan.cli import main
from guifan.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db
RUDE = "反映办案人员态度生硬"


def flags(rule: str) -> dict[str, Finding]:
    found = Finding.objects.filter(rule=rule, holds=True).select_related("case")
    return {f.case.case_no: f for f in found}


def complaint(unit, handler, received: date, topic: str = RUDE, hour: int = 10):
    case = CaseFactory(unit=unit, handler=handler)
    CaseComplaint.objects.create(case=case, seq=1, received_at=at(received, hour), topic=topic)
    return case


def test_two_conduct_complaints_about_one_handler_within_12_months_are_flagged(cast, on_world_date):
    handler, apart, other = (PersonFactory(unit=cast.unit_a) for _ in range(3))
    first = complaint(cast.unit_a, handler, date(2015, 1, 10), hour=8)
    complaint(cast.unit_a, handler, date(2015, 6, 1), topic="反映案件久拖不决")  # not conduct
    # 365 calendar days on (365 days and 15 hours): within; windows count days, not hours.
    second = complaint(cast.unit_a, handler, date(2016, 1, 10), hour=23)
    complaint(cast.unit_a, apart, date(2015, 1, 9), hour=23)
    complaint(cast.unit_a, apart, date(2016, 1, 10))  # 366 days on: outside
    complaint(cast.unit_a, other, date(2015, 3, 1))
    run = checks_run(by=None, rules=["R1-05"])
    assert list(flags("R1-05")) == [second.case_no] and run.findings == 1
    finding = flags("R1-05")[second.case_no]
    assert finding.facts["group"] == [first.case_no] and finding.facts["count"] == 2
    assert finding.status == "pending" and finding.citation == "专项整治第①项"
    assert first.case_no in finding.explanation and "人工复核" in finding.explanation
    assert ("同组其他案件", first.case_no) in labelled(finding.facts)  # as the page shows it


def test_a_rerun_keeps_the_flag_once_and_closes_it_when_the_group_is_gone(cast, on_world_date):
    handler = PersonFactory(unit=cast.unit_a)
    first = complaint(cast.unit_a, handler, date(2015, 2, 1))
    second = complaint(cast.unit_a, handler, date(2015, 4, 1))
    checks_run(by=None, rules=["R1-05"])
    Finding.objects.filter(rule="R1-05").update(status="dismissed", reason="已核实无问题")
    again = checks_run(by=None, rules=["R1-05"])
    assert (again.findings, again.added, again.closed) == (1, 0, 0)
    assert Finding.objects.get(rule="R1-05").status == "dismissed"  # the decision is kept
    CaseComplaint.objects.filter(case=first).update(topic="不服处理决定")
    gone = checks_run(by=None, rules=["R1-05"])
    assert (gone.findings, gone.closed) == (0, 1)
    assert not Finding.objects.get(rule="R1-05", case=second).holds
    assert Finding.objects.count() == 1


def accepted(unit, id_no: str, on: date, *, cause="盗窃罪", closed: date | None = None):
    case = CaseFactory(unit=unit, cause=cause, accept_date=on, close_date=closed)
    Suspect.objects.create(case=case, seq=1, name="王某", id_no=id_no)
    return case


def test_one_suspect_accepted_twice_for_one_cause_within_30_days_is_flagged(cast, on_world_date):
    first = accepted(cast.unit_a, "110101198001010011", date(2015, 3, 1))
    second = accepted(cast.unit_a, "110101198001010011", date(2015, 3, 31))  # 30 days on
    accepted(cast.unit_a, "110101198001010011", date(2015, 3, 20), cause="诈骗罪")
    accepted(cast.unit_a, "110101198001010022", date(2015, 3, 1))
    accepted(cast.unit_a, "110101198001010022", date(2015, 4, 1))  # 31 days on: outside
    checks_run(by=None, rules=["R5-03"])
    assert list(flags("R5-03")) == [second.case_no]
    facts = flags("R5-03")[second.case_no].facts
    assert facts["group"] == [first.case_no] and facts["count"] == 2
    assert facts["id_no"] == "110101********0011"  # the number is not shown in full
    again = checks_run(by=None, rules=["R5-03"])
    assert (again.findings, again.added, again.closed) == (1, 0, 0)


def test_a_case_closed_in_december_and_accepted_again_in_january_is_flagged(cast, on_world_date):
    december = accepted(cast.unit_a, "A1", date(2015, 10, 1), closed=date(2015, 12, 28))
    january = accepted(cast.unit_a, "A1", date(2016, 1, 5))
    accepted(cast.unit_a, "B2", date(2015, 10, 1), closed=date(2015, 11, 30))  # November
    accepted(cast.unit_a, "B2", date(2016, 1, 5))
    accepted(cast.unit_a, "C3", date(2015, 10, 1), closed=date(2015, 12, 28))
    accepted(cast.unit_a, "C3", date(2016, 2, 1))  # February
    accepted(cast.unit_a, "D4", date(2015, 10, 1), closed=date(2014, 12, 28))
    accepted(cast.unit_a, "D4", date(2016, 1, 5))  # a December a year earlier
    accepted(cast.unit_a, "E5", date(2016, 1, 5), cause="诈骗罪")  # another cause than A1's
    checks_run(by=None, rules=["R5-04"])
    assert list(flags("R5-04")) == [january.case_no]
    facts = flags("R5-04")[january.case_no].facts
    assert facts["group"] == [december.case_no] and facts["closed_on"] == "2015-12-28"
    again = checks_run(by=None, rules=["R5-04"])
    assert (again.findings, again.added, again.closed) == (1, 0, 0)


def represented(unit, handler, lawyer: str, days: list[date], close_type: str = "提起公诉"):
    cases = []
    for day in days:
        case = CaseFactory(unit=unit, handler=handler, close_type=close_type)
        LawyerRequest.objects.create(
            case=case, seq=1, kind="file_review", lawyer_name=lawyer, submitted_at=at(day)
        )
        cases.append(case)
    return cases


def test_one_lawyer_with_one_prosecutor_in_five_cases_within_12_months_is_flagged(
    cast, on_world_date
):
    handler, other = PersonFactory(unit=cast.unit_a), PersonFactory(unit=cast.unit_a)
    days = [date(2015, 1, 10), date(2015, 3, 1), date(2015, 6, 1), date(2015, 9, 1)]
    cases = represented(cast.unit_a, handler, "李律师", days[:3], close_type="不起诉")
    cases += represented(cast.unit_a, handler, "李律师", [days[3], date(2016, 1, 10)])
    # Five cases, all favourable, but the first 366 days before the last: four in the window.
    represented(cast.unit_a, handler, "赵律师", [date(2015, 1, 9), *days[1:]], "不起诉")
    represented(cast.unit_a, handler, "赵律师", [date(2016, 1, 10)], "不起诉")
    # Five cases of one lawyer with two prosecutors.
    represented(cast.unit_a, PersonFactory(unit=cast.unit_a), "周律师", days[:3])
    represented(cast.unit_a, other, "周律师", [days[3], date(2016, 1, 10)])
    # Five within the window with two favourable (40%): under the line.
    represented(cast.unit_a, other, "钱律师", days[:2], close_type="不起诉")
    represented(cast.unit_a, other, "钱律师", [*days[2:], date(2016, 1, 10)])
    # The unit's other cases with a lawyer: 50 closed cases in all, 10 favourable (20%), so
    # the line for five cases is 20% + 2 × 17.9 = 55.8%: 60% is above it, 40% is not.
    filler = [date(2015, 2, 1) + timedelta(days=i) for i in range(30)]
    represented(cast.unit_a, PersonFactory(unit=cast.unit_a), "孙律师", filler)
    checks_run(by=None, rules=["R8-02"])
    assert list(flags("R8-02")) == [cases[-1].case_no]
    facts = flags("R8-02")[cases[-1].case_no].facts
    assert (facts["count"], facts["favourable"], facts["rate"]) == (5, 3, 60.0)
    assert facts["group"] == [c.case_no for c in cases[:-1]]
    assert (facts["unit_rate"], facts["unit_cases"], facts["limit"]) == (20.0, 50, 55.8)
    assert ("本院有利结论率均值（%）", "20.0") in labelled(facts)
    again = checks_run(by=None, rules=["R8-02"])
    assert (again.findings, again.added, again.closed) == (1, 0, 0)


def test_a_pair_is_not_compared_in_a_unit_with_too_few_cases(cast, on_world_date):
    handler = PersonFactory(unit=cast.unit_a)
    days = [date(2015, 1, 10), date(2015, 3, 1), date(2015, 6, 1), date(2015, 9, 1)]
    represented(cast.unit_a, handler, "李律师", days, close_type="不起诉")
    represented(cast.unit_a, handler, "李律师", [date(2015, 10, 1)])
    represented(cast.unit_a, PersonFactory(unit=cast.unit_a), "孙律师", days * 3 + days[:2])
    run = checks_run(by=None, rules=["R8-02"])  # 19 closed cases: no mean to compare with
    assert run.findings == 0


def test_a_run_of_all_rules_includes_the_cross_case_passes(cast, on_world_date):
    handler = PersonFactory(unit=cast.unit_a)
    complaint(cast.unit_a, handler, date(2015, 2, 1))
    last = complaint(cast.unit_a, handler, date(2015, 4, 1))
    run = checks_run(by=None)
    assert "R1-05" in run.rules and last.case_no in flags("R1-05")


def test_the_command_runs_one_cross_case_rule_alone(cast, on_world_date, capsys):
    second = accepted(cast.unit_a, "110101198001010011", date(2015, 3, 10))
    accepted(cast.unit_a, "110101198001010011", date(2015, 3, 1))
    CaseComplaint.objects.create(case=second, seq=1, received_at=at(date(2015, 6, 1)))
    assert main(["checks", "run", "--rule", "R5-03", "--json"]) == 0
    run = json.loads(capsys.readouterr().out)
    assert run["rules"] == ["R5-03"] and (run["findings"], run["added"]) == (1, 1)
    assert main(["checks", "findings", "--json"]) == 0  # the unanswered complaint: not run
    rows = json.loads(capsys.readouterr().out)
    assert [(r["rule"], r["case_no"], r["status"]) for r in rows] == [
        ("R5-03", second.case_no, "pending")
    ]


def test_a_later_complaint_moves_the_flag_to_the_newest_case(cast, on_world_date):
    handler = PersonFactory(unit=cast.unit_a)
    complaint(cast.unit_a, handler, date(2015, 2, 1))
    middle = complaint(cast.unit_a, handler, date(2015, 4, 1))
    checks_run(by=None, rules=["R1-05"])
    newest = complaint(cast.unit_a, handler, date(2015, 9, 1))
    run = checks_run(by=None, rules=["R1-05"])
    assert (run.findings, run.added, run.closed) == (1, 1, 1)
    assert list(flags("R1-05")) == [newest.case_no]
    assert flags("R1-05")[newest.case_no].facts["count"] == 3
    assert not Finding.objects.get(rule="R1-05", case=middle).holds
