"""指定居所监视居住 (RSDL) in a synthetic self-investigation case.

Plain Python. Lawful only without a fixed residence or in a major bribery case with the upper
procuratorate's approval (高检规则2012 第110–111条), never at a detention or office place,
the family told within 24 hours (第114条), its necessity reviewed every two months (第112条),
free of charge (第113条), at most six months; ``plant.py`` plants the exceptions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from guifan.core.periods import months_deadline
from guifan.demo.plant import NEAR, VIOLATION
from guifan.demo.scene import Scene, SuspectPlan

BAD_PLACES = ("看守所", "讯问室", "办公区", "留置室")


def plan_rsdl(
    scene: Scene,
    suspect: SuspectPlan,
    first_contact: Callable[[Scene, SuspectPlan, date], datetime],
) -> dict:
    """The RSDL measure row, after a first contact that ``first_contact`` stages."""
    from guifan.demo.custody import measure

    rng, plant, case, end = scene.rng, scene.plant, scene.case, scene.end
    length = min(rng.randint(20, 90), (end - case.accept_date).days - 10)
    first = max(case.accept_date, end - timedelta(days=58 + length))
    day = scene.day(first, end - timedelta(days=5 + length)) or case.accept_date
    contact = first_contact(scene, suspect, day)
    decided = scene.after(contact, 10, 30)
    executed = scene.after(decided, 30, 180)
    ended = scene.at(executed.date() + timedelta(days=length), "09:00", "15:00")
    place = "指定居所"
    if plant.breaks("R2-09"):
        place = plant.rng.choice(BAD_PLACES)
    return measure(
        scene, suspect, "指定居所监视居住", decided, executed, ended,
        approved_by_upper=scene.is_major_bribery, place_type=place,
        necessity_reviews=";".join(d.isoformat() for d in _reviews(scene, executed, ended)),
        fee_charged=plant.breaks("R2-13"),
    )  # fmt: skip


def _reviews(scene: Scene, executed: datetime, ended: datetime) -> list[date]:
    """Necessity reviews at most two months apart (a rest day rolls the limit over), up to
    the end of the measure; one planted exactly on its limit, late, or missing."""
    rng, plant, cal = scene.rng, scene.plant, scene.cal
    reviews, last = [], executed.date()
    outcome = plant.decide("R2-11")
    while True:
        limit = months_deadline(last, 2, cal, custody=False)
        if ended.date() <= limit:
            return reviews
        review = last + timedelta(days=rng.randint(45, 55))
        if outcome == NEAR:
            review = limit
        elif outcome == VIOLATION:
            late = limit + timedelta(days=rng.randint(2, 12))
            plant.mark("R2-11", VIOLATION)
            if late >= ended.date():
                return reviews  # the measure ran past its limit without a review
            review = late
        plant.mark("R2-11", outcome if outcome == NEAR else None)
        outcome = None
        reviews.append(review)
        last = review
