"""The demo world's answer key: every case where a rule violation or a near-miss was planted,
with what a correct check concludes on the world's date."""

from __future__ import annotations

from guifan.demo.events import EventGenerator
from guifan.demo.generator import DemoWorld


def answer_key(*, cases: int, seed: int = 2016) -> list[dict[str, str]]:
    """``[{"case_no", "rule", "expected"}]`` with expected ``violation`` or ``ok``, in the
    order of the cases and then of the rules."""
    world = DemoWorld(seed, cases)
    return [
        {"case_no": case.case_no, "rule": rule, "expected": outcome}
        for case, events in EventGenerator(world).cases_with_events()
        for rule, outcome in sorted(events.expected.items())
    ]
