"""Which rule breaches the demo injects into the process data, and how often.

Plain Python. Real exports hold a few slips per rule (RULES-AND-PROCESS.md §3, §6.4); the demo
injects them on purpose and records each one, so that the rule engine has something to find
and its tests know the answer. Everything not injected is generated to comply.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any, NamedTuple

SHARE_RANGE = (0.02, 0.08)

# Share of the rows a rule looks at that break it; the comment names those rows.
VIOLATION_SHARES: dict[str, float] = {
    "R1-01": 0.06,  # complaints: procedural reply after 7 days
    "R2-01": 0.03,  # interrogations in self-investigation cases: not recorded
    "R2-02": 0.05,  # recorded interrogations: recording starts late or stops early
    "R2-03": 0.08,  # recording interruptions: not approved by the chief or not noted
    "R2-04": 0.03,  # interrogations: a single interrogator
    "R2-09": 0.04,  # RSDL: executed at a detention, holding or office place
    "R2-10": 0.06,  # RSDL: family notified after 24 hours
    "R2-13": 0.03,  # RSDL: fee charged
    "R3-05": 0.06,  # file-review requests (阅卷): arranged after 3 working days
    "R3-08": 0.05,  # change-of-measure requests: answered late or refused without reason
    "R3-12": 0.04,  # written opinions received: not attached to the file
    "R4-01": 0.04,  # detentions and arrests: family notified after 24 hours
    "R4-11": 0.06,  # property found unrelated: released after 3 days
    "R4-12": 0.05,  # seized property: handed to custody after 3 days
    "R4-14": 0.03,  # seized property: list not signed by the holder
}

# The file whose rows each rule judges.
RULE_KINDS: dict[str, str] = {
    "R1-01": "complaints",
    "R2-01": "interrogations",
    "R2-02": "interrogations",
    "R2-03": "av_interruptions",
    "R2-04": "interrogations",
    "R2-09": "measures",
    "R2-10": "measures",
    "R2-13": "measures",
    "R3-05": "lawyer_requests",
    "R3-08": "lawyer_requests",
    "R3-12": "opinions",
    "R4-01": "measures",
    "R4-11": "properties",
    "R4-12": "properties",
    "R4-14": "properties",
}

# Key under which a row carries the rules broken in it until it is numbered.
MARK = "_rules"


class Violation(NamedTuple):
    """One injected breach: the rule, the event file and the row's 序号 in its case."""

    rule: str
    kind: str
    seq: int


def checked_shares(overrides: Mapping[str, float] | None) -> dict[str, float]:
    shares = dict(VIOLATION_SHARES)
    for rule, share in (overrides or {}).items():
        if rule not in VIOLATION_SHARES:
            raise ValueError(f"unknown rule {rule!r}; known: {', '.join(VIOLATION_SHARES)}")
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"share of {rule} must be between 0 and 1, not {share}")
        shares[rule] = share
    return shares


class Injector:
    """Decides, row by row, whether a rule is broken there, and marks the row if so.

    It draws from its own generator, and a breach overwrites compliant values that were
    already drawn, so that changing a share changes little besides the breaches (a bail
    request that is now refused no longer releases the suspect).
    """

    def __init__(self, rng: random.Random, shares: Mapping[str, float]) -> None:
        self.rng = rng
        self.shares = shares

    def breaks(self, row: dict[str, Any], rule: str) -> bool:
        if self.rng.random() >= self.shares[rule]:
            return False
        row.setdefault(MARK, []).append(rule)
        return True
