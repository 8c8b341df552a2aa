"""案件查询日志 of the synthetic cases (the 统一业务系统's access log, read by R7-03).

Plain Python with its own random stream per case, so that no other event moves. The handler
opens the case a few times; now and then a colleague of another department looks once or
twice. The planted breach is a colleague outside the case's team opening it three times
with the first and the last exactly 7 days apart (within); the near-miss spreads three
queries over 8 days (never three within 7).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from guifan.cases.importing.values import parse_staff_list
from guifan.demo.plant import NEAR, VIOLATION
from guifan.demo.scene import Scene

COLLEAGUE_LOOKS = 0.15  # share of cases a colleague of another department opens


def _at(day: date, rng: random.Random, first: int = 8, last: int = 22) -> datetime:
    return datetime.combine(day, time(rng.randint(first, last), rng.randint(0, 59)))


def _any(scene: Scene, rng: random.Random) -> datetime:
    """A moment while the case is open."""
    days = (scene.end - scene.start).days
    return _at(scene.start + timedelta(days=rng.randint(0, max(days, 0))), rng)


def _outsiders(scene: Scene, colleagues: list[str]) -> list[str]:
    """Colleagues who are not in the case's team (讯问人, 审核审批人)."""
    team = set(scene.case.reviewers) | {scene.case.handler_staff_no}
    for row in scene.rows["interrogations"]:
        team.update(no for no in parse_staff_list(row["interrogators"]).split(",") if no)
    return [staff for staff in colleagues if staff not in team]


def _planted(scene: Scene, rng: random.Random, staff: str, outcome: str) -> bool:
    """Three queries by ``staff``: 7 days apart (VIOLATION) or 8 (NEAR)."""
    span = 7 if outcome == VIOLATION else 8
    first = scene.start
    last = scene.end - timedelta(days=span)
    if last < first:
        return False
    day = first + timedelta(days=rng.randint(0, (last - first).days))
    middle = day + timedelta(days=rng.randint(1, span - 1))
    if outcome == VIOLATION:  # early on the first day, late on the last: calendar days
        moments = [_at(day, rng, 8, 9), _at(middle, rng), _at(day + timedelta(span), rng, 21, 22)]
    else:  # late on the first day, early on the last: under 8 × 24 hours
        moments = [_at(day, rng, 21, 22), _at(middle, rng), _at(day + timedelta(span), rng, 8, 9)]
    for moment in moments:
        scene.add("access_logs", staff_no=staff, queried_at=moment)
    return True


def plan_access(scene: Scene, seed: int, colleagues: list[str]) -> None:
    rng = random.Random(f"{seed}:access:{scene.case.case_no}")
    handler = scene.case.handler_staff_no
    for _ in range(rng.randint(1, 3) if handler else 0):
        scene.add("access_logs", staff_no=handler, queried_at=_any(scene, rng))
    outsiders = _outsiders(scene, colleagues)
    if not outsiders:
        return
    staff = rng.choice(outsiders)
    outcome = scene.plant.decide("R7-03")
    if outcome in (VIOLATION, NEAR) and _planted(scene, rng, staff, outcome):
        scene.plant.mark("R7-03", outcome)
    elif rng.random() < COLLEAGUE_LOOKS:
        for _ in range(rng.randint(1, 2)):
            scene.add("access_logs", staff_no=staff, queried_at=_any(scene, rng))
