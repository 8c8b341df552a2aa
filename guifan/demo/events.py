"""Process events (办案过程数据) of the synthetic cases, with the planted rule violations.

Plain Python with no Django import. ``EventGenerator(world).events_for(case)`` gives, for one
``CaseRow`` of ``DemoWorld``, the rows of every event import file (suspects, measures,
interrogations, … extensions, returns, notices, transfers, judgments) as dicts keyed by the
import specs' field names, plus what was planted in them (plant.py). Each case has its own
random streams, so its events do not depend on which other cases were generated; only the
document numbers, dense per 院 and department, follow the order of the stream.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from guifan.cases import kinds as K
from guifan.demo.custody import plan_custody, plan_suspects
from guifan.demo.generator import CaseRow, DemoWorld
from guifan.demo.lawyers import plan_lawyers
from guifan.demo.paperwork import plan_complaints, plan_documents, plan_flags, plan_property
from guifan.demo.plant import Planter, expected
from guifan.demo.scene import CUSTODY_KINDS, KINDS, LAST_DAY, DocumentNumbers, Scene
from guifan.demo.steps import plan_steps

__all__ = ["KINDS", "CaseEvents", "EventGenerator"]

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
    "extensions": lambda r: r["approved_on"],
    "returns": lambda r: r["returned_on"],
    "notices": lambda r: r["notified_at"],
    "transfers": lambda r: r["transferred_at"],
    "judgments": lambda r: r["judged_on"],
}


@dataclass(frozen=True)
class CaseEvents:
    """The event rows of one case, the case columns they imply, and what a check must find
    for each rule planted in it ("violation" or "ok" for a near-miss)."""

    case_fields: dict[str, Any]  # filing_date (立案日期), is_major_bribery (特别重大贿赂)
    rows: dict[str, list[dict[str, Any]]]  # kind -> rows, every kind present
    expected: dict[str, str]


class EventGenerator:
    """Events of ``world``'s cases; the same world always gives the same events."""

    def __init__(self, world: DemoWorld) -> None:
        self.world = world
        self.seed = world.seed
        self._kinds = {(k.line, k.category, t): k for k in K.KINDS for t in k.tiers}
        self._codes = {(d.unit_code, d.line): d.case_code for d in world.departments}
        self._staff: dict[tuple[str, str], list[str]] = {}
        for person in world.people:
            if person.title != "书记员" and person.line:
                self._staff.setdefault((person.unit_code, person.line), []).append(person.staff_no)
        prefixes = {u.code: u.prefix for u in world.units}
        offsets = {
            (unit, self._codes[unit, line]): round(n * 0.8)
            for (unit, line), n in world.serial_offsets().items()
            if line
        }
        self.numbers = DocumentNumbers(prefixes, offsets)

    def events_for(self, case: CaseRow) -> CaseEvents:
        rng = random.Random(f"{self.seed}:events:{case.case_no}")
        plant = Planter(random.Random(f"{self.seed}:breaches:{case.case_no}"), self.world.plans)
        scene = Scene(
            case=case,
            rng=rng,
            plant=plant,
            cal=self.world.calendar,
            end=min(case.close_date or LAST_DAY, LAST_DAY),
            team=self._team(rng, case),
            kind=self._kinds[case.line, case.category, case.tier],
            procedure=case.procedure,
            numbers=self.numbers,
            dept_code=self._codes[case.unit_code, case.line],
        )
        if case.category == "职务犯罪立案侦查":
            scene.filing_date = case.accept_date
            bribery = case.cause in ("受贿罪", "行贿罪")
            scene.is_major_bribery = bribery and rng.random() < 0.15
        plan_suspects(scene)
        plan_custody(scene)
        plan_lawyers(scene)
        plan_property(scene)
        plan_steps(scene)
        plan_documents(scene)
        plan_complaints(scene)
        plan_flags(scene)
        return _finish(scene)

    def cases_with_events(self, count: int | None = None) -> Iterator[tuple[CaseRow, CaseEvents]]:
        """The world's cases (or the first ``count``) with their events, streamed."""
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
    for kind, rows in scene.rows.items():
        if kind in ORDER:
            rows.sort(key=ORDER[kind])
        for seq, row in enumerate(rows, 1):
            row["seq"] = seq
    for kind, rows in scene.rows.items():
        for row in rows:
            if kind == "av_interruptions":
                row["interrogation_seq"] = row.pop("_of")["seq"]
    fields: dict[str, Any] = {
        "filing_date": scene.filing_date,
        "is_major_bribery": scene.is_major_bribery,
    }
    marks = [*scene.procedure.marks, *scene.plant.marks]
    return CaseEvents(fields, scene.rows, expected(marks))
