"""Suspects, coercive measures and interrogations of a synthetic case (2015 practice).

Plain Python. Police cases (审查逮捕, 审查起诉) arrive with suspects the police detained or
arrested, or left on bail; self-investigation cases (职务犯罪立案侦查) run their own measures:
拘传, 拘留 then 逮捕 decided by the upper procuratorate, 指定居所监视居住, 取保候审; a 线索初查
takes none (八项禁令). Times follow the 2012 Criminal Procedure Law, so that only what
``plant.py`` plants breaks a rule.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from guifan.cases import kinds as K
from guifan.core.periods import days_deadline
from guifan.demo import vocab
from guifan.demo.interrogation import interrogate, within_a_day
from guifan.demo.plant import NEAR, VIOLATION
from guifan.demo.scene import LAST_DAY, Scene, SuspectPlan, before_cutoff

RSDL_BAD_PLACES = ("看守所", "讯问室", "办公区", "留置室")
INTERROGATION_PLACES = frozenset({"看守所", "讯问室", "指定居所"})
GRAVE = frozenset({"贩卖毒品罪", "抢劫罪", "故意伤害罪", "故意杀人罪", "绑架罪", "强奸罪"})
WITH_SUSPECTS = frozenset(
    {K.Stage.ARREST_REVIEW, K.Stage.PROSECUTION_REVIEW, K.Stage.INVESTIGATION}
)
_PERSON = re.compile(r"^(?:罪犯)?(.[某]+)")


# --- suspects -------------------------------------------------------------------------------
def plan_suspects(scene: Scene, count: int | None = None) -> None:
    if scene.kind.stage not in WITH_SUSPECTS and count is None:
        return
    weights = (75, 20, 5) if scene.case.is_self_investigation else (65, 25, 10)
    count = count or scene.rng.choices((1, 2, 3), weights=weights)[0]
    first = _PERSON.match(scene.case.name)
    names = [first.group(1)] if first else []
    while len(names) < count:
        name = scene.rng.choice(vocab.SURNAMES) + scene.rng.choice(("某", "某某"))
        if name not in names:
            names.append(name)
    for seq, name in enumerate(names, 1):
        scene.suspects.append(SuspectPlan(seq, _suspect_row(scene, seq, name)))


def _suspect_row(scene: Scene, seq: int, name: str) -> dict:
    rng, case = scene.rng, scene.case
    if case.line == "weijian":
        age = rng.randint(14, 17)
    elif case.is_self_investigation or scene.kind.causes == "duty":
        age = rng.randint(35, 58)
    else:
        age = rng.randint(18, 60)
    born = case.accept_date - timedelta(days=age * 365 + rng.randint(10, 350))
    return scene.add(
        "suspects",
        seq=seq,
        name=name,
        id_no=id_number(case.unit_code, born, rng.randrange(1, 1000)),
        blind_deaf_mute=rng.random() < 0.003,
        mental_illness_partial=rng.random() < 0.003,
        possible_life_or_death=case.cause in GRAVE and (case.tier == "city" or rng.random() < 0.03),
        has_fixed_residence=rng.random() >= (0.01 if case.is_self_investigation else 0.08),
    )


def id_number(region: str, born: date, serial: int) -> str:
    """An 18-digit 身份证号 with a valid ISO 7064 MOD 11-2 check digit."""
    body = f"{region}{born:%Y%m%d}{serial:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(digit) * weight for digit, weight in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


# --- measures ---------------------------------------------------------------------------
def plan_custody(scene: Scene) -> None:
    stage = scene.kind.stage
    if stage == K.Stage.INQUIRY:
        _inquiry(scene)
    elif not scene.suspects:
        return
    elif stage == K.Stage.INVESTIGATION:
        for suspect in scene.suspects:
            _investigate(scene, suspect)
    elif stage == K.Stage.ARREST_REVIEW:
        for index, suspect in enumerate(scene.suspects):
            _arrest_review(scene, suspect, first=index == 0)
    elif stage == K.Stage.PROSECUTION_REVIEW:
        for index, suspect in enumerate(scene.suspects):
            _prosecution_review(scene, suspect, first=index == 0)


def measure(scene: Scene, suspect: SuspectPlan, kind: str, decided: datetime, executed: datetime,
            ended: datetime | None = None, *, ours: bool = True, **values) -> dict:  # fmt: skip
    """A measure; ``ours`` when this procuratorate took it (the rules on notifying the family
    within 24 hours bind it then)."""
    place = values.pop("place_type", "看守所" if kind in ("拘留", "逮捕") else "")
    row = scene.add(
        "measures", suspect_seq=suspect.seq, kind=kind, decided_at=decided,
        executed_at=executed, ended_at=ended, place_type=place, **values,
    )  # fmt: skip
    if kind in ("拘留", "逮捕", "指定居所监视居住"):
        row["family_notified_at"] = before_cutoff(scene.after(executed, 60, 20 * 60))
        rule = "R2-10" if kind == "指定居所监视居住" else "R4-01"
        if ours:
            _plant_hours(scene, row, rule, "executed_at", "family_notified_at", 24)
        suspect.holds.append((row, place))
    elif kind in ("取保候审", "拘传"):
        suspect.holds.append((row, "讯问室"))
    return row


def _plant_hours(scene: Scene, row: dict, rule: str, start: str, done: str, hours: int) -> None:
    outcome = scene.plant.decide(rule)
    if outcome == NEAR:
        row[done] = row[start] + timedelta(hours=hours)
    elif outcome == VIOLATION:
        row[done] = row[start] + timedelta(hours=hours, minutes=scene.plant.rng.randint(20, 4000))
    if outcome and row[done] < scene.cutoff:
        scene.plant.mark(rule, outcome)
    elif outcome:
        row[done] = before_cutoff(scene.after(row[start], 60, 20 * 60))


def _inquiry(scene: Scene) -> None:
    """线索初查 restricts nobody's freedom or property; a few cases here did (R6-04)."""
    case = scene.case
    if not scene.plant.breaks("R6-04"):
        return
    plan_suspects(scene, count=1)
    suspect = scene.suspects[0]
    day = scene.day(case.accept_date + timedelta(days=2), scene.end - timedelta(days=1))
    start = scene.at(day or case.accept_date, "09:00", "10:00")
    kind = scene.rng.choice(("拘传", "取保候审"))
    ended = scene.after(start, 300, 600) if kind == "拘传" else None
    measure(scene, suspect, kind, start, start, ended, place_type="讯问室" if ended else "")


