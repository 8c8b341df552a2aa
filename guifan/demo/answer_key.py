"""The demo world's answer key: every case where a rule violation or a near-miss was planted,
with what a correct check concludes on the world's date."""

from __future__ import annotations

from guifan.demo.events import EventGenerator
from guifan.demo.generator import DemoWorld
from guifan.demo.statistics import StatTally


def answer_key(*, cases: int, seed: int = 2016) -> list[dict[str, str]]:
    """``[{"case_no", "rule", "expected"}]`` with expected ``violation`` or ``ok``, in the
    order of the cases and then of the rules. R5-05, decided per unit and month, is
    expected on the case its finding is recorded on (demo/statistics.py)."""
    world = DemoWorld(seed, cases)
    tally = StatTally(seed, world.plans)
    key = []
    for case, events in EventGenerator(world).cases_with_events():
        tally.add(case)
        key.append((case.case_no, dict(events.expected)))
    _rows, reports = tally.reports()
    return [
        {"case_no": case_no, "rule": rule, "expected": outcome}
        for case_no, expected in key
        for rule, outcome in sorted((expected | _only(reports, case_no)).items())
    ]


def _only(reports: dict[str, str], case_no: str) -> dict[str, str]:
    return {"R5-05": reports[case_no]} if case_no in reports else {}
