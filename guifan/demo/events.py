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
from guifan.demo.access import plan_access
from guifan.demo.card import plan_card
from guifan.demo.crossplant import CrossPlanter
from guifan.demo.custody import plan_custody, plan_suspects
from guifan.demo.defence import REGISTER_KINDS, plan_defence
from guifan.demo.generator import CaseRow, DemoWorld
from guifan.demo.inquiries import plan_inquiries
from guifan.demo.lawyers import plan_lawyers
from guifan.demo.oversight import plan_oversight
from guifan.demo.paperwork import plan_complaints, plan_documents, plan_flags, plan_property
from guifan.demo.places import districts, plan_places
from guifan.demo.plant import Planter, expected
from guifan.demo.scene import CUSTODY_KINDS, KINDS, LAST_DAY, DocumentNumbers, Scene
from guifan.demo.silence import Registrations
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
    "original_evaluations": lambda r: r["year"],
    "inquiries": lambda r: r["occurred_on"],
    "access_logs": lambda r: r["queried_at"],
    "clues": lambda r: r["received_on"],
    "receptions": lambda r: r["received_at"],
    "defenders": lambda r: r["engaged_on"],
}


GRADE_LABELS = {"excellent": "优质", "pass": "合格", "flawed": "瑕疵", "fail": "不合格"}
# What the 2015 evaluations found, and what the units reported as rectified.
ORIGINAL_PROBLEMS = (
    (
        "讯问未全程同步录音录像，录像与笔录时间不一致",
        "已建立讯问录像与笔录时间核对制度，2015年12月起逐案核对",
    ),
    ("扣押款物未按期移交案管部门保管", "已补办移交手续，案管部门按月通报移交情况"),
    ("未依法告知犯罪嫌疑人诉讼权利", "已对承办人批评教育，告知书格式已统一"),
    ("审查报告说理不充分，未回应辩护意见", "已组织审查报告制作培训，部门负责人审核把关"),
    ("延长审查起诉期限未附审批表", "已补充审批手续，期限预警已接入统一业务应用系统"),
)


@dataclass(frozen=True)
class CaseEvents:
    """The event rows of one case, the case columns they imply, and what a check must find
    for each rule planted in it ("violation" or "ok" for a near-miss)."""

    # filing_date (立案日期), is_major_bribery (特别重大贿赂), the retrial dates (再审申请、裁定)
    case_fields: dict[str, Any]
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
        self._colleagues_of: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._names = {person.staff_no: person.name for person in world.people}
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
        self._districts = districts(world)
        self._every_district = sorted({d for its in self._districts.values() for d in its})

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
        self._original_evaluation(scene, rng)
        plan_flags(scene)
        others = [u.code for u in self.world.units if u.code != case.unit_code]
        # Last of the case's own stream: it moves nothing drawn before it.
        plan_defence(scene, others)
        plan_card(scene)
        # Last, from their own stream: the other events do not move.
        scene.rows["inquiries"] = plan_inquiries(case, self.seed, self._colleagues(case))
        plan_access(scene, self.seed, self._outside_readers(case))
        plan_oversight(scene, self.seed)
        plan_places(scene, self.seed, self._districts[case.unit_code], self._every_district)
        return _finish(scene)

    def _original_evaluation(self, scene: Scene, rng: random.Random) -> None:
        """The 2015 evaluation of a case evaluated then: by whom, the grade, what it found
        and how the unit rectified it (what a 复查 compares with)."""
        case = scene.case
        if not case.prior_eval_year:
            return
        units = {u.code: u for u in self.world.units}
        own = units[case.unit_code]
        by = {
            "province": next(u for u in self.world.units if u.tier == "province"),
            "city": own if own.tier == "city" else units.get(own.parent_code or "", own),
            "county": own,
        }[case.prior_eval_tier]
        grade = case.prior_eval_grade
        problem, fix = rng.choice(ORIGINAL_PROBLEMS) if grade != "excellent" else ("", "")
        if grade == "pass" and rng.random() < 0.6:
            problem, fix = "", ""
        scene.add(
            "original_evaluations", year=case.prior_eval_year, evaluating_unit=by.name,
            grade=GRADE_LABELS[grade], problems=problem, rectification=fix,
            evaluators=",".join(case.prior_evaluators),
        )  # fmt: skip

    def cases_with_events(self, count: int | None = None) -> Iterator[tuple[CaseRow, CaseEvents]]:
        """The world's cases (or the first ``count``) with their events, streamed."""
        cross = CrossPlanter(self.world.plans)  # groups across cases form in this stream's order
        quarterly = None
        if self.world.plans["R7-02"].violation:  # the loads of the whole stream, first
            quarterly = Registrations(self.world.cases(count))
        for case in self.world.cases(count):
            events = self.events_for(case)
            events.expected.update(cross.plant(case, events.rows))
            if quarterly is not None:
                colleagues = self._colleagues(case)
                events.expected.update(quarterly.apply(case, events.rows, colleagues, self.seed))
            yield case, events

    def _colleagues(self, case: CaseRow) -> list[tuple[str, str]]:
        """Staff of the case's unit in other departments, who might ask about it."""
        key = (case.unit_code, case.line)
        if key not in self._colleagues_of:
            self._colleagues_of[key] = [
                (s, self._names[s])
                for (unit, line), people in sorted(self._staff.items())
                if unit == case.unit_code and line != case.line
                for s in people
            ][:40]
        return list(self._colleagues_of[key])

    def _outside_readers(self, case: CaseRow) -> list[str]:
        """Colleagues whose post gives no reason to read the case (R7-03 spares the 案件管理
        and 纪检监察 staff, who read every case of the unit)."""
        duty = {(case.unit_code, line) for line in ("anguan", "jijian")}
        reading = {s for key in duty for s in self._staff.get(key, ())}
        return [staff for staff, _name in self._colleagues(case) if staff not in reading]

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
        if kind in REGISTER_KINDS:
            continue  # keyed by their 登记编号, not numbered in the case
        for seq, row in enumerate(rows, 1):
            row["seq"] = seq
    for kind, rows in scene.rows.items():
        for row in rows:
            if kind == "av_interruptions":
                row["interrogation_seq"] = row.pop("_of")["seq"]
    fields: dict[str, Any] = {
        "filing_date": scene.filing_date,
        "is_major_bribery": scene.is_major_bribery,
        "retrial_applied_on": scene.retrial_applied_on,
        "retrial_ruled_on": scene.retrial_ruled_on,
        **scene.places,
    }
    marks = [*scene.procedure.marks, *scene.plant.marks]
    return CaseEvents(fields, scene.rows, expected(marks))
