"""Assigning a batch's cases to evaluators: recusal as removed arcs, loads as flow bounds,
specialty as cost; solved as a min-cost flow with OR-Tools, deterministically.

Plain Python (no Django). The network is kept small by grouping: cases that share unit,
business line and the number of evaluators they need form one class node; evaluators who
share unit, line and specialties form one group node. A class reaches a group only when
no member of the group must recuse from it for unit or line reasons. A case that some
evaluator must recuse from for personal reasons (handled it, declared a conflict, evaluated
it before) is a class of its own whose arcs skip those people. Cases needing two or more
evaluators go straight to evaluators, with at most the class's size per evaluator, so that
no case gets the same person twice. The flow of each class is then handed out to its cases
in id order. Same input, same output.

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

from guifan.evaluation.recusal import Case, Evaluator, PersonalIndex, Policy, recusals

MISMATCH_COST = 1  # per case given to an evaluator outside its business line


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


@dataclass
class _Graph:
    flow: min_cost_flow.SimpleMinCostFlow
    class_keys: list
    class_cases: list[list[Case]]
    groups: list[list[str]]
    evaluators: list[str]
    arcs: list[tuple[str, int, int]]  # (kind, from, to) per arc; kinds: cg, ce, ge, es
    tails: list[int]
    heads: list[int]
    capacities: list[int]
    sink: int
    supplies: list[int]


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
    graph = _build(cases, evaluators, bounds, problem.policy)
    status = graph.flow.solve()
    if status != graph.flow.OPTIMAL:
        return Infeasible(_explain(graph, cases, evaluators, bounds))
    return _extract(graph, evaluators, lo, hi)


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

    def blocked_by_group(e: Evaluator, case: Case) -> bool:
        return e.unit == case.unit or (policy.same_line and bool(e.line) and e.line == case.line)

    counts = []
    for case in cases:
        blocked = per_unit[case.unit]
        if policy.same_line and case.line:
            blocked += per_line[case.line] - per_unit_line[(case.unit, case.line)]
        personal = index.excluded(case)
        blocked += sum(1 for eid in personal if not blocked_by_group(by_id[eid], case))
        counts.append(len(evaluators) - blocked)
    return counts


def _build(cases, evaluators, bounds, policy) -> _Graph:
    index = PersonalIndex.build(evaluators)
    classes: dict[tuple, list[Case]] = defaultdict(list)
    excluded: dict[str, frozenset[str]] = {}
    for case in cases:
        personal = index.excluded(case)
        if personal:
            excluded[case.id] = personal
            classes[("one", case.id)].append(case)
        else:
            classes[("class", case.unit, case.line, case.need)].append(case)
    group_of: dict[tuple, list[Evaluator]] = defaultdict(list)
    for e in evaluators:
        group_of[(e.unit, e.line if policy.same_line else "", e.specialties)].append(e)
    group_keys = sorted(group_of, key=lambda k: (k[0], k[1], sorted(k[2])))
    class_keys = sorted(classes)
    n_classes, n_groups = len(class_keys), len(group_keys)
    eval_ids = [e.id for e in evaluators]
    eval_pos = {eid: n_classes + n_groups + i for i, eid in enumerate(eval_ids)}
    sink = n_classes + n_groups + len(evaluators)
    tails, heads, caps, costs, arcs = [], [], [], [], []

    def arc(kind, tail, head, capacity, cost, ends):
        tails.append(tail)
        heads.append(head)
        caps.append(capacity)
        costs.append(cost)
        arcs.append((kind, *ends))

    for ci, key in enumerate(class_keys):
        members = classes[key]
        first = members[0]
        size = len(members)
        personal = excluded.get(first.id, frozenset())
        for gi, gkey in enumerate(group_keys):
            unit, line, specialties = gkey
            if unit == first.unit or (policy.same_line and line and line == first.line):
                continue
            cost = 0 if first.line in specialties else MISMATCH_COST
            people = group_of[gkey]
            if first.need == 1 and not personal.intersection(e.id for e in people):
                arc("cg", ci, n_classes + gi, size, cost, (ci, gi))
                continue
            for e in people:
                if e.id not in personal:
                    arc(
                        "ce",
                        ci,
                        eval_pos[e.id],
                        size,
                        cost,
                        (ci, eval_pos[e.id] - n_classes - n_groups),
                    )
    for gi, gkey in enumerate(group_keys):
        for e in group_of[gkey]:
            arc(
                "ge",
                n_classes + gi,
                eval_pos[e.id],
                bounds[e.id][1],
                0,
                (gi, eval_pos[e.id] - n_classes - n_groups),
            )
    for i, eid in enumerate(eval_ids):
        lo, hi = bounds[eid]
        arc("es", eval_pos[eid], sink, hi - lo, 0, (i, 0))
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int32),
        np.array(heads, dtype=np.int32),
        np.array(caps, dtype=np.int64),
        np.array(costs, dtype=np.int64),
    )
    supplies = [sum(c.need for c in classes[k]) for k in class_keys] + [0] * n_groups
    supplies += [-bounds[eid][0] for eid in eval_ids]
    supplies.append(-(sum(supplies[:n_classes]) - sum(bounds[eid][0] for eid in eval_ids)))
    flow.set_nodes_supplies(
        np.arange(len(supplies), dtype=np.int32), np.array(supplies, dtype=np.int64)
    )
    return _Graph(
        flow, class_keys, [classes[k] for k in class_keys],
        [[e.id for e in group_of[k]] for k in group_keys], eval_ids, arcs, tails, heads, caps,
        sink, supplies,
    )  # fmt: skip


def _extract(graph: _Graph, evaluators, lo: int, hi: int) -> Solution:
    flows = graph.flow.flows(np.arange(graph.flow.num_arcs(), dtype=np.int32))
    to_eval: list[list[tuple[int, int]]] = [[] for _ in graph.class_keys]  # (evaluator, units)
    into_group: dict[int, list[tuple[int, int]]] = defaultdict(list)  # group → (class, units)
    out_of_group: dict[int, list[list[int]]] = defaultdict(list)  # group → [evaluator, units]
    for (kind, a, b), amount in zip(graph.arcs, flows.tolist(), strict=True):
        if amount <= 0:
            continue
        if kind == "ce":
            to_eval[a].append((b, amount))
        elif kind == "cg":
            into_group[b].append((a, amount))
        elif kind == "ge":
            out_of_group[a].append([b, amount])
    for group, incoming in into_group.items():  # hand each group's flow to its members
        outgoing = out_of_group[group]
        position = 0
        for class_index, amount in incoming:
            while amount:
                evaluator, left = outgoing[position]
                take = min(amount, left)
                to_eval[class_index].append((evaluator, take))
                outgoing[position][1] -= take
                amount -= take
                if outgoing[position][1] == 0:
                    position += 1
    assigned: dict[str, tuple[str, ...]] = {}
    specialties = {e.id: e.specialties for e in evaluators}
    mismatched = 0
    for class_index, members in enumerate(graph.class_cases):
        slots = [
            graph.evaluators[i] for i, amount in sorted(to_eval[class_index]) for _ in range(amount)
        ]
        m, need = len(members), members[0].need
        for position, case in enumerate(members):
            chosen = tuple(sorted(slots[position + k * m] for k in range(need)))
            assigned[case.id] = chosen
            mismatched += sum(1 for e in chosen if case.line not in specialties[e])
    loads = Counter(e for chosen in assigned.values() for e in chosen)
    return Solution(
        assigned=assigned,
        loads={e: loads.get(e, 0) for e in graph.evaluators},
        mismatched=mismatched,
        min_load=lo,
        max_load=hi,
    )


def _explain(graph: _Graph, cases, evaluators, bounds) -> list[Explanation]:
    """Push as much as fits, then follow the residual network from the cases left over:
    the cases it reaches can only go to the evaluators it reaches, who are all full."""
    flow = graph.flow
    flow.solve_max_flow_with_min_cost()
    flows = flow.flows(np.arange(flow.num_arcs(), dtype=np.int32)).tolist()
    out_flow: Counter[int] = Counter()
    in_flow: Counter[int] = Counter()
    residual: dict[int, list[int]] = defaultdict(list)
    for t, h, f, c in zip(graph.tails, graph.heads, flows, graph.capacities, strict=True):
        out_flow[t] += f
        in_flow[h] += f
        if f < c:
            residual[t].append(h)
        if f > 0:
            residual[h].append(t)
    n_classes = len(graph.class_keys)
    first_eval = n_classes + len(graph.groups)
    left_over = [i for i in range(n_classes) if out_flow[i] < graph.supplies[i]]
    found = []
    if left_over:
        seen, stack = set(left_over), list(left_over)
        while stack:
            node = stack.pop()
            for nxt in residual[node]:
                if nxt not in seen and nxt != graph.sink:
                    seen.add(nxt)
                    stack.append(nxt)
        stuck = [c for i in sorted(seen) if i < n_classes for c in graph.class_cases[i]]
        # Reached groups are cut off by their full members: those are the people too.
        people = {graph.evaluators[i - first_eval] for i in seen if i >= first_eval}
        people.update(
            e for i in seen if n_classes <= i < first_eval for e in graph.groups[i - n_classes]
        )
        people = sorted(people)
        found.append(
            Explanation(
                "bottleneck",
                cases=tuple(c.id for c in stuck),
                evaluators=tuple(people),
                units=dict(Counter(c.unit for c in stuck)),
                need=sum(c.need for c in stuck),
                capacity=sum(bounds[e][1] for e in people),
            )
        )
    # An evaluator keeps its minimum and passes the rest on to the sink.
    short = [
        eid
        for i, eid in enumerate(graph.evaluators)
        if in_flow[first_eval + i] - out_flow[first_eval + i] < bounds[eid][0]
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
