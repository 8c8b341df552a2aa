"""Interrogations (讯问) and their recordings in a synthetic case.

Plain Python. Two interrogators at least (刑诉法2012 第116条); someone held in the 看守所 is
interrogated there; a self-investigation interrogation is recorded in full (高检规则2012 第201条),
the recording starting and stopping within two minutes of it; a break in the recording is
approved by the chief and noted in the record. ``plant.py`` plants the exceptions.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from guifan.demo.plant import NEAR, VIOLATION
from guifan.demo.scene import Scene, SuspectPlan

TOLERANCE = timedelta(minutes=2)


def interrogate(scene: Scene, suspect: SuspectPlan, start: datetime) -> dict:
    rng, plant, case = scene.rng, scene.plant, scene.case
    minutes = rng.randint(40, 180)
    end = start + timedelta(minutes=minutes)
    helpers = 2 if case.is_self_investigation and rng.random() < 0.15 else 1
    team = [scene.team[0], *rng.sample(scene.team[1:], min(helpers, len(scene.team) - 1))]
    recorded = case.is_self_investigation or rng.random() < 0.1
    place = suspect.place_at(start)
    if suspect.held_in_detention_centre(start) and plant.breaks("R2-05"):
        place = "讯问室"  # taken out of the 看守所 to be questioned
    row = scene.add(
        "interrogations", suspect_seq=suspect.seq, start_at=start, end_at=end,
        location_type=place, interrogators=";".join(team),
    )  # fmt: skip
    if plant.breaks("R2-04"):
        row["interrogators"] = team[0]
    if case.is_self_investigation and plant.breaks("R2-01"):
        recorded = False
    suspect.interrogations.append(row)
    if not recorded:
        return row
    row.update(
        av_recorded=True, av_start_at=scene.after(start, -2, 0), av_end_at=scene.after(end, 0, 3)
    )
    outcome = plant.decide("R2-02")
    gap = TOLERANCE if outcome == NEAR else timedelta(minutes=plant.rng.randint(3, minutes // 3))
    if outcome:
        if plant.rng.random() < 0.5:
            row["av_start_at"] = start + gap
        else:
            row["av_end_at"] = end - gap
        plant.mark("R2-02", outcome)
    if rng.random() < 0.12:
        _interruption(scene, row, minutes)
    return row


def within_a_day(scene: Scene, executed: datetime, rule: str | None) -> datetime:
    """The interrogation the law requires within 24 hours of taking someone into custody
    (刑诉法2012 第84条、第92条), or (planted) exactly then or later."""
    if executed.hour < 15:
        start = scene.after(executed, 60, 120)
    else:
        start = scene.at(executed.date() + timedelta(days=1), "08:30", "10:30")
        start = min(start, executed + timedelta(hours=23))
    outcome = scene.plant.decide(rule) if rule else None
    planted = start
    if outcome == NEAR:
        planted = executed + timedelta(hours=24)
    elif outcome == VIOLATION:
        planted = executed + timedelta(hours=24, minutes=scene.plant.rng.randint(30, 2000))
    if outcome and planted < scene.cutoff and planted.date() <= scene.end:
        scene.plant.mark(rule, outcome)
        return planted
    return start


def _interruption(scene: Scene, interrogation: dict, minutes: int) -> None:
    """A technical failure; continuing needs the chief's approval and a note in the record."""
    start = scene.after(interrogation["start_at"], 10, minutes - 20)
    row = scene.add(
        "av_interruptions", start_at=start, end_at=scene.after(start, 3, 15),
        approved_by_chief=True, noted_in_transcript=True, _of=interrogation,
    )  # fmt: skip
    if scene.plant.breaks("R2-03"):
        choices = ((False, True), (True, False), (False, False))
        approved, noted = scene.plant.rng.choice(choices)
        row.update(approved_by_chief=approved, noted_in_transcript=noted)
