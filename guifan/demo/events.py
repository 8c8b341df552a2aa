"""Process events (办案过程数据) of the synthetic cases, with a known share of rule breaches.

Plain Python with no Django import. ``EventGenerator(world).events_for(case)`` gives, for one
``CaseRow`` of ``DemoWorld``, the rows of every event import file (suspects, measures,
interrogations …) as dicts keyed by the import specs' field names, plus the rule breaches
injected into them (violations.py). Each case has its own random stream, so its events do
not depend on which other cases were generated or in what order.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from guifan.demo import vocab
from guifan.demo.custody import plan_custody, plan_suspects
from guifan.demo.generator import CaseRow, DemoWorld
from guifan.demo.lawyers import plan_lawyers
from guifan.demo.paperwork import plan_complaints, plan_documents, plan_property
from guifan.demo.scene import CUSTODY_KINDS, KINDS, LAST_DAY, Scene
from guifan.demo.violations import MARK, Injector, Violation, checked_shares

__all__ = ["KINDS", "CaseEvents", "EventGenerator", "Violation"]

# Where the interrogating colleague comes from when a department has too few people:
# 反渎 works with 反贪, 未检 with 公诉.
PARTNER_LINES = {
    "fandu": "fantan",
    "fantan": "fandu",
    "weijian": "gongsu",
    "zhenjian": "gongsu",
    "gongsu": "zhenjian",
}

# Rows are numbered (序号) in the order things happened.
ORDER = {
    "measures": lambda r: r["executed_at"],
    "interrogations": lambda r: r["start_at"],
    "av_interruptions": lambda r: r["start_at"],
    "lawyer_requests": lambda r: r["submitted_at"],
    "opinions": lambda r: r["heard_at"],
    "properties": lambda r: r["seized_at"],
    "documents": lambda r: r["generated_at"],
    "complaints": lambda r: r["received_at"],
}


@dataclass(frozen=True)
class CaseEvents:
    """The event rows of one case, the case columns they imply, and the breaches injected."""

    case_fields: dict[str, Any]  # filing_date (立案日期), is_major_bribery (特别重大贿赂)
    rows: dict[str, list[dict[str, Any]]]  # kind -> rows, every kind present
    violations: list[Violation]


class EventGenerator:
    """Events of ``world``'s cases; the same seed always gives the same events."""

    def __init__(
        self, world: DemoWorld, seed: int | None = None, shares: Mapping[str, float] | None = None
    ) -> None:
        self.world = world
        self.seed = world.seed if seed is None else seed
        self.shares = checked_shares(shares)
        self._short = {u.code: u.short_name for u in world.units}
        self._codes = {line: code for line, _c, _n, code, _s in vocab.DEPARTMENTS}
        self._staff: dict[tuple[str, str], list[str]] = {}
        for person in world.people:
            if person.title != "书记员":
                self._staff.setdefault((person.unit_code, person.line), []).append(person.staff_no)

    def events_for(self, case: CaseRow) -> CaseEvents:
        rng = random.Random(f"{self.seed}:events:{case.case_no}")
        breaches = random.Random(f"{self.seed}:breaches:{case.case_no}")
        scene = Scene(
            case=case,
            rng=rng,
            inj=Injector(breaches, self.shares),
            end=min(case.close_date or LAST_DAY, LAST_DAY),
            team=self._team(rng, case),
            short_name=self._short[case.unit_code],
            dept_code=self._codes[case.line],
        )
        if case.is_self_investigation and case.close_type != "不立案":
            scene.filing_date = case.accept_date
            bribery = case.cause in ("受贿罪", "行贿罪")
            scene.is_major_bribery = bribery and rng.random() < 0.15
        plan_suspects(scene)
        plan_custody(scene)
        plan_lawyers(scene)
        plan_property(scene)
        plan_documents(scene)
        plan_complaints(scene)
        return _finish(scene)

    def cases_with_events(self, count: int) -> Iterator[tuple[CaseRow, CaseEvents]]:
        """The first ``count`` cases of the world with their events, streamed."""
        for case in self.world.cases(count):
            yield case, self.events_for(case)

    def _team(self, rng: random.Random, case: CaseRow) -> list[str]:
        """The handler, then the colleagues who may sit in an interrogation (at least one)."""
        handler = case.handler_staff_no
        colleagues = [s for s in self._staff.get((case.unit_code, case.line), ()) if s != handler]
        if not colleagues:
            partner = PARTNER_LINES.get(case.line, "gongsu")
            colleagues = list(self._staff[case.unit_code, partner])
        rng.shuffle(colleagues)
        return [handler, *colleagues]


def _finish(scene: Scene) -> CaseEvents:
    for suspect in scene.suspects:
        suspect.row["in_custody"] = any(
            m["suspect_seq"] == suspect.seq and m["kind"] in CUSTODY_KINDS and m["ended_at"] is None
            for m in scene.rows["measures"]
        )
    violations: list[Violation] = []
    for kind, rows in scene.rows.items():
        if kind in ORDER:
            rows.sort(key=ORDER[kind])
        for seq, row in enumerate(rows, 1):
            row["seq"] = seq
    for kind, rows in scene.rows.items():
        for row in rows:
            if kind == "av_interruptions":
                row["interrogation_seq"] = row.pop("_of")["seq"]
            violations.extend(Violation(rule, kind, row["seq"]) for rule in row.pop(MARK, ()))
    fields: dict[str, Any] = {
        "filing_date": scene.filing_date,
        "is_major_bribery": scene.is_major_bribery,
    }
    return CaseEvents(fields, scene.rows, violations)