def _arrest_review(scene: Scene, suspect: SuspectPlan, *, first: bool) -> None:
    """审查逮捕: the police detained the suspect days ago (or left them free) and ask for
    approval to arrest; the city's 职务犯罪审查逮捕 decides on a 县区院's detainee."""
    rng, case = scene.rng, scene.case
    detained = scene.procedure.detained
    ours = False
    if detained:
        back = rng.randint(3, 7) if rng.random() < 0.9 else rng.randint(8, 30)
        held = scene.at(case.accept_date - timedelta(days=back), "00:00", "23:59")
        hold = measure(scene, suspect, "拘留", scene.after(held, -180, -10), held, ours=ours)
    else:
        hold = None
    last = max(case.accept_date, min(scene.end, LAST_DAY) - timedelta(days=1))
    day = scene.day(case.accept_date, last) or case.accept_date
    interrogate(scene, suspect, scene.at(day, "08:30", "15:30"))
    if case.close_date is None:
        return
    decision = scene.at(case.close_date, "14:00", "17:30")
    arrested = case.close_type in ("批准逮捕", "决定逮捕") and (first or rng.random() < 0.85)
    if arrested:
        executed = scene.after(decision, 60, 360)
        if hold is not None:
            hold["ended_at"] = executed
        measure(scene, suspect, "逮捕", decision, executed, ours=ours)
    elif hold is not None:
        hold["ended_at"] = scene.after(decision, 60, 360)


