"""The pure assignment core: recusal is never broken, quotas hold, results repeat, and an
impossible batch is explained rather than raised."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from guifan.evaluation.recusal import Case, Evaluator, Policy, Rule, eligible, recusals
from guifan.evaluation.solver import Explanation, Infeasible, Problem, Solution, solve

UNITS = ["980102", "980103", "980104", "980121"]
LINES = ["gongsu", "zhenjian", "weijian"]


def test_each_recusal_rule_names_its_fact():
    e = Evaluator(
        "E1", "980102", line="gongsu", related_people=frozenset({"H9"}),
        related_cases=frozenset({"C2"}),
    )  # fmt: skip
    own = Case("C1", "980102", "gongsu")
    assert recusals(e, own) == [recusals(e, own)[0]] and recusals(e, own)[0].rule == Rule.OWN_UNIT
    handled = Case("C3", "980103", involved=frozenset({"E1"}))
    assert [r.rule for r in recusals(e, handled)] == [Rule.INVOLVED]
    relative = Case("C4", "980103", involved=frozenset({"H9"}))
    assert [(r.rule, r.detail) for r in recusals(e, relative)] == [(Rule.DECLARED_PERSON, "H9")]
    assert [r.rule for r in recusals(e, Case("C2", "980103"))] == [Rule.DECLARED_CASE]
    recheck = Case("C5", "980103", prior_evaluators=frozenset({"E1"}), recheck=True)
    assert [r.rule for r in recusals(e, recheck)] == [Rule.ORIGINAL_EVALUATOR]
    # Evaluating the same case again is only barred on a re-check.
    assert eligible(e, Case("C6", "980103", prior_evaluators=frozenset({"E1"})))
    same_line = Case("C7", "980103", "gongsu")
    assert eligible(e, same_line)
    assert [r.rule for r in recusals(e, same_line, Policy(same_line=True))] == [Rule.SAME_LINE]


def _check(problem: Problem, solution: Solution) -> None:
    evaluators = {e.id: e for e in problem.evaluators}
    for case in problem.cases:
        chosen = solution.assigned[case.id]
        assert len(chosen) == len(set(chosen)) == case.need
        for eid in chosen:
            assert eligible(evaluators[eid], case, problem.policy), (eid, case)
    loads = Counter(e for chosen in solution.assigned.values() for e in chosen)
    for e in problem.evaluators:
        cap = solution.max_load if e.cap is None else min(e.cap, solution.max_load)
        assert min(solution.min_load, cap) <= loads[e.id] <= cap


evaluators_st = st.lists(
    st.builds(
        Evaluator,
        id=st.from_regex(r"E[0-9]{3}", fullmatch=True),
        unit=st.sampled_from(UNITS),
        line=st.sampled_from(LINES),
        specialties=st.frozensets(st.sampled_from(LINES), max_size=2),
        related_people=st.frozensets(st.sampled_from(["H1", "H2", "H3"]), max_size=1),
        related_cases=st.frozensets(st.sampled_from(["C000", "C001"]), max_size=1),
        cap=st.none() | st.integers(0, 6),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda e: e.id,
)


@st.composite
def problems(draw):
    evaluators = draw(evaluators_st)
    ids = [e.id for e in evaluators]
    n = draw(st.integers(0, 40))
    cases = [
        Case(
            f"C{i:03d}",
            draw(st.sampled_from(UNITS)),
            draw(st.sampled_from(LINES)),
            involved=frozenset(
                draw(st.lists(st.sampled_from([*ids, "H1", "H2", "H3"]), max_size=2))
            ),
            prior_evaluators=frozenset(draw(st.lists(st.sampled_from(ids), max_size=2))),
            recheck=draw(st.booleans()),
            need=draw(st.sampled_from([1, 1, 1, 2])),
        )
        for i in range(n)
    ]
    bounds = draw(st.none() | st.tuples(st.integers(0, 3), st.integers(3, 12)))
    policy = Policy(same_line=draw(st.booleans()))
    if bounds is None:
        return Problem(cases, evaluators, policy=policy)
    return Problem(cases, evaluators, min_load=bounds[0], max_load=bounds[1], policy=policy)


@settings(max_examples=150, deadline=None)
@given(problem=problems(), shuffle=st.randoms())
def test_no_assignment_breaks_recusal_or_a_quota_and_results_repeat(problem, shuffle):
    result = solve(problem)
    cases, evaluators = list(problem.cases), list(problem.evaluators)
    shuffle.shuffle(cases)
    shuffle.shuffle(evaluators)
    again = solve(Problem(cases, evaluators, problem.min_load, problem.max_load, problem.policy))
    if isinstance(result, Infeasible):
        assert isinstance(again, Infeasible)
        assert result.explanations and all(isinstance(x, Explanation) for x in result.explanations)
        return
    _check(problem, result)
    assert again.assigned == result.assigned  # the input order does not matter
    assert problem.digest() == Problem(cases, evaluators, problem.min_load, problem.max_load,
                                       problem.policy).digest()  # fmt: skip


def test_loads_are_balanced_within_one_and_specialties_preferred():
    evaluators = [
        Evaluator(f"E{i}", UNITS[i % 4], specialties=frozenset({LINES[i % 3]})) for i in range(9)
    ]
    cases = [Case(f"C{i:03d}", UNITS[(i * 7) % 4], LINES[i % 3]) for i in range(100)]
    solution = solve(Problem(cases, evaluators))
    assert isinstance(solution, Solution)
    assert max(solution.loads.values()) - min(solution.loads.values()) <= 1
    assert solution.mismatched < 40  # a third would mismatch at random


def test_a_case_nobody_may_take_is_explained():
    evaluators = [Evaluator("E1", "980102"), Evaluator("E2", "980103")]
    cases = [Case("C1", "980104", involved=frozenset({"E1", "E2"})), Case("C2", "980104")]
    result = solve(Problem(cases, evaluators))
    assert isinstance(result, Infeasible)
    [why] = result.explanations
    assert (why.kind, why.cases, why.reasons) == ("no_eligible", ("C1",), {"involved": 2})


def test_a_bottleneck_names_the_cases_and_the_only_people_who_may_take_them():
    # Six cases of 980102 may only go to E2 (E1 is from 980102), whose limit is 4.
    evaluators = [Evaluator("E1", "980102"), Evaluator("E2", "980103", cap=4)]
    cases = [Case(f"A{i}", "980102") for i in range(6)] + [
        Case(f"B{i}", "980104") for i in range(2)
    ]
    result = solve(Problem(cases, evaluators, min_load=0, max_load=8))
    assert isinstance(result, Infeasible)
    why = next(x for x in result.explanations if x.kind == "bottleneck")
    assert why.units == {"980102": 6} and why.evaluators == ("E2",) and why.capacity == 4


def test_too_little_capacity_and_too_high_minimums_are_explained():
    evaluators = [Evaluator("E1", "980102"), Evaluator("E2", "980103")]
    cases = [Case(f"C{i}", "980104") for i in range(5)]
    kinds = [x.kind for x in solve(Problem(cases, evaluators, max_load=2)).explanations]
    assert kinds == ["capacity"]
    kinds = [x.kind for x in solve(Problem(cases, evaluators, min_load=3, max_load=5)).explanations]
    assert kinds == ["minimum"]


def test_an_evaluator_who_cannot_reach_the_minimum_is_named():
    evaluators = [Evaluator("E1", "980102"), Evaluator("E2", "980103")]
    cases = [Case(f"C{i}", "980102") for i in range(4)] + [Case("D1", "980103")]
    result = solve(Problem(cases, evaluators, min_load=2, max_load=4))
    assert isinstance(result, Infeasible)
    why = next(x for x in result.explanations if x.kind == "evaluator_minimum")
    assert why.evaluators == ("E1",)  # only D1 is not from E1's own unit


def test_a_case_needing_two_gets_two_different_people():
    evaluators = [Evaluator(f"E{i}", UNITS[i % 2]) for i in range(4)]
    cases = [Case(f"K{i}", "980121", need=2) for i in range(6)]
    solution = solve(Problem(cases, evaluators))
    assert isinstance(solution, Solution)
    assert all(len(set(v)) == 2 for v in solution.assigned.values())
    assert sorted(solution.loads.values()) == [3, 3, 3, 3]
