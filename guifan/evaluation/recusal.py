"""Recusal (回避): who may not evaluate which case, each refusal with the fact behind it.

Plain Python with no Django import; the Django side builds these records from the
database and renders the reasons in Chinese (evaluation/explain.py). The rules follow
RULES-AND-PROCESS.md §1.6: never a case of one's own unit, never a case one handled,
reviewed or approved, never a declared conflict, never one's own earlier evaluation on a
re-check, and — if the office switches it on — never a case of one's own business line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Rule(StrEnum):
    OWN_UNIT = "own_unit"
    INVOLVED = "involved"
    DECLARED_PERSON = "declared_person"
    DECLARED_CASE = "declared_case"
    ORIGINAL_EVALUATOR = "original_evaluator"
    SAME_LINE = "same_line"


@dataclass(frozen=True)
class Evaluator:
    """A drawn evaluator, identified by 工号."""

    id: str
    unit: str  # unit code
    line: str = ""  # business line of the evaluator's own department
    specialties: frozenset[str] = frozenset()
    related_people: frozenset[str] = frozenset()  # declared relations (工号)
    related_cases: frozenset[str] = frozenset()  # declared cases (normalised 部门受案号)
    cap: int | None = None  # the most cases this person may take, if limited


@dataclass(frozen=True)
class Case:
    """A case of the batch, identified by its normalised 部门受案号."""

    id: str
    unit: str
    line: str = ""
    involved: frozenset[str] = frozenset()  # handler, reviewers, approvers (工号)
    prior_evaluators: frozenset[str] = frozenset()
    recheck: bool = False
    need: int = 1  # evaluators this case needs (2 for 重点评查 by default)


@dataclass(frozen=True)
class Policy:
    same_line: bool = False  # also recuse from cases of one's own business line


@dataclass(frozen=True)
class Recusal:
    rule: Rule
    detail: str  # the unit code, 工号 or case id the refusal rests on


def recusals(evaluator: Evaluator, case: Case, policy: Policy = Policy()) -> list[Recusal]:
    """Every reason why ``evaluator`` may not evaluate ``case``; empty means eligible."""
    found = []
    if evaluator.unit == case.unit:
        found.append(Recusal(Rule.OWN_UNIT, case.unit))
    if evaluator.id in case.involved:
        found.append(Recusal(Rule.INVOLVED, evaluator.id))
    for person in sorted(evaluator.related_people & case.involved):
        found.append(Recusal(Rule.DECLARED_PERSON, person))
    if case.id in evaluator.related_cases:
        found.append(Recusal(Rule.DECLARED_CASE, case.id))
    if case.recheck and evaluator.id in case.prior_evaluators:
        found.append(Recusal(Rule.ORIGINAL_EVALUATOR, evaluator.id))
    if policy.same_line and evaluator.line and evaluator.line == case.line:
        found.append(Recusal(Rule.SAME_LINE, case.line))
    return found


def eligible(evaluator: Evaluator, case: Case, policy: Policy = Policy()) -> bool:
    return not recusals(evaluator, case, policy)


@dataclass
class PersonalIndex:
    """Who is recused from a case for personal reasons (not unit or line), found through
    indexes instead of comparing every pair: the solver treats these cases one by one."""

    by_person: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_case: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    ids: frozenset[str] = frozenset()

    @classmethod
    def build(cls, evaluators: Iterable[Evaluator]) -> PersonalIndex:
        index = cls()
        ids = set()
        for e in evaluators:
            ids.add(e.id)
            for person in e.related_people:
                index.by_person[person].append(e.id)
            for case_id in e.related_cases:
                index.by_case[case_id].append(e.id)
        index.ids = frozenset(ids)
        return index

    def excluded(self, case: Case) -> frozenset[str]:
        """Evaluators recused from ``case`` by INVOLVED, DECLARED_* or ORIGINAL_EVALUATOR."""
        out = set(case.involved & self.ids)
        for person in case.involved:
            out.update(self.by_person.get(person, ()))
        out.update(self.by_case.get(case.id, ()))
        if case.recheck:
            out.update(case.prior_evaluators & self.ids)
        return frozenset(out)
