"""A deterministic synthetic procuratorate: one 市院, ten 县区院, their people and cases.

Plain Python with no Django import, so that the demo, the tests and the benchmarks share it
and it can stream a million cases without holding them in memory. Cases follow the table of
possible combinations in ``guifan.cases.kinds`` (category ↔ stage ↔ outcome ↔ cause, and which
tier handles what); numbers follow the unified business system 1.0 (院简称 + 检 + 部门代字 +
受 + [年] + a serial dense per unit, department and year). The world runs from 2014-09-01 to
its date, 2016-03-25, the day the seed's campaign is looked at.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from guifan.cases import kinds as K
from guifan.core.periods import Calendar
from guifan.demo import org
from guifan.demo.org import DepartmentRow, PersonRow, PoolRow, UnitRow
from guifan.demo.plant import Planter, checked_plans
from guifan.demo.procedure import Procedure, plan_procedure

__all__ = ["WORLD_DATE", "CaseRow", "DemoWorld", "DepartmentRow", "PersonRow", "PoolRow", "UnitRow"]

# The world's date: the seed's campaign on 3月25日, half-way between its start and deadline.
WORLD_DATE = date(2016, 3, 25)
FIRST_ACCEPT = date(2014, 9, 1)
LAST_ACCEPT = date(2016, 3, 23)
# The last day the world's data knows: the units' exports were taken the evening before.
LAST_DAY = WORLD_DATE - timedelta(days=1)
# 2014 serials start where the numbering from 1 January would be on 1 September.
BEFORE_FIRST_ACCEPT = (FIRST_ACCEPT - date(2014, 1, 1)).days / 365


@dataclass(frozen=True)
class CaseRow:
    case_no: str
    unified_no: str
    name: str
    category: str
    cause: str
    unit_code: str
    department: str
    line: str
    handler_staff_no: str
    accept_date: date
    close_date: date | None
    close_type: str
    status: str
    is_self_investigation: bool
    supervision: str
    prior_eval_year: int | None
    prior_eval_tier: str
    prior_eval_grade: str
    prior_evaluators: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()  # 审核审批人: the department head, the deputy, the chief
    tier: str = "county"
    procedure: Procedure = field(default_factory=Procedure, compare=False, repr=False)


def weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class DemoWorld:
    """The synthetic organisation and its cases; the same seed and size give the same world."""

    def __init__(
        self, seed: int = 2016, cases: int = 20_000, shares: Mapping[str, float] | None = None
    ) -> None:
        self.seed, self.size = seed, cases
        self.plans = checked_plans(shares)
        self.units = org.build_units()
        self.departments = org.build_departments(self.units)
        self.people = org.build_people(self.units, self.departments, cases, seed)
        self.pool = org.build_pool(self.people, cases, seed)
        self.calendar = Calendar()
        self._handlers: dict[tuple[str, str], list[str]] = {}
        for p in self.people:
            if p.line in org.CASE_LINES and p.title != "书记员":
                self._handlers.setdefault((p.unit_code, p.line), []).append(p.staff_no)
        self._heads = {
            (p.unit_code, p.line): p.staff_no for p in self.people if p.title == "部门负责人"
        }
        self._chiefs = {p.unit_code: p.staff_no for p in self.people if p.title == "检察长"}
        self._deputies = {
            (p.unit_code, line): p.staff_no for p in self.people for line in p.in_charge_of
        }

    @property
    def case_units(self) -> list[UnitRow]:
        return [u for u in self.units if u.tier != "province"]

    def leaders(self, unit_code: str) -> list[PersonRow]:
        return [p for p in self.people if p.unit_code == unit_code and not p.department]

    # --- cases --------------------------------------------------------------------------
    def cases(self, count: int | None = None) -> Iterator[CaseRow]:
        """The world's cases (or the first ``count``) in order of acceptance, streamed."""
        count = self.size if count is None else count
        rng = random.Random(f"{self.seed}:cases")
        units = self.case_units
        unit_weights = [u.volume for u in units]
        choices = {u.code: self._choices(u) for u in units}
        dept_of = {(d.unit_code, d.line): d for d in self.departments}
        workdays = self._accept_days()
        counters: dict[tuple, int] = {}
        offsets = self._offsets(units, choices, count)
        for i in range(count):
            unit = rng.choices(units, weights=unit_weights)[0]
            kinds, weights = choices[unit.code]
            kind = rng.choices(kinds, weights=weights)[0]
            accept = workdays[i * len(workdays) // count]
            dept = dept_of[unit.code, kind.line]
            yield self._case(rng, unit, dept, kind, accept, counters, offsets)

    def _accept_days(self) -> list[date]:
        days, day = [], FIRST_ACCEPT
        while day <= LAST_ACCEPT:
            if self.calendar.is_workday(day):
                days.append(day)
            day = date.fromordinal(day.toordinal() + 1)
        return days

    @staticmethod
    def _choices(unit: UnitRow) -> tuple[list[K.CaseKind], list[float]]:
        """The unit's case kinds and their weights: line share × the kind's share in it."""
        lines = K.LINE_SHARES[unit.tier]
        kinds = [k for k in K.kinds_for(unit.tier) if k.line in lines]
        totals: dict[str, int] = {}
        for k in kinds:
            totals[k.line] = totals.get(k.line, 0) + k.share[unit.tier]
        return kinds, [lines[k.line] * k.share[unit.tier] / totals[k.line] for k in kinds]

    def serial_offsets(self) -> dict[tuple[str, str], int]:
        """Per (unit, line) the 2014 serials used before the world starts ("" for 统一受案号)."""
        units = self.case_units
        return self._offsets(units, {u.code: self._choices(u) for u in units}, self.size)

    def _offsets(self, units, choices, count: int) -> dict[tuple, int]:
        """Serials already used in 2014 before the world starts, per unit and department."""
        span_years = (LAST_ACCEPT - FIRST_ACCEPT).days / 365
        total = sum(u.volume for u in units)
        offsets: dict[tuple, int] = {}
        for unit in units:
            per_year = count * unit.volume / total / span_years
            kinds, weights = choices[unit.code]
            by_line: dict[str, float] = {}
            for kind, weight in zip(kinds, weights, strict=True):
                by_line[kind.line] = by_line.get(kind.line, 0) + weight
            whole = sum(by_line.values())
            for line, weight in by_line.items():
                offsets[unit.code, line] = round(per_year * weight / whole * BEFORE_FIRST_ACCEPT)
            offsets[unit.code, ""] = round(per_year * BEFORE_FIRST_ACCEPT)
        return offsets

    def _serial(self, counters, offsets, key: tuple, year: int) -> int:
        counted = (*key, year)
        counters[counted] = counters.get(counted, 0) + 1
        offset = offsets.get(key, 0) if year == FIRST_ACCEPT.year else 0
        return offset + counters[counted]

    def _case(self, rng, unit: UnitRow, dept: DepartmentRow, kind: K.CaseKind, accept: date,
              counters, offsets) -> CaseRow:  # fmt: skip
        cause = weighted(rng, kind.cause_pool()) if kind.cause_pool() else kind.category
        serial = self._serial(counters, offsets, (unit.code, kind.line), accept.year)
        unified = self._serial(counters, offsets, (unit.code, ""), accept.year)
        case_no = f"{unit.prefix}检{dept.case_code}受[{accept.year}]{serial:04d}号"
        # The procedure draws from the case's own streams, so that planting a violation in
        # one case changes nothing in the others.
        procedure = plan_procedure(
            random.Random(f"{self.seed}:procedure:{case_no}"),
            Planter(random.Random(f"{self.seed}:plant:{case_no}"), self.plans),
            kind, cause, accept, self.calendar, LAST_DAY,
        )  # fmt: skip
        close = procedure.close_date
        close_type = weighted(rng, kind.outcomes) if close else ""
        handler = rng.choice(self._handlers[unit.code, kind.line])
        row = CaseRow(
            case_no=case_no,
            unified_no=f"{unit.code}{accept.year}{unified:07d}",
            name=_case_name(rng, kind, cause),
            category=kind.category,
            cause=cause,
            unit_code=unit.code,
            department=dept.name,
            line=kind.line,
            handler_staff_no=handler,
            accept_date=accept,
            close_date=close,
            close_type=close_type,
            status=_status(rng, procedure),
            is_self_investigation=kind.category in K.SELF_INVESTIGATIONS,
            supervision=_supervision(rng, unit, kind),
            prior_eval_year=None,
            prior_eval_tier="",
            prior_eval_grade="",
            reviewers=self._reviewers(unit, kind, close_type, handler),
            tier=unit.tier,
            procedure=procedure,
        )
        if close and close.year == 2015 and close < date(2015, 11, 1) and rng.random() < 0.09:
            row = self._evaluated(rng, row)
        return row

    def _reviewers(self, unit: UnitRow, kind, close_type: str, handler: str) -> tuple[str, ...]:
        """Who reviewed and approved the decision (审核、审批): the department head; the deputy
        in charge for decisions not to arrest or prosecute, to drop or open a case; the chief
        for 不起诉 and 撤销案件 (高检规则2012 第403条、第290条)."""
        if not close_type:
            return ()
        people = [self._heads.get((unit.code, kind.line), "")]
        if close_type in (
            "不批准逮捕",
            "不起诉",
            "附条件不起诉",
            "撤销案件",
            "立案",
            "决定不予逮捕",
        ):
            people.append(self._deputies.get((unit.code, kind.line), ""))
        if close_type in ("不起诉", "撤销案件"):
            people.append(self._chiefs[unit.code])
        return tuple(p for p in dict.fromkeys(people) if p and p != handler)

    def _evaluated(self, rng: random.Random, row: CaseRow) -> CaseRow:
        """A case the 省院, 市院 or its own 院 evaluated in 2015; the 市院's own cases only by
        the 省院 or itself."""
        tiers = (("county", 50), ("city", 35), ("province", 15))
        if row.tier == "city":
            tiers = (("city", 70), ("province", 30))
        tier = weighted(rng, tiers)
        grade = weighted(rng, (("excellent", 10), ("pass", 75), ("flawed", 13), ("fail", 2)))
        row = replace(row, prior_eval_year=2015, prior_eval_tier=tier, prior_eval_grade=grade)
        if tier in ("city", "province"):
            row = replace(row, prior_evaluators=self._prior_evaluators(row))
        return row

    def _prior_evaluators(self, row: CaseRow) -> tuple[str, ...]:
        """Two pool members from other units evaluated it (their own stream of randomness,
        so the rest of the world does not change with them)."""
        rng = random.Random(f"{self.seed}:prior:{row.case_no}")
        others = [p.staff_no for p in self.pool if not p.staff_no.startswith(row.unit_code)]
        return tuple(sorted(rng.sample(others, 2)))


def _case_name(rng: random.Random, kind: K.CaseKind, cause: str) -> str:
    from guifan.demo import vocab

    person = rng.choice(vocab.SURNAMES) + rng.choice(("某", "某某"))
    if kind.line == "minxing":
        other = rng.choice(vocab.SURNAMES) + "某"
        return f"{person}与{other}{cause}{kind.category}案"
    if kind.line == "kongshen" and kind.causes == "complaint":
        return f"{person}{cause}案"
    if kind.line == "kongshen":
        return f"{person}{kind.category}案"
    if kind.line == "jiansuo":
        return (
            f"罪犯{person}{kind.category.split('、')[0]}案"
            if kind.causes == "prisoner"
            else (f"{person}{kind.category}案")
        )
    return f"{person}{cause.removesuffix('罪')}案"


def _status(rng: random.Random, procedure: Procedure) -> str:
    close = procedure.close_date
    if close is None:
        return procedure.open_status
    if close < date(2015, 11, 1):
        return "archived" if rng.random() < 0.7 else "closed"
    return "closed" if rng.random() < 0.8 else "concluded"


def _supervision(rng: random.Random, unit: UnitRow, kind: K.CaseKind) -> str:
    """挂牌督办 comes only from an upper level: the 市院 for a 县区院, the 省院 for either."""
    if kind.stage not in (K.Stage.PROSECUTION_REVIEW, K.Stage.INVESTIGATION, K.Stage.ARREST_REVIEW):
        return ""
    if rng.random() >= (0.012 if unit.tier == "city" else 0.008):
        return ""
    return "province" if unit.tier == "city" or rng.random() < 0.3 else "city"
