"""The synthetic procuratorate's organisation: the 省院, the 市院 and its ten 县区院, their
departments, people and the city's evaluation talent pool (评查人才库).

Plain Python with no Django import. Each 院 has its leadership (检察长, 副检察长 each in charge
of some lines, 检察委员会专职委员), a head (and in larger departments a deputy) per
department, and staff in realistic numbers: a 市院 of about 150–250 people, a 基层院 of about
50–120, growing with the number of cases the world is generated with.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from guifan.demo import vocab

CASE_LINES = ("zhenjian", "gongsu", "fantan", "fandu", "jiansuo", "minxing", "kongshen", "weijian")
CITY_CODE = vocab.CITY[0]
PROVINCE_STAFF = 4
# Relative case volume of the 市院 and of each 县区院 (in the order of vocab.COUNTIES).
CITY_VOLUME = 7
COUNTY_VOLUMES = tuple(8 + (i * 7) % 6 for i in range(len(vocab.COUNTIES)))


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    short_name: str
    tier: str
    parent_code: str | None
    volume: int = 0  # relative number of cases

    @property
    def prefix(self) -> str:
        """院简称 in case and document numbers."""
        return vocab.NUMBER_PREFIX.get(self.code, self.short_name)


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
    department: str  # "" for the 院领导
    line: str  # "" for the 院领导
    title: str
    is_quota_prosecutor: bool
    specialties: tuple[str, ...]
    in_charge_of: tuple[str, ...] = ()  # the lines a 副检察长 is in charge of (分管)


@dataclass(frozen=True)
class PoolRow:
    staff_no: str
    line: str
    joined_on: date


def scale(cases: int) -> float:
    """0 for a small demo, 1 for a world of 60,000 cases or more."""
    return min(1.0, max(0.0, (cases - 3000) / 57_000))


def build_units() -> list[UnitRow]:
    rows = [
        UnitRow(*vocab.PROVINCE, "province", None),
        UnitRow(*vocab.CITY, "city", vocab.PROVINCE[0], CITY_VOLUME),
    ]
    rows += [
        UnitRow(code, name, short, "county", vocab.CITY[0], volume)
        for (code, name, short), volume in zip(vocab.COUNTIES, COUNTY_VOLUMES, strict=True)
    ]
    return rows


def build_departments(units: Sequence[UnitRow]) -> list[DepartmentRow]:
    rows = []
    for unit in units:
        for line, county_name, city_name, county_code, city_code, _share in vocab.DEPARTMENTS:
            county = unit.tier == "county"
            rows.append(
                DepartmentRow(
                    unit.code,
                    county_name if county else city_name,
                    line,
                    county_code if county else city_code,
                )
            )
    return rows


def staff_size(unit: UnitRow, cases: int) -> int:
    """People in a 院: 150–250 at the 市院, 50–120 at a 基层院, by size and case volume."""
    f = scale(cases)
    if unit.tier == "province":
        return PROVINCE_STAFF
    if unit.tier == "city":
        return round(150 + 100 * f)
    mean = sum(COUNTY_VOLUMES) / len(COUNTY_VOLUMES)
    return max(50, min(120, round((50 + 70 * f) * unit.volume / mean)))


def apportion(total: int, shares: Sequence[int]) -> list[int]:
    """Split ``total`` by ``shares`` (largest remainder), at least one each."""
    whole = sum(shares)
    raw = [total * s / whole for s in shares]
    counts = [max(1, int(r)) for r in raw]
    order = sorted(range(len(shares)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    for i in order[: max(0, total - sum(counts))]:
        counts[i] += 1
    return counts


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used = rng, set()

    def __call__(self) -> str:
        while True:
            given = "".join(self.rng.choice(vocab.GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
            name = self.rng.choice(vocab.SURNAMES) + given
            if name not in self.used:
                self.used.add(name)
                return name


def build_people(
    units: Sequence[UnitRow], departments: Sequence[DepartmentRow], cases: int, seed: int
) -> list[PersonRow]:
    rng = random.Random(f"{seed}:people")
    names = _Names(rng)
    rows: list[PersonRow] = []
    for unit in units:
        seq = iter(range(1, 10_000))
        staff = staff_size(unit, cases)
        depts = [d for d in departments if d.unit_code == unit.code]
        if unit.tier == "province":
            anguan = next(d for d in depts if d.line == "anguan")
            for _ in range(staff):
                rows.append(_person(rng, names, unit, anguan, next(seq), "检察员"))
            continue
        leaders = _leaders(unit, names, seq)
        rows += leaders
        shares = [spec[5] for spec in vocab.DEPARTMENTS]
        for dept, count in zip(depts, apportion(staff - len(leaders), shares), strict=True):
            for i in range(count):
                title = "部门负责人" if i == 0 else "部门副职" if i == 1 and count >= 8 else ""
                title = title or rng.choices(vocab.TITLES[5:], weights=[50, 30, 20])[0]
                rows.append(_person(rng, names, unit, dept, next(seq), title))
    return rows


def _leaders(unit: UnitRow, names: _Names, seq) -> list[PersonRow]:
    deputies = 4 if unit.tier == "city" else 3
    groups = list(vocab.DEPUTY_LINES[:deputies])
    if deputies < len(vocab.DEPUTY_LINES):  # a smaller 院: the last deputy takes the rest
        groups[-1] = tuple(line for g in vocab.DEPUTY_LINES[deputies - 1 :] for line in g)
    titles = ["检察长", *["副检察长"] * deputies, *["检察委员会专职委员"] * (deputies - 2)]
    charge = [(), *groups, *[()] * (deputies - 2)]
    return [
        PersonRow(f"{unit.code}{next(seq):04d}", names(), unit.code, "", "", title, True, (), lines)
        for title, lines in zip(titles, charge, strict=True)
    ]


def _person(rng, names, unit: UnitRow, dept: DepartmentRow, seq: int, title: str) -> PersonRow:
    case_line = dept.line in CASE_LINES
    specialties: tuple[str, ...] = ()
    if case_line:
        extra = rng.choice(CASE_LINES) if rng.random() < 0.25 else dept.line
        specialties = tuple(sorted({dept.line, extra}))
    return PersonRow(
        f"{unit.code}{seq:04d}",
        names(),
        unit.code,
        dept.name,
        dept.line,
        title,
        case_line and title in vocab.PROSECUTOR_TITLES,
        specialties,
    )


def pool_size(cases: int) -> int:
    """Enough evaluators that the seed's 30% draws stay within 30 cases each."""
    return max(120, math.ceil(cases * 0.0125))


def build_pool(people: Sequence[PersonRow], cases: int, seed: int) -> list[PoolRow]:
    rng = random.Random(f"{seed}:pool")
    candidates = [
        p
        for p in people
        if p.is_quota_prosecutor and p.specialties and p.unit_code != vocab.PROVINCE[0]
    ]
    chosen = sorted(
        rng.sample(candidates, min(pool_size(cases), len(candidates))), key=lambda p: p.staff_no
    )
    return [
        PoolRow(
            p.staff_no, rng.choice(p.specialties), date(2014, 6, 1) + timedelta(rng.randrange(540))
        )
        for p in chosen
    ]