def _prosecution_review(scene: Scene, suspect: SuspectPlan, *, first: bool) -> None:
    """审查起诉: arrested suspects stay in the 看守所; the others are on bail we re-decide
    within days of receiving the case (高检规则2012 第102条)."""
    rng, case = scene.rng, scene.case
    release = scene.at(case.close_date) if case.close_type in K.RELEASING else None
    held = scene.procedure.detained and (first or rng.random() < 0.5)
    if held:
        # Arrested within the two months of investigation custody before the transfer.
        arrested = scene.at(
            case.accept_date - timedelta(days=rng.randint(10, 55)), "09:00", "21:00"
        )
        detained = scene.at(arrested.date() - timedelta(days=rng.randint(3, 30)), "00:00", "23:59")
        measure(scene, suspect, "拘留", scene.after(detained, -180, -10), detained, arrested,
                ours=False)  # fmt: skip
        measure(scene, suspect, "逮捕", scene.after(arrested, -480, -60), arrested, release,
                ours=False)  # fmt: skip
    else:
        day = scene.day(case.accept_date, min(scene.end, case.accept_date + timedelta(days=3)))
        decided = scene.at(day or case.accept_date)
        ended = scene.at(case.close_date, "09:00", "16:00") if case.close_date else None
        measure(scene, suspect, "取保候审", decided, scene.after(decided, 0, 120), ended)
    if scene.plant.breaks("R3-13") if case.close_date else False:
        return  # closed without ever interrogating this suspect
    first_day, last_day = case.accept_date + timedelta(days=1), scene.end - timedelta(days=1)
    if first_day > last_day:
        first_day = last_day = case.accept_date
    for _ in range(rng.choices((1, 2), weights=(80, 20))[0]):
        interrogate(scene, suspect, scene.at(scene.day(first_day, last_day), "08:30", "16:00"))


def _investigate(scene: Scene, suspect: SuspectPlan) -> None:
    """Self-investigation: first contact, then custody, RSDL, bail or none."""
    rng, case = scene.rng, scene.case
    major = scene.is_major_bribery
    rsdl_share = 0.5 if major else (0.08 if case.line == "fantan" else 0.05)
    if rng.random() < rsdl_share and (scene.end - case.accept_date).days > 40:
        if not major:  # RSDL outside major bribery is lawful only without a fixed residence
            suspect.row["has_fixed_residence"] = False
        _rsdl_path(scene, suspect)
        return
    weights = (50, 40, 10) if case.line == "fantan" else (30, 55, 15)
    path = rng.choices(("custody", "bail", "none"), weights=weights)[0]
    end = scene.end
    if path == "custody" and (end - case.accept_date).days > 25:
        # Arrest late enough that custody before the transfer stays within two months.
        window = (max(case.accept_date, end - timedelta(days=63)), end - timedelta(days=22))
        contact = _first_contact(scene, suspect, scene.day(*window) or case.accept_date)
        _custody_path(scene, suspect, contact)
        return
    soon = min(case.accept_date + timedelta(days=20), end - timedelta(days=10))
    contact = _first_contact(scene, suspect, scene.day(case.accept_date, soon) or case.accept_date)
    if path == "bail":
        decided = scene.after(contact, 10, 30)
        closed = scene.at(case.close_date, "09:00", "16:00") if case.close_date else None
        measure(scene, suspect, "取保候审", decided, scene.after(decided, 10, 60), closed)
    _more_interrogations(scene, suspect, contact.date() + timedelta(days=3), rng.randint(1, 3))


def _first_contact(scene: Scene, suspect: SuspectPlan, day: date) -> datetime:
    """Summoned (sometimes compelled, 拘传) and interrogated in our room; returns the end."""
    start = scene.at(day, "09:00", "10:30")
    row = interrogate(scene, suspect, start)
    if scene.rng.random() < 0.25:
        arrived = scene.after(start, -30, -10)
        ended = scene.after(row["end_at"], 10, 40)
        measure(scene, suspect, "拘传", arrived, arrived, ended, place_type="讯问室")
    return row["end_at"]


