"""The flow network of an assignment, kept small, and reading the flow back per case.

Plain Python. Arcs from a case to every evaluator would be cases × evaluators (200 million
for a province). Instead:

* cases sharing unit, business line and the number of evaluators they need form one class
  node; a case some evaluator must recuse from for a personal reason (handled it elsewhere,
  declared a conflict, evaluated it before) is a class of its own;
* evaluators hang below segment trees over the units: per business line one tree of the
  evaluators with that specialty (cost 0) and one tree of everybody (cost 1). "Every unit
  but the case's own" is then a handful of tree nodes, O(log units) arcs per class;
* a unit holding someone the class must avoid for a personal reason is reached through
  direct arcs to its other members;
* classes whose cases need two or more evaluators go straight to each eligible evaluator,
  at most the class size each, so that no case gets the same person twice.

Every path from a class ends at an evaluator the class's cases may have, so any flow can
be split back into (case, evaluator) pairs without breaking a recusal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from guifan.evaluation.recusal import Case, Evaluator, PersonalIndex, Policy

MISMATCH_COST = 1  # per case given to an evaluator outside its business line


@dataclass
class Network:
    class_keys: list[tuple] = field(default_factory=list)
    class_cases: list[list[Case]] = field(default_factory=list)
    evaluators: list[str] = field(default_factory=list)
    tails: list[int] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    capacities: list[int] = field(default_factory=list)
    costs: list[int] = field(default_factory=list)
    supplies: list[int] = field(default_factory=list)
    # Tree nodes: node → (tree key, first unit index, last unit index).
    tree_nodes: dict[int, tuple] = field(default_factory=dict)
    members: dict[tuple, dict[int, list[int]]] = field(default_factory=dict)
    sink: int = 0
    first_evaluator: int = 0

    def arc(self, tail: int, head: int, capacity: int, cost: int) -> None:
        self.tails.append(tail)
        self.heads.append(head)
        self.capacities.append(capacity)
        self.costs.append(cost)

    def arcs_to(self, tail: int, heads: np.ndarray, capacity: int, costs: np.ndarray) -> None:
        """Many arcs from one node at once (a class to each of many evaluators)."""
        self.tails.extend([tail] * len(heads))
        self.heads.extend(heads.tolist())
        self.capacities.extend([capacity] * len(heads))
        self.costs.extend(costs.tolist())

    def people_below(self, node: int) -> list[str]:
        """The evaluators a tree node leads to."""
        key, lo, hi = self.tree_nodes[node]
        found = [i for unit in range(lo, hi + 1) for i in self.members[key].get(unit, ())]
        return [self.evaluators[i] for i in found]


def build(
    cases: Sequence[Case],
    evaluators: Sequence[Evaluator],
    bounds: dict[str, tuple[int, int]],
    policy: Policy,
) -> Network:
    """The network for cases and evaluators, both sorted by id."""
    net = Network(evaluators=[e.id for e in evaluators])
    index = PersonalIndex.build(evaluators)
    by_id = {e.id: e for e in evaluators}
    classes: dict[tuple, list[Case]] = defaultdict(list)
    personal: dict[tuple, frozenset[str]] = {}
    for case in cases:
        own = frozenset(
            eid for eid in index.excluded(case) if not group_excluded(by_id[eid], case, policy)
        )
        key = ("one", case.id) if own else ("class", case.unit, case.line, case.need)
        classes[key].append(case)
        personal[key] = own
    net.class_keys = sorted(classes)
    net.class_cases = [classes[k] for k in net.class_keys]
    n_classes, n_evaluators = len(net.class_keys), len(evaluators)
    net.first_evaluator = n_classes
    net.sink = n_classes + n_evaluators
    next_node = net.sink + 1
    units = sorted({e.unit for e in evaluators})
    unit_index = {u: i for i, u in enumerate(units)}
    position = {e.id: n_classes + i for i, e in enumerate(evaluators)}
    lines = {c.line for c in cases}
    for i, e in enumerate(evaluators):
        for key in _trees_of(e, policy, lines):
            net.members.setdefault(key, {}).setdefault(unit_index[e.unit], []).append(i)
    roots: dict[tuple, dict[tuple[int, int], int]] = {}

    def tree(key: tuple) -> dict[tuple[int, int], int]:
        nonlocal next_node
        if key not in roots:
            nodes: dict[tuple[int, int], int] = {}
            next_node = _segment(net, key, 0, len(units) - 1, nodes, next_node, position)
            roots[key] = nodes
        return roots[key]

    people = _Arrays(evaluators, unit_index, policy)
    for ci, key in enumerate(net.class_keys):
        members = classes[key]
        first = members[0]
        supply = sum(c.need for c in members)
        avoid = personal[key]
        own = unit_index.get(first.unit)
        if first.need > 1:
            chosen = people.eligible(first, own, avoid)
            net.arcs_to(ci, n_classes + chosen, len(members), people.costs(first, chosen))
            continue
        blocked = {unit_index[by_id[eid].unit] for eid in avoid}
        for lo, hi in _gaps(len(units), blocked | ({own} if own is not None else set())):
            for key_tree, cost in _trees_for(first, policy):
                nodes = tree(key_tree)
                for node in _cover(nodes, 0, len(units) - 1, lo, hi):
                    net.arc(ci, node, supply, cost)
        for unit in sorted(blocked - {own}):
            chosen = people.eligible(first, own, avoid, only_unit=unit)
            net.arcs_to(ci, n_classes + chosen, supply, people.costs(first, chosen))
    for i, e in enumerate(evaluators):
        lo, hi = bounds[e.id]
        net.arc(n_classes + i, net.sink, hi - lo, 0)
    total = sum(c.need for c in cases)
    floor = sum(bounds[e.id][0] for e in evaluators)
    net.supplies = [sum(c.need for c in members) for members in net.class_cases]
    net.supplies += [-bounds[e.id][0] for e in evaluators]
    net.supplies.append(-(total - floor))
    net.supplies += [0] * (next_node - net.sink - 1)
    return net


class _Arrays:
    """The evaluators as arrays, to pick a class's eligible ones without a Python loop."""

    def __init__(self, evaluators: Sequence[Evaluator], unit_index: dict, policy: Policy):
        self.evaluators = evaluators
        self.position = {e.id: i for i, e in enumerate(evaluators)}
        self.unit = np.array([unit_index[e.unit] for e in evaluators], dtype=np.int64)
        self.line = np.array([e.line for e in evaluators], dtype=object)
        self.same_line = policy.same_line
        self._match: dict[str, np.ndarray] = {}

    def eligible(self, case: Case, own, avoid, only_unit: int | None = None) -> np.ndarray:
        mask = self.unit != (-1 if own is None else own)
        if only_unit is not None:
            mask &= self.unit == only_unit
        if self.same_line and case.line:
            mask &= self.line != case.line
        for eid in avoid:
            mask[self.position[eid]] = False
        return np.nonzero(mask)[0]

    def costs(self, case: Case, chosen: np.ndarray) -> np.ndarray:
        if case.line not in self._match:
            self._match[case.line] = np.array(
                [case.line in e.specialties for e in self.evaluators], dtype=bool
            )
        return np.where(self._match[case.line][chosen], 0, MISMATCH_COST)


