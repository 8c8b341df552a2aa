"""Clues (线索记录), receptions (接待登记) and the retrial dates of civil supervision cases,
with the violations of R6-02, R7-06 and R6-07 planted beside near-misses.

Plain Python, run last from its own random streams so that adding it moved nothing else in
the world. Periods are counted with ``guifan.core.periods`` as the checks count them: a clue
goes to the 举报中心 (and a 要案线索 on record) within 7 days, a contact outside working time
or place is reported within 3 days (both rolled over a rest day), and a 生效裁判监督 case is
accepted only once the court's three months of review have run out or it has ruled.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from guifan.checks.reference.oversight import (
    CLUE_DAYS,
    COURT_MONTHS,
    REPORT_DAYS,
    RETRIAL_SUPERVISION,
)
from guifan.core.periods import days_deadline, months_deadline
from guifan.demo.plant import NEAR, VIOLATION, Planter
from guifan.demo.scene import LAST_DAY, Scene

CLUE_LINES = frozenset({"gongsu", "zhenjian", "weijian"})
ROLES = ("律师", "律师", "律师", "当事人", "近亲属")
VISITORS = ("张律师", "李律师", "王律师", "刘某", "陈某", "杨某")


def plan_oversight(scene: Scene, seed: int) -> None:
    case = scene.case
    rng = random.Random(f"{seed}:oversight:{case.case_no}")
    planter = Planter(random.Random(f"{seed}:oversight-plant:{case.case_no}"), scene.plant.plans)
    if case.line in CLUE_LINES and rng.random() < 0.04:
        _clue(scene, rng, planter)
    if rng.random() < 0.05:
        for _ in range(rng.randint(1, 2)):
            _reception(scene, rng, planter)
    if case.category in RETRIAL_SUPERVISION and rng.random() < 0.9:
        _retrial(scene, rng, planter)
    scene.plant.marks.extend(planter.marks)


def _on_or_before_last_day(day: date | None) -> date | None:
    return day if day is not None and day <= LAST_DAY else None


def _late(rng: random.Random, limit: date) -> date | None:
    """A day after ``limit``, or nothing done at all; None when the data cannot show it
    late (the period has not ended by the world's date)."""
    if limit >= LAST_DAY:
        return None
    return min(limit + timedelta(days=rng.randint(1, 6)), LAST_DAY) if rng.random() < 0.7 else None


def _clue(scene: Scene, rng: random.Random, planter: Planter) -> None:
    """A clue found in the case: sent to the 举报中心 (a 要案线索 also on record) in time."""
    span = (scene.end - scene.start).days
    received = scene.start + timedelta(days=rng.randint(0, max(span, 0)))
    limit = days_deadline(received, CLUE_DAYS, scene.cal, custody=False)
    major = rng.random() < 0.25
    sent = received + timedelta(days=rng.randint(0, CLUE_DAYS - 2))
    recorded = received + timedelta(days=rng.randint(1, CLUE_DAYS - 1)) if major else None
    outcome = planter.decide("R6-02")
    if outcome == NEAR:  # on the last day, often one a rest day moved on
        sent = limit
    elif outcome == VIOLATION:
        if limit >= LAST_DAY:
            outcome = None
        elif major and rng.random() < 0.5:
            recorded = _late(rng, limit)
        else:
            sent = _late(rng, limit)
    planter.mark("R6-02", outcome)
    scene.add(
        "clues", clue_no=f"XS{received:%Y%m%d}{rng.randint(100, 999)}", received_on=received,
        sent_to_centre_on=_on_or_before_last_day(sent), is_major=major,
        recorded_on=_on_or_before_last_day(recorded),
    )  # fmt: skip


def _workday(scene: Scene, day: date) -> date:
    return scene.cal.next_workday(day)


def _reception(scene: Scene, rng: random.Random, planter: Planter) -> None:
    """A lawyer, party or relative received by the handler: in office hours at the office,
    or outside them (or elsewhere) and reported to 纪检监察 within the days."""
    span = (scene.end - scene.start).days
    day = scene.start + timedelta(days=rng.randint(0, max(span, 0)))
    role, visitor = rng.choice(ROLES), rng.choice(VISITORS)
    outcome = planter.decide("R7-06")
    reported = None
    if outcome == NEAR and rng.random() < 0.5:
        # At the office at the edge of the working day, on a working day: nothing to report.
        moment = datetime.combine(_workday(scene, day), rng.choice((time(8, 30), time(17, 29))))
        place = "工作场所"
    elif outcome is None and rng.random() < 0.8:
        moment = datetime.combine(
            _workday(scene, day), time(rng.randint(9, 16), rng.randint(0, 59))
        )
        place = "工作场所"
    else:
        moment, place = _off(scene, rng, day)
        limit = days_deadline(moment, REPORT_DAYS, scene.cal, custody=False)
        reported = moment.date() + timedelta(days=rng.randint(0, REPORT_DAYS))
        if outcome == NEAR:
            reported = limit
        elif outcome == VIOLATION:
            if limit >= LAST_DAY:
                outcome, reported = None, limit
            else:
                reported = _late(rng, limit)
    if moment.date() > LAST_DAY:
        return
    planter.mark("R7-06", outcome)
    scene.add(
        "receptions", staff_no=scene.team[0], visitor=visitor, visitor_role=role,
        received_at=moment, place=place, reported_on=_on_or_before_last_day(reported),
    )  # fmt: skip


def _off(scene: Scene, rng: random.Random, day: date) -> tuple[datetime, str]:
    """A contact outside working time (an evening, a rest day) or outside the office."""
    how = rng.random()
    if how < 0.4:
        return datetime.combine(day, time(rng.randint(18, 21), rng.randint(0, 59))), "工作场所"
    if how < 0.7:
        rest = day
        while scene.cal.is_workday(rest):
            rest += timedelta(days=1)
        return datetime.combine(rest, time(rng.randint(9, 16), 0)), "其他"
    return datetime.combine(_workday(scene, day), time(rng.randint(9, 16), 30)), "其他"


def _retrial(scene: Scene, rng: random.Random, planter: Planter) -> None:
    """When the party asked the court for a retrial and when the court ruled: accepted only
    after the court's three months ran out or once it ruled."""
    accepted = scene.start
    outcome = planter.decide("R6-07")
    if outcome == VIOLATION:
        applied = accepted - timedelta(days=rng.randint(10, 80))
        ruled = accepted + timedelta(days=rng.randint(5, 40)) if rng.random() < 0.4 else None
    elif outcome == NEAR:
        applied, ruled = _court_period_ended_yesterday(scene, accepted), None
        if applied is None:  # the day before was a rest day: the court ruled that very day
            applied, ruled = accepted - timedelta(days=rng.randint(30, 80)), accepted
    elif rng.random() < 0.6:
        applied = accepted - timedelta(days=rng.randint(120, 400))
        ruled = applied + timedelta(days=rng.randint(30, 85))
    else:
        applied = accepted - timedelta(days=rng.randint(110, 200))
        ruled = None
    planter.mark("R6-07", outcome)
    scene.retrial_applied_on = applied
    scene.retrial_ruled_on = _on_or_before_last_day(ruled)


def _court_period_ended_yesterday(scene: Scene, accepted: date) -> date | None:
    """An application whose three months (counted as the checks count them) ended the day
    before ``accepted``, or None when no application gives that."""
    for back in range(85, 100):
        applied = accepted - timedelta(days=back)
        court = months_deadline(applied, COURT_MONTHS, scene.cal, custody=False)
        if court == accepted - timedelta(days=1):
            return applied
    return None
