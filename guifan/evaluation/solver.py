"""Assigning a batch's cases to evaluators: recusal as removed arcs, loads as flow bounds,
specialty as cost; solved as a min-cost flow with OR-Tools, deterministically.

Plain Python (no Django). network.py builds a small network (class nodes for cases alike,
segment trees over the units for evaluators) in which every path respects recusal; the
flow of each class is then handed out to its cases in id order. Same input, same output.

Loads: every evaluator takes between ``min_load`` and ``max_load`` (capped per person);
the lower bound is a demand at the evaluator node, the rest an arc to the sink.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from guifan.evaluation import network
from guifan.evaluation.recusal import Case, Evaluator, PersonalIndex, Policy, recusals


@dataclass(frozen=True)
class Problem:
    cases: Sequence[Case]
    evaluators: Sequence[Evaluator]
    min_load: int | None = None  # None: derived from the batch (balanced)
    max_load: int | None = None
    policy: Policy = field(default_factory=Policy)

    def digest(self) -> str:
        """SHA-256 of the inputs in a canonical form, for the journal."""
        data = {
            "cases": [
                [
                    c.id,
                    c.unit,
                    c.line,
                    sorted(c.involved),
                    sorted(c.prior_evaluators),
                    c.recheck,
                    c.need,
                ]
                for c in sorted(self.cases, key=lambda c: c.id)
            ],
            "evaluators": [
                [
                    e.id,
                    e.unit,
                    e.line,
                    sorted(e.specialties),
                    sorted(e.related_people),
                    sorted(e.related_cases),
                    e.cap,
                ]
                for e in sorted(self.evaluators, key=lambda e: e.id)
            ],
            "bounds": [self.min_load, self.max_load],
            "same_line": self.policy.same_line,
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Solution:
    assigned: dict[str, tuple[str, ...]]  # case id → evaluator ids
    loads: dict[str, int]  # evaluator id → cases
    mismatched: int  # (case, evaluator) pairs outside the evaluator's specialties
    min_load: int
    max_load: int

    def digest(self) -> str:
        text = json.dumps(sorted(self.assigned.items()), ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Explanation:
    """Why the batch cannot be assigned, in facts the Django side puts into words."""

    kind: str  # no_eligible | capacity | minimum | bottleneck | evaluator_minimum
    cases: tuple[str, ...] = ()
    evaluators: tuple[str, ...] = ()
    units: dict[str, int] = field(default_factory=dict)  # cases per unit
    need: int = 0
    capacity: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # recusal rule → evaluators


@dataclass
class Infeasible:
    explanations: list[Explanation]


def balanced_bounds(total: int, caps: Sequence[int | None]) -> tuple[int, int]:
    """The tightest loads that can carry ``total``: the smallest level L with
    Σ min(cap, L) ≥ total, and L − 1 below it."""
    if not caps:
        return 0, 0
    level = -(-total // len(caps))
    while sum(level if c is None else min(c, level) for c in caps) < total:
        if all(c is not None and c < level for c in caps):
            break  # every cap reached: the capacity check will explain
        level += 1
    return max(0, level - 1), level


def solve(problem: Problem) -> Solution | Infeasible:
    cases = sorted(problem.cases, key=lambda c: c.id)
    evaluators = sorted(problem.evaluators, key=lambda e: e.id)
    total = sum(c.need for c in cases)
    lo, hi = balanced_bounds(total, [e.cap for e in evaluators])
    lo = lo if problem.min_load is None else problem.min_load
    hi = hi if problem.max_load is None else problem.max_load
    bounds = {e.id: (min(lo, _cap(e, hi)), _cap(e, hi)) for e in evaluators}
    early = _precheck(cases, evaluators, bounds, problem.policy)
    if early:
        return Infeasible(early)
    net = network.build(cases, evaluators, bounds, problem.policy)
    flow = _flow(net)
    if flow.solve() != flow.OPTIMAL:
        return Infeasible(_explain(net, flow, cases, bounds))
    return _extract(net, flow, evaluators, lo, hi)


def _cap(evaluator: Evaluator, hi: int) -> int:
    return hi if evaluator.cap is None else min(hi, evaluator.cap)


def _precheck(cases, evaluators, bounds, policy) -> list[Explanation]:
    """What can be told without solving: cases nobody may take, and totals that cannot fit."""
    found = []
    counts = _eligible_counts(cases, evaluators, policy)
    stuck = [c for c, n in zip(cases, counts, strict=True) if n < c.need]
    if stuck:
        reasons: Counter[str] = Counter()
        for case in stuck[:50]:  # enough to say why; every pair of a large batch would be slow
            for e in evaluators:
                reasons.update(r.rule.value for r in recusals(e, case, policy))
        found.append(
            Explanation(
                "no_eligible",
                cases=tuple(c.id for c in stuck),
                units=dict(Counter(c.unit for c in stuck)),
                need=sum(c.need for c in stuck),
                reasons=dict(reasons),
            )
        )
    total = sum(c.need for c in cases)
    capacity = sum(hi for _, hi in bounds.values())
    floor = sum(lo for lo, _ in bounds.values())
    if total > capacity:
        found.append(Explanation("capacity", need=total, capacity=capacity))
    if floor > total:
        found.append(Explanation("minimum", need=total, capacity=floor))
    return found


def _eligible_counts(cases, evaluators, policy) -> list[int]:
    """How many evaluators may take each case, from counts per unit and line plus the few
    personal recusals, without comparing every pair."""
    index = PersonalIndex.build(evaluators)
    by_id = {e.id: e for e in evaluators}
    per_unit = Counter(e.unit for e in evaluators)
    per_line = Counter(e.line for e in evaluators if e.line)
    per_unit_line = Counter((e.unit, e.line) for e in evaluators if e.line)

    counts = []
    for case in cases:
        blocked = per_unit[case.unit]
        if policy.same_line and case.line:
            blocked += per_line[case.line] - per_unit_line[(case.unit, case.line)]
        personal = index.excluded(case)
        blocked += sum(
            1 for eid in personal if not network.group_excluded(by_id[eid], case, policy)
        )
        counts.append(len(evaluators) - blocked)
    return counts


def _flow(net: network.Network) -> min_cost_flow.SimpleMinCostFlow:
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(net.tails, dtype=np.int32),
        np.array(net.heads, dtype=np.int32),
        np.array(net.capacities, dtype=np.int64),
        np.array(net.costs, dtype=np.int64),
    )
    nodes = np.arange(len(net.supplies), dtype=np.int32)
    flow.set_nodes_supplies(nodes, np.array(net.supplies, dtype=np.int64))
    return flow


def _flows(flow: min_cost_flow.SimpleMinCostFlow) -> list[int]:
    return flow.flows(np.arange(flow.num_arcs(), dtype=np.int32)).tolist()


def _extract(net: network.Network, flow, evaluators, lo: int, hi: int) -> Solution:
    """Hand each class's evaluators to its cases in id order. A class needing k evaluators
    per case gets at most its size from anyone, so case i takes slots i, i + m, … and never
    the same person twice."""
    reached = network.decompose(net, _flows(flow))
    assigned: dict[str, tuple[str, ...]] = {}
    specialties = {e.id: e.specialties for e in evaluators}
    mismatched = 0
    for class_index, members in enumerate(net.class_cases):
        slots = [
            net.evaluators[i] for i, amount in sorted(reached[class_index]) for _ in range(amount)
        ]
        m, need = len(members), members[0].need
        for position, case in enumerate(members):
            chosen = tuple(sorted(slots[position + k * m] for k in range(need)))
            assigned[case.id] = chosen
            mismatched += sum(1 for e in chosen if case.line not in specialties[e])
    loads = Counter(e for chosen in assigned.values() for e in chosen)
    return Solution(
        assigned=assigned,
        loads={e: loads.get(e, 0) for e in net.evaluators},
        mismatched=mismatched,
        min_load=lo,
        max_load=hi,
    )


def _explain(net: network.Network, flow, cases, bounds) -> list[Explanation]:
    """Push as much as fits, then follow the residual network from the cases left over:
    the cases it reaches can only go to the evaluators it reaches, who are all full."""
    flow.solve_max_flow_with_min_cost()
    flows = _flows(flow)
    out_flow: Counter[int] = Counter()
    in_flow: Counter[int] = Counter()
    residual: dict[int, list[int]] = defaultdict(list)
    for t, h, f, c in zip(net.tails, net.heads, flows, net.capacities, strict=True):
        out_flow[t] += f
        in_flow[h] += f
        if f < c:
            residual[t].append(h)
        if f > 0:
            residual[h].append(t)
    n_classes = len(net.class_keys)
    left_over = [i for i in range(n_classes) if out_flow[i] < net.supplies[i]]
    found = []
    if left_over:
        seen, stack = set(left_over), list(left_over)
        while stack:
            node = stack.pop()
            for nxt in residual[node]:
                if nxt not in seen and nxt != net.sink:
                    seen.add(nxt)
                    stack.append(nxt)
        stuck = [c for i in sorted(seen) if i < n_classes for c in net.class_cases[i]]
        # Reached tree nodes are cut off by their full members: those are the people too.
        people = {net.evaluators[i - n_classes] for i in seen if n_classes <= i < net.sink}
        people.update(e for i in seen if i in net.tree_nodes for e in net.people_below(i))
        found.append(
            Explanation(
                "bottleneck",
                cases=tuple(c.id for c in stuck),
                evaluators=tuple(sorted(people)),
                units=dict(Counter(c.unit for c in stuck)),
                need=sum(c.need for c in stuck),
                capacity=sum(bounds[e][1] for e in people),
            )
        )
    # An evaluator keeps its minimum and passes the rest on to the sink.
    short = [
        eid
        for i, eid in enumerate(net.evaluators)
        if in_flow[n_classes + i] - out_flow[n_classes + i] < bounds[eid][0]
    ]
    if short:
        found.append(
            Explanation(
                "evaluator_minimum",
                evaluators=tuple(short),
                capacity=min(bounds[e][0] for e in short),
            )
        )
    return found or [Explanation("capacity", need=sum(c.need for c in cases))]