def group_excluded(e: Evaluator, case: Case, policy: Policy) -> bool:
    """Recused for unit or line, which the network's structure already keeps apart."""
    return e.unit == case.unit or (policy.same_line and bool(e.line) and e.line == case.line)


def _trees_of(e: Evaluator, policy: Policy, lines: set[str]) -> list[tuple]:
    """The trees an evaluator hangs in: a match tree per specialty, an everybody tree."""
    if not policy.same_line:
        return [("match", line) for line in sorted(e.specialties)] + [("any", "")]
    return [("match", line) for line in sorted(e.specialties) if line != e.line] + [
        ("any", line) for line in sorted(lines) if not line or line != e.line
    ]


def _trees_for(case: Case, policy: Policy) -> list[tuple[tuple, int]]:
    match = [(("match", case.line), 0)] if case.line else []
    return [*match, (("any", case.line if policy.same_line else ""), MISMATCH_COST)]


def _segment(net, key, lo, hi, nodes, next_node, position) -> int:
    """Create the nodes of one tree below [lo, hi]; empty segments get none."""
    members = net.members.get(key, {})
    if not any(members.get(u) for u in range(lo, hi + 1)):
        return next_node
    node = next_node
    next_node += 1
    nodes[(lo, hi)] = node
    net.tree_nodes[node] = (key, lo, hi)
    big = 1 << 40
    if lo == hi:
        for i in members.get(lo, ()):
            net.arc(node, net.first_evaluator + i, big, 0)
        return next_node
    middle = (lo + hi) // 2
    for a, b in ((lo, middle), (middle + 1, hi)):
        before = next_node
        next_node = _segment(net, key, a, b, nodes, next_node, position)
        if next_node != before:
            net.arc(node, nodes[(a, b)], big, 0)
    return next_node


def _gaps(size: int, blocked: set[int]) -> list[tuple[int, int]]:
    """The runs of unit indexes in [0, size) that are not blocked."""
    runs, start = [], 0
    for unit in [*sorted(blocked), size]:
        if unit > start:
            runs.append((start, unit - 1))
        start = unit + 1
    return runs


def _cover(nodes, lo, hi, want_lo, want_hi) -> list[int]:
    """The tree nodes that together cover exactly [want_lo, want_hi] (skipping empties)."""
    if want_hi < lo or hi < want_lo or (lo, hi) not in nodes:
        return []
    if want_lo <= lo and hi <= want_hi:
        return [nodes[(lo, hi)]]
    middle = (lo + hi) // 2
    return _cover(nodes, lo, middle, want_lo, want_hi) + _cover(
        nodes, middle + 1, hi, want_lo, want_hi
    )


def decompose(net: Network, flows: list[int]) -> list[list[tuple[int, int]]]:
    """Per class, the (evaluator index, amount) pairs its flow reaches, found by following
    positive arcs from the class to an evaluator and taking the smallest flow on the way."""
    out: dict[int, list[int]] = defaultdict(list)
    for arc, tail in enumerate(net.tails):
        if flows[arc] > 0:
            out[tail].append(arc)
    left = list(flows)
    pointer: dict[int, int] = defaultdict(int)
    result: list[list[tuple[int, int]]] = [[] for _ in net.class_keys]
    for ci in range(len(net.class_keys)):
        while True:
            node, path = ci, []
            while not net.first_evaluator <= node < net.sink:
                arcs = out[node]
                while pointer[node] < len(arcs) and left[arcs[pointer[node]]] == 0:
                    pointer[node] += 1
                if pointer[node] == len(arcs):
                    break
                arc = arcs[pointer[node]]
                path.append(arc)
                node = net.heads[arc]
            if not path or not net.first_evaluator <= node < net.sink:
                break
            amount = min(left[a] for a in path)
            for a in path:
                left[a] -= amount
            result[ci].append((node - net.first_evaluator, amount))
    return result
