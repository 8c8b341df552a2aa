"""What a closing document states (受理日期, 结案日期, 罪名, 结论), for R5-01 案卡与文书不一致.

Plain Python, run last among the case's own draws. One closing document in ten carries the
stated values (older exports do not): they agree with the case card, except where ``plant.py``
plants a date, a charge or a conclusion that does not; a near-miss leaves a value blank, which
is not compared.
"""

from __future__ import annotations

from datetime import timedelta

from guifan.demo.generator import LAST_DAY
from guifan.demo.paperwork import CLOSING_DOCS
from guifan.demo.plant import NEAR, VIOLATION
from guifan.demo.scene import Scene

SHARE = 0.1
FIELDS = ("stated_accept_date", "stated_close_date", "stated_cause", "stated_conclusion")


def plan_card(scene: Scene) -> None:
    case = scene.case
    closing = CLOSING_DOCS.get(case.close_type, ("", ""))[0]
    docs = [d for d in scene.rows["documents"] if d["doc_type"] == closing]
    if case.close_date is None or not docs or scene.rng.random() >= SHARE:
        return
    doc = docs[-1]
    doc.update(stated_accept_date=case.accept_date, stated_close_date=case.close_date,
               stated_cause=case.cause, stated_conclusion=case.close_type)  # fmt: skip
    outcome = scene.plant.decide("R5-01")
    rng = scene.plant.rng
    if outcome == NEAR:
        field = rng.choice(FIELDS)
        doc[field] = None if field.endswith("date") else ""
    elif outcome == VIOLATION:
        shift = timedelta(days=rng.randint(1, 5))
        way = rng.choice(("accept", "close", "conclusion"))
        if way == "accept":
            doc["stated_accept_date"] = case.accept_date - shift
        elif way == "close":  # later, or earlier where later would be after the world's day
            later = case.close_date + shift
            doc["stated_close_date"] = later if later <= LAST_DAY else case.close_date - shift
        else:
            doc["stated_conclusion"] = rng.choice([c for c in CLOSING_DOCS if c != case.close_type])
    scene.plant.mark("R5-01", outcome)
