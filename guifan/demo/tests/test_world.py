"""The demo world could have happened: cases as the table of combinations allows, each 院's
jurisdiction, numbers dense and in one format, leaders and staff, custody only where the
law allows it. Checked on generated data for several seeds."""

import re
from collections import Counter, defaultdict
from datetime import date, datetime

import pytest

from guifan.cases import kinds as K
from guifan.demo import org, vocab
from guifan.demo.events import EventGenerator
from guifan.demo.generator import LAST_DAY, DemoWorld
from guifan.demo.scene import CUTOFF

SEEDS = (2016, 7, 11)
CASE_NO = re.compile(
    r"^(?P<prefix>\w+?)检(?P<code>\w{2})受\[(?P<year>20\d\d)\](?P<serial>\d{4,})号$"
)
DOC_NO = re.compile(
    r"^(?P<prefix>\w+?)检(?P<dept>\w{2})(?P<code>\w+)〔(?P<year>20\d\d)〕(?P<n>\d+)号$"
)


@pytest.fixture(scope="module", params=SEEDS)
def world(request):
    world = DemoWorld(seed=request.param, cases=4000)
    return world, list(EventGenerator(world).cases_with_events())


def test_the_same_seed_gives_the_same_world_byte_for_byte():
    one, two, other = DemoWorld(5, 1500), DemoWorld(5, 1500), DemoWorld(6, 1500)
    assert one.people == two.people and one.pool == two.pool
    first = list(EventGenerator(one).cases_with_events())
    assert first == list(EventGenerator(two).cases_with_events())
    assert [c for c, _ in first] != list(other.cases())


def test_every_case_is_an_allowed_combination(world):
    world, cases = world
    tiers = {u.code: u.tier for u in world.units}
    for case, _events in cases:
        assert K.allowed(
            line=case.line, category=case.category, tier=tiers[case.unit_code],
            close_type=case.close_type, cause=case.cause,
        ), case  # fmt: skip
    categories = Counter(c.category for c, _ in cases)
    assert len(categories) >= 18, categories


def test_jurisdiction_by_level_and_supervision_from_above(world):
    world, cases = world
    grave = {c for c, _ in K.CAUSE_POOLS["grave"]}
    for case, _events in cases:
        if case.tier == "city" and case.category == "审查起诉(一审)":
            assert case.cause in grave, case  # 中院 first instance only
        if case.category.startswith("二审"):
            assert case.tier == "city", case
        if case.supervision:
            assert case.supervision == "province" or case.tier == "county", case
    supervised = [c for c, _ in cases if c.supervision]
    assert supervised and {"province", "city"} <= {c.supervision for c in supervised}


def test_case_and_document_numbers_are_dense_and_in_one_format(world):
    world, cases = world
    prefixes = {u.code: u.prefix for u in world.units}
    serials, unified, documents = defaultdict(list), defaultdict(list), defaultdict(list)
    for case, events in cases:
        match = CASE_NO.match(case.case_no)
        assert match and match["prefix"] == prefixes[case.unit_code], case.case_no
        serials[case.unit_code, match["code"], match["year"]].append(int(match["serial"]))
        unified[case.unit_code, case.accept_date.year].append(int(case.unified_no[-7:]))
        for doc in events.rows["documents"]:
            m = DOC_NO.match(doc["doc_no"])
            assert m and m["prefix"] == prefixes[case.unit_code], doc["doc_no"]
            documents[case.unit_code, m["dept"], m["code"], m["year"]].append(int(m["n"]))
    assert "江州市检" not in "".join(c.case_no for c, _ in cases)
    for numbers in (*serials.values(), *unified.values(), *documents.values()):
        assert sorted(numbers) == list(range(min(numbers), min(numbers) + len(numbers)))
    for (unit, _code, year), numbers in serials.items():
        if year != "2014":
            assert min(numbers) == 1, (unit, year)
    # 2014 continues the year's numbering from before the world begins in September.
    assert all(min(n) > 1 for (_u, _c, y), n in serials.items() if y == "2014" and len(n) > 30)


def test_each_procuratorate_has_its_leaders_and_realistic_staff():
    for cases, (city_low, city_high), (county_low, county_high) in (
        (3000, (150, 150), (50, 65)),
        (20000, (170, 190), (50, 100)),
        (100000, (250, 250), (80, 120)),
    ):
        world = DemoWorld(cases=cases)
        for unit in world.case_units:
            people = [p for p in world.people if p.unit_code == unit.code]
            titles = Counter(p.title for p in people)
            assert (
                titles["检察长"] == 1
                and titles["副检察长"] >= 3
                and titles["检察委员会专职委员"] >= 1
            )
            low, high = (city_low, city_high) if unit.tier == "city" else (county_low, county_high)
            assert low <= len(people) <= high, (cases, unit.name, len(people))
            assert titles["部门负责人"] / len(people) < 0.3
            deputies = [p for p in people if p.title == "副检察长"]
            assert {line for p in deputies for line in p.in_charge_of} >= set(org.CASE_LINES)
    assert len(DemoWorld(cases=20000).pool) == org.pool_size(20000) == 250


def test_reviewers_and_approvals_come_from_the_case_s_own_院(world):
    world, cases = world
    people = {p.staff_no: p for p in world.people}
    for case, _events in cases:
        for staff_no in case.reviewers:
            assert people[staff_no].unit_code == case.unit_code
        if case.close_type == "不起诉":
            assert any(people[s].title == "检察长" for s in case.reviewers), case


def test_custody_only_after_filing_and_where_the_charge_allows_it(world):
    _world, cases = world
    for case, events in cases:
        planted = events.expected
        measures = events.rows["measures"]
        if case.category == "线索初查":
            assert not measures or planted.get("R6-04") == "violation", case
            assert not events.rows["properties"] or planted.get("R4-13") == "violation", case
        if case.cause in K.NOT_ARRESTABLE:
            assert case.category not in K.ARREST_REVIEWS
            assert not any(m["kind"] == "逮捕" for m in measures), case
        if case.category == "职务犯罪立案侦查":
            for m in measures:
                assert m["decided_at"].date() >= case.accept_date, case
        for row in (r for rows in events.rows.values() for r in rows):
            for value in row.values():
                if isinstance(value, datetime):
                    assert value < CUTOFF, (case, row)
                elif isinstance(value, date):
                    assert value <= LAST_DAY, (case, row)


def test_planting_can_be_switched_off_and_refuses_unknown_rules():
    from guifan.demo.plant import PLANS

    quiet = DemoWorld(cases=800, shares=dict.fromkeys(PLANS, 0.0))
    assert all(
        set(events.expected.values()) <= {"ok"}
        for _c, events in EventGenerator(quiet).cases_with_events()
    )
    with pytest.raises(ValueError, match="unknown rule"):
        DemoWorld(cases=10, shares={"R9-99": 0.1})
    with pytest.raises(ValueError, match="between 0 and 1"):
        DemoWorld(cases=10, shares={"R2-04": 1.5})


def test_departments_and_prefixes_follow_the_vocabulary():
    world = DemoWorld(cases=100)
    assert {u.prefix for u in world.units if u.tier == "city"} == {vocab.NUMBER_PREFIX["980100"]}
    city = [d for d in world.departments if d.unit_code == "980100"]
    assert {d.case_code for d in city if d.line == "jiansuo"} == {"刑执"}
