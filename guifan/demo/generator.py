"""A deterministic synthetic procuratorate: one 市院, ten 县区院, their people and 2015 cases.

Plain Python with no Django import, so that the demo, the tests and the benchmarks share it
and it can stream a million cases without holding them in memory.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from guifan.demo import vocab

# The data is exported as of the campaign's start: cases still open then have no close date.
SNAPSHOT = date(2016, 3, 1)
FIRST_ACCEPT = date(2014, 9, 1)
LAST_ACCEPT = date(2015, 12, 31)
CITY_STAFF, COUNTY_STAFF, PROVINCE_STAFF = 60, 34, 4
POOL_SIZE = 120
CASE_LINES = tuple(vocab.CASE_MIX)
PROSECUTOR_TITLES = frozenset({"检察长", "副检察长", "检察委员会专职委员", "部门负责人", "检察员"})


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    short_name: str
    tier: str
    parent_code: str | None


@dataclass(frozen=True)
class DepartmentRow:
    unit_code: str
    name: str
    line: str
    case_code: str


@dataclass(frozen=True)
class PersonRow:
    staff_no: str
    name: str
    unit_code: str
    department: str
    line: str
    title: str
    is_quota_prosecutor: bool
    specialties: tuple[str, ...]


@dataclass(frozen=True)
class PoolRow:
    staff_no: str
    line: str
    joined_on: date


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


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _apportion(total: int, shares: Sequence[int]) -> list[int]:
    """Split ``total`` by ``shares`` (largest remainder), at least one each."""
    whole = sum(shares)
    raw = [total * s / whole for s in shares]
    counts = [max(1, int(r)) for r in raw]
    order = sorted(range(len(shares)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    for i in order[: max(0, total - sum(counts))]:
        counts[i] += 1
    return counts


class DemoWorld:
    """The synthetic organisation; the same seed always gives the same world."""

    def __init__(self, seed: int = 2016) -> None:
        self.seed = seed
        self.units = self._units()
        self.departments = self._departments()
        self.people = self._people()
        self.pool = self._pool()

    # --- organisation -------------------------------------------------------------------
    def _units(self) -> list[UnitRow]:
        rows = [
            UnitRow(*vocab.PROVINCE, "province", None),
            UnitRow(*vocab.CITY, "city", vocab.PROVINCE[0]),
        ]
        rows += [
            UnitRow(code, name, short, "county", vocab.CITY[0])
            for code, name, short in vocab.COUNTIES
        ]
        return rows

    def _departments(self) -> list[DepartmentRow]:
        rows = []
        for unit in self.units:
            for line, county_name, city_name, code, _share in vocab.DEPARTMENTS:
                name = county_name if unit.tier == "county" else city_name
                rows.append(DepartmentRow(unit.code, name, line, code))
        return rows

    def _people(self) -> list[PersonRow]:
        rng = random.Random(f"{self.seed}:people")
        used: set[str] = set()
        rows: list[PersonRow] = []
        for unit in self.units:
            staff = {"province": PROVINCE_STAFF, "city": CITY_STAFF}.get(unit.tier, COUNTY_STAFF)
            depts = [d for d in self.departments if d.unit_code == unit.code]
            shares = [spec[4] for spec in vocab.DEPARTMENTS]
            counts = _apportion(staff, shares) if unit.tier != "province" else [0] * len(depts)
            if unit.tier == "province":
                counts[[d.line for d in depts].index("anguan")] = staff
            seq = 0
            for dept, count in zip(depts, counts, strict=True):
                for i in range(count):
                    seq += 1
                    rows.append(self._person(rng, used, unit, dept, seq, first=i == 0))
        return rows

    def _person(self, rng, used, unit, dept, seq, *, first: bool) -> PersonRow:
        name = self._unique_name(rng, used)
        # Each department has a head; the others are prosecutors, assistants and clerks.
        title = "部门负责人" if first else rng.choices(vocab.TITLES[4:], weights=[55, 30, 15])[0]
        is_case_line = dept.line in CASE_LINES
        quota = is_case_line and title in PROSECUTOR_TITLES
        specialties: tuple[str, ...] = ()
        if is_case_line:
            extra = rng.choice(CASE_LINES) if rng.random() < 0.25 else dept.line
            specialties = tuple(sorted({dept.line, extra}))
        return PersonRow(
            f"{unit.code}{seq:04d}",
            name,
            unit.code,
            dept.name,
            dept.line,
            title,
            quota,
            specialties,
        )

    @staticmethod
    def _unique_name(rng: random.Random, used: set[str]) -> str:
        while True:
            given = "".join(rng.choice(vocab.GIVEN) for _ in range(rng.choice((1, 2, 2))))
            name = rng.choice(vocab.SURNAMES) + given
            if name not in used:
                used.add(name)
                return name

    def _pool(self) -> list[PoolRow]:
        rng = random.Random(f"{self.seed}:pool")
        candidates = [p for p in self.people if p.is_quota_prosecutor and p.unit_code != "980000"]
        chosen = sorted(
            rng.sample(candidates, min(POOL_SIZE, len(candidates))), key=lambda p: p.staff_no
        )
        return [
            PoolRow(
                p.staff_no,
                rng.choice(p.specialties),
                date(2014, 6, 1) + timedelta(days=rng.randrange(540)),
            )
            for p in chosen
        ]

    # --- cases --------------------------------------------------------------------------
    def cases(self, count: int) -> Iterator[CaseRow]:
        """``count`` cases in order of acceptance, streamed, numbered per unit as they arrive."""
        rng = random.Random(f"{self.seed}:cases")
        units = [u for u in self.units if u.tier != "province"]
        unit_weights = [6 if u.tier == "city" else 8 + (i * 7) % 6 for i, u in enumerate(units)]
        line_weights = [vocab.CASE_MIX[line][0] for line in CASE_LINES]
        handlers = self._handlers()
        dept_of = {(d.unit_code, d.line): d for d in self.departments}
        counters: dict[tuple, int] = {}
        span = (LAST_ACCEPT - FIRST_ACCEPT).days
        for i in range(count):
            unit = rng.choices(units, weights=unit_weights)[0]
            line = rng.choices(CASE_LINES, weights=line_weights)[0]
            accept = FIRST_ACCEPT + timedelta(days=i * (span + 1) // count)
            row = self._case(rng, unit, dept_of[unit.code, line], accept, handlers, counters)
            if row.prior_eval_tier in ("city", "province"):
                row = replace(row, prior_evaluators=self._prior_evaluators(row))
            yield row

    def _prior_evaluators(self, row: CaseRow) -> tuple[str, ...]:
        """Two pool members from other units evaluated it (their own stream of randomness,
        so the rest of the world does not change with them)."""
        rng = random.Random(f"{self.seed}:prior:{row.case_no}")
        others = [p.staff_no for p in self.pool if not p.staff_no.startswith(row.unit_code)]
        return tuple(sorted(rng.sample(others, 2)))

    def _handlers(self) -> dict[tuple[str, str], list[str]]:
        found: dict[tuple[str, str], list[str]] = {}
        for p in self.people:
            if p.line in CASE_LINES and p.title != "书记员":
                found.setdefault((p.unit_code, p.line), []).append(p.staff_no)
        return found

    def _case(self, rng, unit: UnitRow, dept: DepartmentRow, accept: date, handlers, counters):
        line = dept.line
        category = _weighted(rng, vocab.CASE_MIX[line][1])
        cause, name = self._cause_and_name(rng, line, category)
        # Arrest reviews have 7 days whatever the line (刑诉法2012 第89条); the 未检 line
        # also prosecutes, which takes weeks.
        low, high = vocab.DURATIONS["zhenjian"] if "审查逮捕" in category else vocab.DURATIONS[line]
        close: date | None = accept + timedelta(days=rng.randint(low, high))
        if close > SNAPSHOT:
            close = None
        key = (unit.code, dept.case_code, accept.year)
        counters[key] = counters.get(key, 0) + 1
        unified_key = (unit.code, accept.year)
        counters[unified_key] = counters.get(unified_key, 0) + 1
        opener, closer = ("〔", "〕") if rng.random() < 0.85 else ("[", "]")
        year = f"{opener}{accept.year}{closer}"
        case_no = f"{unit.short_name}检{dept.case_code}受{year}{counters[key]:04d}号"
        evaluated = (
            close is not None
            and close < date(2015, 11, 1)
            and close.year == 2015
            and rng.random() < 0.09
        )
        return CaseRow(
            case_no=case_no,
            unified_no=f"{unit.code}{accept.year}{counters[unified_key]:07d}",
            name=name,
            category=category,
            cause=cause,
            unit_code=unit.code,
            department=dept.name,
            line=line,
            handler_staff_no=rng.choice(handlers[unit.code, line]),
            accept_date=accept,
            close_date=close,
            close_type=_weighted(rng, vocab.CLOSE_TYPES[line]) if close else "",
            status=self._status(rng, close),
            is_self_investigation=line in ("fantan", "fandu"),
            supervision=self._supervision(rng, line),
            prior_eval_year=2015 if evaluated else None,
            prior_eval_tier=_weighted(rng, (("county", 50), ("city", 35), ("province", 15)))
            if evaluated
            else "",
            prior_eval_grade=_weighted(
                rng, (("excellent", 10), ("pass", 75), ("flawed", 13), ("fail", 2))
            )
            if evaluated
            else "",
        )

    @staticmethod
    def _cause_and_name(rng: random.Random, line: str, category: str) -> tuple[str, str]:
        person = rng.choice(vocab.SURNAMES) + rng.choice(("某", "某某"))
        if line in vocab.DUTY_CRIMES:
            cause = _weighted(rng, vocab.DUTY_CRIMES[line])
            return cause, f"{person}{cause.removesuffix('罪')}案"
        if line == "minxing":
            cause = _weighted(rng, vocab.CIVIL_CAUSES)
            other = rng.choice(vocab.SURNAMES) + "某"
            return cause, f"{person}与{other}{cause}{category}案"
        if line == "kongshen":
            return category, f"{person}{category.replace('、', '')}案"
        if line == "jiansuo":
            cause = _weighted(rng, vocab.COMMON_CRIMES)
            return cause, f"{person}{category.split('、')[0]}案"
        crimes = vocab.MINOR_CRIMES if line == "weijian" else vocab.COMMON_CRIMES
        cause = _weighted(rng, crimes)
        return cause, f"{person}{cause.removesuffix('罪')}案"

    @staticmethod
    def _status(rng: random.Random, close: date | None) -> str:
        if close is None:
            return _weighted(rng, (("in_progress", 80), ("extended", 10), ("returned", 10)))
        if close < date(2015, 11, 1):
            return "archived" if rng.random() < 0.7 else "closed"
        return "closed" if rng.random() < 0.8 else "concluded"

    @staticmethod
    def _supervision(rng: random.Random, line: str) -> str:
        if line not in ("gongsu", "fantan", "fandu", "zhenjian") or rng.random() >= 0.008:
            return ""
        return "province" if rng.random() < 0.3 else "city"
