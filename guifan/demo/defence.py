"""The defence register of a synthetic case and the notices telling the defender of each
major procedural decision (R3-15), with the violations and near-misses planted there.

Plain Python, run last among the event generators (after flags, before the inquiries' own
stream), so that its draws move nothing planted before. Every lawyer who made a request in
the case is on the register from a day or two before the first request; each decision made
on or after that day (退回补充侦查, 延长, 移送审查起诉, 报请逮捕, 提起公诉, a later measure of a
suspect) is told to the defender within ``NOTIFY_DAYS`` days (rolled over a rest day), except
where ``plant.py`` plants a late notice or none (only on a decision of a kind made once in
the case after the engagement, so that another decision's notice cannot stand in for it).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from guifan.core.periods import add_months, days_deadline
from guifan.demo.plant import NEAR, VIOLATION
from guifan.demo.scene import Scene

REGISTER_KINDS = ("staff_departures", "staff_relatives")
NOTIFY_DAYS = 3  # the default of settings.GUIFAN_CHECKS_NOTIFY_DAYS
# 告知事项 of each decision, as the register writes them.
MATTERS = {
    "return": "案件退回补充侦查",
    "extension": "延长审查期限",
    "移送审查起诉": "案件已移送审查起诉",
    "报请逮捕": "已报请审查逮捕",
    "indictment": "案件已提起公诉",
    "measure": "变更强制措施情况",
}
# Districts (行政区划代码) the demo's lawyers were born in: the province's capital and cities.
BIRTHPLACES = ("370102", "370103", "370202", "370302", "370602", "370702")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def plan_defence(scene: Scene, units: list[str]) -> None:
    """The register and notices of a case with a lawyer; ``units`` are the other
    procuratorates a former member of staff may have served in."""
    lawyers = [r for r in scene.rows["lawyer_requests"] if r["lawyer_name"]]
    if not lawyers:
        return
    first = min(lawyers, key=lambda r: r["submitted_at"])
    rng = scene.rng
    engaged = max(scene.start, first["submitted_at"].date() - timedelta(days=rng.randint(0, 2)))
    scene.add(
        "defenders", name=first["lawyer_name"], licence_no=licence_no(rng),
        id_no=id_no(rng), engaged_on=engaged,
    )  # fmt: skip
    made = [d for d in _decisions(scene) if engaged <= d[0] <= scene.last_day]
    counts: dict[str, int] = {}
    for _day, what in made:
        counts[what] = counts.get(what, 0) + 1
    for day, what in made:
        _tell(scene, day, what, plantable=counts[what] == 1)
    _staff_registers(scene, scene.rows["defenders"][-1], units)
    _handler_kin(scene, scene.rows["defenders"][-1])


def _decisions(scene: Scene) -> list[tuple[date, str]]:
    """(day, kind) of the decisions the defender is told of, from acceptance."""
    rows, case = scene.rows, scene.case
    found = [(r["returned_on"], "return") for r in rows["returns"]]
    found += [(e["approved_on"], "extension") for e in rows["extensions"]]
    found += [
        (t["transferred_at"].date(), t["kind"])
        for t in rows["transfers"]
        if t["kind"] in ("移送审查起诉", "报请逮捕")
    ]
    if case.close_type == "起诉" and case.close_date is not None:
        found.append((case.close_date, "indictment"))
    seen: set = set()
    measures = [m for m in rows["measures"] if m["decided_at"] is not None]
    for m in sorted(measures, key=lambda m: m["decided_at"]):
        if m["suspect_seq"] is not None and m["suspect_seq"] in seen:
            found.append((m["decided_at"].date(), "measure"))
        seen.add(m["suspect_seq"])
    return [d for d in found if d[0] is not None and d[0] >= scene.start]


def _tell(scene: Scene, day: date, what: str, *, plantable: bool) -> None:
    """A notice within the period (its last day for a near-miss), or a late one or none for
    a planted violation; a notice after the data's last day is not in the data yet."""
    deadline = days_deadline(day, NOTIFY_DAYS, scene.cal, custody=False)
    outcome = scene.plant.decide("R3-15") if plantable else None
    told: date | None = day + timedelta(days=scene.rng.randint(0, 2))  # before the deadline
    if outcome == NEAR:
        told = deadline
    elif outcome == VIOLATION and scene.plant.rng.random() < 0.7:
        told = deadline + timedelta(days=scene.plant.rng.randint(1, 6))
    elif outcome == VIOLATION:
        told = None  # never told
    if told is not None and told > scene.last_day:
        told = None
    if deadline > scene.last_day:
        outcome = None  # the period runs past the data: nothing is late yet
    scene.plant.mark("R3-15", outcome)
    if told is not None:
        scene.add("notices", party="辩护人", matter=MATTERS[what], notified_at=scene.at(told))


