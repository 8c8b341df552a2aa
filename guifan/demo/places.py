"""犯罪地 and 侦查机关所在地 of the synthetic 审查逮捕 and 审查起诉 cases, and the 院辖区表
the demo's units import (R6-01, 地域管辖).

Plain Python with its own random stream per case, drawn last, so that no other event moves.
A county unit's 辖区 is its own district (临江区, 云山县 …), the city unit's all of them. A
case's places lie in its unit's 辖区; the planted breach puts both in another unit's
district; the near miss puts the 犯罪地 there but keeps the 侦查机关 at home, or moves both
and records a 指定管辖.
"""

from __future__ import annotations

import random

from guifan.cases import kinds as K
from guifan.demo import vocab
from guifan.demo.generator import DemoWorld
from guifan.demo.plant import NEAR, VIOLATION
from guifan.demo.scene import Scene

STREETS = ("城关镇", "中山路", "人民路", "新华街道", "工业园区", "滨江路")
JUDGED = K.ARREST_REVIEWS | K.PROSECUTION_REVIEWS


def districts(world: DemoWorld) -> dict[str, list[str]]:
    """{unit code: the districts of its 辖区}: a county its own, the city every county's."""
    own = {}
    for unit in world.case_units:
        name = unit.name.removesuffix("人民检察院")
        if unit.tier == "county":
            own[unit.code] = name.removeprefix(vocab.CITY[2]) or name
    every = list(own.values())
    return {u.code: [own[u.code]] if u.code in own else every for u in world.case_units}


def jurisdiction_rows(world: DemoWorld) -> list[dict]:
    """The 院辖区表 as the office imports it."""
    names = {u.code: u.name for u in world.units}
    return [
        {"unit_code": code, "unit_name": names[code], "districts": "、".join(its)}
        for code, its in districts(world).items()
    ]


def plan_places(scene: Scene, seed: int, its: list[str], every: list[str]) -> None:
    """The case's places (``its``: its unit's districts, ``every``: all the districts)."""
    case = scene.case
    fields = scene.places = {"crime_place": "", "police_place": "", "designated": False}
    if case.category not in JUDGED:
        return
    rng = random.Random(f"{seed}:places:{case.case_no}")
    home, away = rng.choice(its), rng.choice([d for d in every if d not in its] or its)
    street = rng.choice(STREETS)
    fields["crime_place"], fields["police_place"] = f"{home}{street}", f"{home}公安局"
    outcome = scene.plant.decide("R6-01")
    if outcome is None or away in its:
        return
    fields["crime_place"] = f"{away}{street}"
    if outcome == VIOLATION or rng.random() < 0.5:
        fields["police_place"] = f"{away}公安局"
    fields["designated"] = outcome == NEAR and fields["police_place"] != f"{home}公安局"
    scene.plant.mark("R6-01", outcome)
