"""Which process-rule violations the demo plants, how often, and the near-misses beside them.

Plain Python. The demo world complies with every rule listed here except where this module
plants a violation on purpose; beside the violations it plants near-misses (the deadline day
itself, a deadline rolled over a holiday or onto a 调休 working day, a custody period that does
not roll over, the tolerance of a recording's start) that a correct check must not flag.
Each planting is marked on the case, so that ``guifan demo answer-key`` can list every planted
case with the expected result, and the every-case checks are measured against that key.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

VIOLATION, NEAR = "violation", "ok"


@dataclass(frozen=True)
class Plan:
    violation: float  # share of the rows a rule looks at that break it
    near: float = 0.0  # share planted exactly at the boundary, within the rule


# The comment names the rows each rule looks at.
PLANS: dict[str, Plan] = {
    "R1-01": Plan(0.05, 0.10),  # complaints: procedural reply within 7 days (rolls over)
    "R2-01": Plan(0.02),  # interrogations in self-investigation cases: recorded
    "R2-02": Plan(0.015, 0.03),  # recorded interrogations: recording covers it (2 minutes)
    "R2-03": Plan(0.08),  # recording breaks: approved by the chief and noted
    "R2-04": Plan(0.005),  # interrogations: two interrogators at least
    "R2-05": Plan(0.008),  # interrogations of someone held in a 看守所: held there
    "R2-06": Plan(0.10),  # transfers of self-investigation cases: recordings sent along
    "R2-09": Plan(0.15),  # RSDL: not at a detention, holding or office place
    "R2-10": Plan(0.15, 0.15),  # RSDL: family told within 24 hours
    "R2-11": Plan(0.15, 0.20),  # RSDL: necessity reviewed every two months
    "R2-13": Plan(0.10),  # RSDL: no fee
    "R3-01": Plan(0.01, 0.05),  # 审查起诉: suspect told of the right to counsel in 3 days
    "R3-05": Plan(0.03, 0.08),  # file reviews (阅卷): arranged within 3 working days
    "R3-08": Plan(0.05, 0.10),  # change-of-measure requests: 3 days, reasons for a refusal
    "R3-12": Plan(0.02),  # written opinions: attached to the file
    "R3-13": Plan(0.005),  # 审查起诉: every suspect interrogated
    "R3-15": Plan(0.03, 0.06),  # decisions after a defender is engaged: told within 3 days
    "R4-01": Plan(0.04, 0.08),  # self-investigation detentions and arrests: family in 24 hours
    "R4-02": Plan(0.04, 0.08),  # … and interrogated within 24 hours
    "R4-03": Plan(0.05, 0.10),  # self-investigation detention: arrest or release in 14 days
    "R4-05": Plan(0.01, 0.04),  # 审查逮捕: 7 days if detained (no roll-over), else 15
    "R4-07": Plan(0.01, 0.04),  # 审查起诉: one month (+15 days by the chief), after returns
    "R4-08": Plan(0.05, 0.10),  # returns: at most two, each within one month
    "R4-11": Plan(0.06, 0.10),  # property found unrelated: released within 3 days
    "R4-12": Plan(0.02, 0.06),  # seized property: handed to custody within 3 days
    "R4-13": Plan(0.01),  # self-investigation property: not seized before 立案
    "R4-14": Plan(0.01),  # seized property: list signed by the holder
    "R5-05": Plan(0.05, 0.30),  # 2015 统计报表 figures: as the case rows count them
    "R6-02": Plan(0.10, 0.15),  # clues: to the 举报中心 (要案线索 on record) in 7 days
    "R6-04": Plan(0.01),  # 线索初查: no coercive measure before 立案
    "R7-03": Plan(0.01, 0.01),  # access logs: an outsider's queries, three within 7 days
    "R6-07": Plan(0.10, 0.15),  # 生效裁判监督: not accepted while the court still reviews
    "R7-06": Plan(0.10, 0.15),  # contacts outside working time or place: reported in 3 days
    "R5-01": Plan(0.05, 0.05),  # closing documents stating values: as on the case card
    "R7-04": Plan(0.02, 0.02),  # defenders: not a near relative of the handler
    "R7-05": Plan(0.03, 0.03),  # defenders: not on a staff register against 第39条
    "R6-01": Plan(0.01, 0.02),  # 审查逮捕/起诉 cases: a place in the unit's 辖区 (places.py)
    # Cross-case (crossplant.py): one group and one near miss each; a share of 0 plants none.
    "R1-05": Plan(1.0),  # complaints of conduct about one handler
    "R5-03": Plan(1.0),  # one suspect and 案由 accepted twice
    "R5-04": Plan(1.0),  # closed in December, accepted again in January
    "R8-02": Plan(1.0),  # one lawyer with one handler
    "R7-02": Plan(1.0),  # busy prosecutors' 过问 registrations, one silent (silence.py)
}


def checked_plans(overrides: Mapping[str, float] | None) -> dict[str, Plan]:
    """The plans with some violation shares changed (for tests and benchmarks)."""
    plans = dict(PLANS)
    for rule, share in (overrides or {}).items():
        if rule not in PLANS:
            raise ValueError(f"unknown rule {rule!r}; known: {', '.join(PLANS)}")
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"share of {rule} must be between 0 and 1, not {share}")
        plans[rule] = Plan(share, PLANS[rule].near)
    return plans


class Planter:
    """Decides, row by row, whether a rule is broken there or met exactly at its edge, and
    remembers what it planted in the case.

    It draws from its own generator, so that changing a share changes little besides the
    plantings themselves.
    """

    def __init__(self, rng: random.Random, plans: Mapping[str, Plan]) -> None:
        self.rng = rng
        self.plans = plans
        self.marks: list[tuple[str, str]] = []

    def decide(self, rule: str) -> str | None:
        """VIOLATION, NEAR or None (comply, with a margin)."""
        plan = self.plans[rule]
        roll = self.rng.random()
        if roll < plan.violation:
            return VIOLATION
        if roll < plan.violation + plan.near:
            return NEAR
        return None

    def mark(self, rule: str, outcome: str | None) -> None:
        if outcome is not None:
            self.marks.append((rule, outcome))

    def breaks(self, rule: str) -> bool:
        """Plant a violation (or nothing): for rules without a boundary to plant."""
        if self.rng.random() < self.plans[rule].violation:
            self.marks.append((rule, VIOLATION))
            return True
        return False


def expected(marks: list[tuple[str, str]]) -> dict[str, str]:
    """Per rule, what a check must find in the case: a violation if any row was planted to
    break it, otherwise ok for the near-misses."""
    result: dict[str, str] = {}
    for rule, outcome in marks:
        if outcome == VIOLATION or rule not in result:
            result[rule] = outcome
    return result