def _staff_registers(scene: Scene, defender: dict[str, Any], units: list[str]) -> None:
    """R7-05 (高检规则2012 第39条): the defender on a staff register where ``plant.py`` plants
    it: a former member of staff within two years of leaving (its last day included), a
    former member of the case's own unit, the spouse or a child of a colleague of the
    handler; near-misses: left two years and a day before, a parent of a colleague."""
    outcome = scene.plant.decide("R7-05")
    if outcome is None:
        return
    rng, case, engaged = scene.plant.rng, scene.case, defender["engaged_on"]
    colleagues = scene.team[1:]
    way = rng.choice(("within", "former", "relative" if colleagues else "within"))
    if outcome == NEAR:
        way = "expired" if rng.random() < 0.5 or not colleagues else "parent"
    if way in ("relative", "parent"):
        relation = "父母" if way == "parent" else rng.choice(("配偶", "子女"))
        scene.rows["staff_relatives"].append(
            dict(ref=f"{case.unit_code}-{case.case_no}-1", unit_code=case.unit_code,
                 unit_name="", staff_no=rng.choice(colleagues), name=defender["name"],
                 relation=relation, id_no=defender["id_no"])
        )  # fmt: skip
    else:
        unit = case.unit_code if way == "former" else rng.choice(units)
        left = {
            "within": engaged - timedelta(days=rng.randint(1, 700)),
            "former": engaged - timedelta(days=rng.randint(800, 3000)),
            "expired": add_months(engaged - timedelta(days=1), -24),
        }[way]
        if (
            way == "within"
            and rng.random() < 0.3
            and add_months(add_months(engaged, -24), 24) == engaged
        ):
            left = add_months(engaged, -24)  # the last day of the two years
        if way == "expired" and add_months(left, 24) != engaged - timedelta(days=1):
            left = engaged - timedelta(days=800)
        scene.rows["staff_departures"].append(
            dict(ref=f"{unit}-{case.case_no}", unit_code=unit, unit_name="", name=defender["name"],
                 staff_no="", id_no=defender["id_no"], left_on=left)
        )  # fmt: skip
    scene.plant.mark("R7-05", outcome)


def _handler_kin(scene: Scene, defender: dict[str, Any]) -> None:
    """R7-04 (刑诉法2012 第28条): the defender registered as the handler's parent or sibling
    where ``plant.py`` plants it (a spouse or child would break R7-05 as well); as a more
    distant relative (其他亲属, not 近亲属) for a near-miss."""
    outcome = scene.plant.decide("R7-04")
    handler = scene.team[0] if scene.team else ""
    if outcome is None or not handler:
        return
    rng, case = scene.plant.rng, scene.case
    relation = rng.choice(("父母", "同胞兄弟姊妹")) if outcome == VIOLATION else "其他亲属"
    scene.rows["staff_relatives"].append(
        dict(ref=f"{case.unit_code}-{case.case_no}-2", unit_code=case.unit_code, unit_name="",
             staff_no=handler,
             name=defender["name"], relation=relation, id_no=defender["id_no"])
    )  # fmt: skip
    scene.plant.mark("R7-04", outcome)


def id_no(rng) -> str:
    """A made-up 居民身份证号 with a valid check character (GB 11643)."""
    born = date(1960, 1, 1) + timedelta(days=rng.randint(0, 365 * 30))
    body = f"{rng.choice(BIRTHPLACES)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    total = sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def licence_no(rng) -> str:
    """A made-up 律师执业证号: 17 digits, the province's code first."""
    return f"137{rng.randint(0, 99_999_999_999_999):014d}"