def _custody_path(scene: Scene, suspect: SuspectPlan, contact: datetime) -> None:
    """拘留, reported to the upper procuratorate within 7 days, which decides within 7 more:
    the arrest falls within the 14 days a self-investigation detention may last."""
    rng = scene.rng
    decided = scene.after(contact, 5, 20)
    detained = scene.after(decided, 20, 180)
    detention = measure(scene, suspect, "拘留", decided, detained)
    interrogate(scene, suspect, within_a_day(scene, detained, "R4-02"))
    reported = detained.date() + timedelta(days=rng.randint(3, 6))
    suspect.arrest_reports.append(reported)
    decision_day = min(
        reported + timedelta(days=rng.randint(2, 6)), detained.date() + timedelta(12)
    )
    deadline = days_deadline(detained, 14, scene.cal, custody=True)
    outcome = scene.plant.decide("R4-03")
    if outcome == NEAR:
        decision_day = deadline
    elif outcome == VIOLATION:
        decision_day = deadline + timedelta(days=scene.plant.rng.randint(1, 4))
    if outcome and decision_day < min(scene.end, LAST_DAY):
        scene.plant.mark("R4-03", outcome)
        # Reported on the 7th day, so that the upper procuratorate's 7 days end with the 14
        # (高检规则2012 第329条): a decision after them is late for both rules.
        suspect.arrest_reports[-1] = detained.date() + timedelta(days=7)
        scene.plant.mark("R4-04", outcome)
    else:
        decision_day = min(decision_day, deadline - timedelta(days=2))
    _arrest(scene, suspect, detention, scene.at(decision_day, "09:00", "16:00"))


def _arrest(scene: Scene, suspect: SuspectPlan, before: dict, decided: datetime) -> None:
    case = scene.case
    executed = max(scene.after(decided, 60, 240), before["executed_at"] + timedelta(hours=1))
    before["ended_at"] = executed
    release = (
        scene.at(case.close_date, "09:00", "16:00") if case.close_type in K.RELEASING else None
    )
    measure(scene, suspect, "逮捕", decided, executed, release, approved_by_upper=True)
    interrogate(scene, suspect, within_a_day(scene, executed, "R4-02"))
    _more_interrogations(
        scene, suspect, executed.date() + timedelta(days=3), scene.rng.randint(1, 3)
    )


def _rsdl_path(scene: Scene, suspect: SuspectPlan) -> None:
    """指定居所监视居住, reviewed every two months, then arrest or bail."""
    from guifan.demo.rsdl import plan_rsdl

    rsdl = plan_rsdl(scene, suspect, _first_contact)
    ended = rsdl["ended_at"]
    place = rsdl["place_type"]
    suspect.holds[-1] = (rsdl, place if place in INTERROGATION_PLACES else "其他")
    interrogate(scene, suspect, within_a_day(scene, rsdl["executed_at"], None))
    _more_interrogations(
        scene, suspect, rsdl["executed_at"].date() + timedelta(days=2), scene.rng.randint(1, 3),
        last=ended.date() - timedelta(days=1),
    )  # fmt: skip
    if scene.rng.random() < 0.5:
        suspect.arrest_reports.append(ended.date() - timedelta(days=scene.rng.randint(3, 6)))
        _arrest(scene, suspect, rsdl, scene.after(ended, -180, -60))
    else:
        case = scene.case
        closed = scene.at(case.close_date, "09:00", "16:00") if case.close_date else None
        measure(scene, suspect, "取保候审", scene.after(ended, -120, -30), ended, closed)


def _more_interrogations(
    scene: Scene, suspect: SuspectPlan, first: date, count: int, last: date | None = None
) -> None:
    last = min(last or scene.end, scene.end - timedelta(days=1), LAST_DAY)
    for _ in range(count):
        day = scene.day(first, last)
        if day is None:
            return
        interrogate(scene, suspect, scene.at(day, "08:30", "16:00"))
