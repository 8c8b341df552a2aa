"""The demo's answer key is exact: the rules, judged case by case, find every planted
violation and nothing else, and none of the planted near-misses at the day boundary."""

import json
from datetime import timedelta

import pytest

from guifan.checks.catalog import catalog, implemented_codes
from guifan.checks.reference import RULES, check_case
from guifan.cli import main
from guifan.core.periods import days_deadline, working_days_deadline
from guifan.demo.answer_key import answer_key
from guifan.demo.events import EventGenerator
from guifan.demo.facts import rule_case
from guifan.demo.generator import WORLD_DATE, DemoWorld

# Every rule decided automatically: the planted ones must be found, the others never.
DECIDED = [code for code in implemented_codes() if catalog()[code].kind == "A"]

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module", params=(2016, 23))
def judged(request):
    """Every case of a world with what the rules find and what was planted."""
    world = DemoWorld(seed=request.param, cases=6000)
    rows = []
    for case, events in EventGenerator(world).cases_with_events():
        facts = rule_case(case, events, as_of=WORLD_DATE, cal=world.calendar)
        rows.append((case, events, facts, set(check_case(facts, DECIDED))))
    return world, rows


def test_the_rules_find_exactly_the_planted_violations(judged):
    _world, rows = judged
    for case, events, _facts, found in rows:
        planted = {
            rule
            for rule, outcome in events.expected.items()
            if outcome == "violation" and rule in DECIDED  # not the cross-case flags
        }
        assert found == planted, (case.case_no, found ^ planted)
    planted_rules = {r for _c, e, _f, _found in rows for r, o in e.expected.items()}
    assert len(planted_rules) >= 20


def test_skipping_a_rule_whose_table_is_empty_changes_nothing(judged):
    """``check_case`` skips a rule when the case has no row in the table it reads; every
    rule, called on every case, finds nothing more."""
    _world, rows = judged
    for case, _events, facts, _found in rows[::3]:
        direct = {code for code in RULES if RULES[code](facts)}
        assert set(check_case(facts, list(RULES))) == direct, case.case_no


def test_near_misses_sit_on_the_day_boundary(judged):
    """Among the planted near-misses: deadlines rolled over a rest day, working-day periods
    across a holiday or a 调休 working weekend, and custody periods ending on a holiday."""
    world, rows = judged
    cal = world.calendar
    rolled = across_holidays = custody_on_holiday = 0
    for case, events, facts, _found in rows:
        near = {rule for rule, outcome in events.expected.items() if outcome == "ok"}
        if "R1-01" in near:
            for row in facts.of("complaints"):
                start = row["received_at"].date()
                deadline = days_deadline(start, 7, cal, custody=False)
                rolled += row["procedural_reply_at"].date() == deadline != start + timedelta(7)
        if "R4-12" in near:
            for row in facts.of("properties"):
                start = row["seized_at"].date()
                deadline = days_deadline(start, 3, cal, custody=False)
                done = row["handed_to_custody_at"]
                rolled += bool(done) and done.date() == deadline != start + timedelta(3)
        if "R3-05" in near:
            for row in facts.of("lawyer_requests"):
                start = row["submitted_at"].date()
                deadline = working_days_deadline(start, 3, cal)
                days = [start + timedelta(n) for n in range(1, (deadline - start).days + 1)]
                odd = any(cal.is_workday(d) != (d.weekday() < 5) for d in days)
                answered = row["responded_at"] and row["responded_at"].date() == deadline
                across_holidays += bool(row["kind"] == "file_review" and answered and odd)
        if "R4-05" in near and facts.held_at_acceptance():
            last = case.accept_date + timedelta(7)
            custody_on_holiday += case.close_date == last and not cal.is_workday(last)
    assert rolled >= 3 and across_holidays >= 1 and custody_on_holiday >= 1, (
        rolled,
        across_holidays,
        custody_on_holiday,
    )


def test_the_answer_key_command_prints_one_json_array(capsys):
    assert main(["demo", "answer-key", "--cases", "400", "--json"]) == 0
    key = json.loads(capsys.readouterr().out)
    assert key == answer_key(cases=400)
    assert {row["expected"] for row in key} == {"violation", "ok"}
    assert all(set(row) == {"case_no", "rule", "expected"} for row in key)
    assert main(["demo", "answer-key", "--cases", "400"]) == 0
    assert "临界不违规" in capsys.readouterr().out
