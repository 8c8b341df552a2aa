"""Suspects, coercive measures and interrogations of a synthetic case (2015 practice).

Plain Python. Police cases (侦查监督, 公诉, 未检) arrive with suspects the police detained or
arrested; self-investigation cases (反贪, 反渎) run their own measures: 拘传, 拘留 then 逮捕
decided by the upper procuratorate, 指定居所监视居住, 取保候审. Times follow the 2012 Criminal
Procedure Law, so that only the injected breaches (violations.py) break a rule.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from guifan.demo import vocab
from guifan.demo.scene import LAST_DAY, Scene, SuspectPlan

CRIMINAL_LINES = frozenset({"zhenjian", "gongsu", "weijian", "fantan", "fandu"})
ARREST_REVIEWS = frozenset({"审查逮捕", "未成年人审查逮捕"})
NO_HEARING = frozenset({"立案监督", "延长侦查羁押期限审查"})
# Causes whose maximum sentence is below fixed-term imprisonment or rarely leads to custody.
TRAFFIC = frozenset({"危险驾驶罪", "交通肇事罪"})
GRAVE = frozenset({"贩卖毒品罪", "抢劫罪", "故意伤害罪"})
# Outcomes after which a suspect held by this procuratorate goes free.
RELEASING = frozenset({"不起诉", "撤回起诉", "附条件不起诉", "撤销案件"})
RSDL_BAD_PLACES = ("看守所", "讯问室", "办公区", "留置室")
INTERROGATION_PLACES = frozenset({"看守所", "讯问室", "指定居所"})
_PERSON = re.compile(r"^(.[某]+)")


# --- suspects -------------------------------------------------------------------------------
def plan_suspects(scene: Scene) -> None:
    case = scene.case
    if case.line not in CRIMINAL_LINES or case.close_type == "不立案":
        return
    self_investigation = case.is_self_investigation
    weights = (75, 20, 5) if self_investigation else (65, 25, 10)
    count = scene.rng.choices((1, 2, 3), weights=weights)[0]
    first = _PERSON.match(case.name)
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
    elif case.is_self_investigation:
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
        possible_life_or_death=case.cause in GRAVE and rng.random() < 0.04,
        has_fixed_residence=rng.random() >= (0.01 if case.is_self_investigation else 0.08),
    )


def id_number(region: str, born: date, serial: int) -> str:
    """An 18-digit 身份证号 with a valid ISO 7064 MOD 11-2 check digit."""
    body = f"{region}{born:%Y%m%d}{serial:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(digit) * weight for digit, weight in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


# --- measures and interrogations --------------------------------------------------------
def plan_custody(scene: Scene) -> None:
    case = scene.case
    if not scene.suspects:
        return
    if case.is_self_investigation:
        for suspect in scene.suspects:
            _investigate(scene, suspect)
    elif case.category in ARREST_REVIEWS:
        for index, suspect in enumerate(scene.suspects):
            _arrest_review(scene, suspect, first=index == 0)
    elif case.category == "延长侦查羁押期限审查":
        for suspect in scene.suspects:
            executed = scene.at(case.accept_date - timedelta(days=scene.rng.randint(50, 58)))
            _measure(scene, suspect, "逮捕", executed - timedelta(hours=3), executed)
    elif case.category != "立案监督":
        for suspect in scene.suspects:
            _prosecution_review(scene, suspect)


def _measure(
    scene: Scene,
    suspect: SuspectPlan,
    kind: str,
    decided: datetime,
    executed: datetime,
    ended: datetime | None = None,
    **values,
) -> dict:
    inj = scene.inj
    place = values.pop("place_type", "看守所" if kind in ("拘留", "逮捕") else "")
    row = scene.add(
        "measures",
        suspect_seq=suspect.seq,
        kind=kind,
        decided_at=decided,
        executed_at=executed,
        ended_at=ended,
        place_type=place,
        **values,
    )
    if kind in ("拘留", "逮捕", "指定居所监视居住"):
        row["family_notified_at"] = scene.after(executed, 60, 20 * 60)
        rule = "R2-10" if kind == "指定居所监视居住" else "R4-01"
        if inj.breaks(row, rule):
            row["family_notified_at"] = executed + timedelta(hours=inj.rng.randint(26, 96))
        suspect.holds.append((row, place))
    elif kind in ("取保候审", "拘传"):
        suspect.holds.append((row, "讯问室"))
    return row


def _arrest_review(scene: Scene, suspect: SuspectPlan, *, first: bool) -> None:
    """审查逮捕: the police detained the suspect days ago and ask for approval to arrest."""
    rng, case = scene.rng, scene.case
    back = rng.randint(3, 7) if rng.random() < 0.9 else rng.randint(8, 30)
    detained = scene.at(case.accept_date - timedelta(days=back), "00:00", "23:59")
    detention = _measure(scene, suspect, "拘留", scene.after(detained, -180, -10), detained)
    last = max(case.accept_date, scene.end - timedelta(days=1))
    day = scene.day(case.accept_date, last) or case.accept_date
    _interrogate(scene, suspect, scene.at(day, "08:30", "15:30"))
    if case.close_date is None:
        return
    decision = scene.at(case.close_date, "14:00", "17:30")
    if case.close_type == "批准逮捕" and (first or rng.random() < 0.85):
        executed = scene.after(decision, 60, 360)
        detention["ended_at"] = executed
        _measure(scene, suspect, "逮捕", decision, executed)
    else:
        detention["ended_at"] = scene.after(decision, 60, 360)


def _prosecution_review(scene: Scene, suspect: SuspectPlan) -> None:
    """审查起诉: arrested suspects stay in the 看守所; the others are on bail we re-decide."""
    rng, case = scene.rng, scene.case
    if case.cause in TRAFFIC:
        custody = 0.1
    elif case.category == "附条件不起诉":
        custody = 0.0
    else:
        custody = 0.3 if case.line == "weijian" else 0.55
    release = scene.at(case.close_date) if case.close_type in RELEASING else None
    if rng.random() < custody:
        # Arrested within the two months of investigation custody before the transfer.
        arrested = scene.at(
            case.accept_date - timedelta(days=rng.randint(10, 55)), "09:00", "21:00"
        )
        detained = scene.at(arrested.date() - timedelta(days=rng.randint(3, 30)), "00:00", "23:59")
        _measure(scene, suspect, "拘留", scene.after(detained, -180, -10), detained, arrested)
        _measure(scene, suspect, "逮捕", scene.after(arrested, -480, -60), arrested, release)
    else:
        day = scene.day(case.accept_date, min(scene.end, case.accept_date + timedelta(days=3)))
        decided = scene.at(day)
        ended = scene.at(case.close_date, "09:00", "16:00") if case.close_date else None
        _measure(scene, suspect, "取保候审", decided, scene.after(decided, 0, 120), ended)
    first, last = case.accept_date + timedelta(days=1), scene.end - timedelta(days=1)
    if first > last:
        first = last = case.accept_date
    for _ in range(rng.choices((1, 2), weights=(80, 20))[0]):
        _interrogate(scene, suspect, scene.at(scene.day(first, last), "08:30", "16:00"))


def _investigate(scene: Scene, suspect: SuspectPlan) -> None:
    """Self-investigation: first contact, then custody, RSDL, bail or none."""
    rng, case = scene.rng, scene.case
    major = scene.is_major_bribery
    rsdl_share = 0.5 if major else (0.08 if case.line == "fantan" else 0.05)
    if rng.random() < rsdl_share:
        if not major:  # RSDL outside major bribery is lawful only without a fixed residence
            suspect.row["has_fixed_residence"] = False
        _rsdl_path(scene, suspect)
        return
    weights = (50, 40, 10) if case.line == "fantan" else (30, 55, 15)
    path = rng.choices(("custody", "bail", "none"), weights=weights)[0]
    end = scene.end
    if path == "custody":
        # Arrest late enough that custody before the transfer stays within two months.
        window = (max(case.accept_date, end - timedelta(days=63)), end - timedelta(days=18))
        day = scene.day(*window) or case.accept_date
        contact = _first_contact(scene, suspect, day)
        _custody_path(scene, suspect, contact)
        return
    # Suspects left at liberty are questioned soon after the case is filed.
    soon = min(case.accept_date + timedelta(days=20), end - timedelta(days=10))
    contact = _first_contact(scene, suspect, scene.day(case.accept_date, soon) or case.accept_date)
    if path == "bail":
        decided = scene.after(contact, 10, 30)
        closed = scene.at(case.close_date, "09:00", "16:00") if case.close_date else None
        _measure(scene, suspect, "取保候审", decided, scene.after(decided, 10, 60), closed)
    _more_interrogations(scene, suspect, contact.date() + timedelta(days=3), rng.randint(1, 3))


def _first_contact(scene: Scene, suspect: SuspectPlan, day: date) -> datetime:
    """Summoned (sometimes compelled, 拘传) and interrogated in our room; returns the end."""
    rng = scene.rng
    start = scene.at(day, "09:00", "10:30")
    row = _interrogate(scene, suspect, start)
    if rng.random() < 0.25:
        arrived = scene.after(start, -30, -10)
        ended = scene.after(row["end_at"], 10, 40)
        _measure(scene, suspect, "拘传", arrived, arrived, ended, place_type="讯问室")
    return row["end_at"]


def _custody_path(scene: Scene, suspect: SuspectPlan, contact: datetime) -> None:
    rng = scene.rng
    decided = scene.after(contact, 5, 20)
    detained = scene.after(decided, 20, 180)
    detention = _measure(scene, suspect, "拘留", decided, detained)
    _interrogate(scene, suspect, _within_a_day(scene, detained))
    # Reported to the upper procuratorate within 7 days; it decides within 7 more, so the
    # arrest falls within the 14 days a self-investigation detention may last.
    reported = detained.date() + timedelta(days=rng.randint(3, 6))
    suspect.arrest_reports.append(reported)
    decision_day = min(
        reported + timedelta(days=rng.randint(2, 6)), detained.date() + timedelta(days=12)
    )
    _arrest(scene, suspect, detention, scene.at(decision_day, "09:00", "16:00"))


def _arrest(scene: Scene, suspect: SuspectPlan, before: dict, decided: datetime) -> None:
    case = scene.case
    executed = max(scene.after(decided, 60, 240), before["executed_at"] + timedelta(hours=1))
    before["ended_at"] = executed
    release = scene.at(case.close_date, "09:00", "16:00") if case.close_type in RELEASING else None
    _measure(scene, suspect, "逮捕", decided, executed, release, approved_by_upper=True)
    _interrogate(scene, suspect, _within_a_day(scene, executed))
    _more_interrogations(
        scene, suspect, executed.date() + timedelta(days=3), scene.rng.randint(1, 3)
    )


def _rsdl_path(scene: Scene, suspect: SuspectPlan) -> None:
    """指定居所监视居住, reviewed every two months, then arrest or bail."""
    rng, inj, case, end = scene.rng, scene.inj, scene.case, scene.end
    length = min(rng.randint(20, 90), (end - case.accept_date).days - 10)
    first = max(case.accept_date, end - timedelta(days=58 + length))
    day = scene.day(first, end - timedelta(days=5 + length)) or case.accept_date
    contact = _first_contact(scene, suspect, day)
    decided = scene.after(contact, 10, 30)
    executed = scene.after(decided, 30, 180)
    ended = scene.at(executed.date() + timedelta(days=length), "09:00", "15:00")
    reviews, review = [], executed.date()
    while (ended.date() - review).days > 60:
        review += timedelta(days=rng.randint(50, 59))
        reviews.append(review.isoformat())
    row = {"place_type": "指定居所"}
    if inj.breaks(row, "R2-09"):
        row["place_type"] = inj.rng.choice(RSDL_BAD_PLACES)
    if inj.breaks(row, "R2-13"):
        row["fee_charged"] = True
    rsdl = _measure(
        scene,
        suspect,
        "指定居所监视居住",
        decided,
        executed,
        ended,
        approved_by_upper=scene.is_major_bribery,
        necessity_reviews=";".join(reviews),
        **row,
    )
    place = rsdl["place_type"]
    suspect.holds[-1] = (rsdl, place if place in INTERROGATION_PLACES else "其他")
    _interrogate(scene, suspect, _within_a_day(scene, executed))
    _more_interrogations(
        scene,
        suspect,
        executed.date() + timedelta(days=2),
        rng.randint(1, 3),
        last=ended.date() - timedelta(days=1),
    )
    if rng.random() < 0.5:
        suspect.arrest_reports.append(ended.date() - timedelta(days=rng.randint(3, 6)))
        _arrest(scene, suspect, rsdl, scene.after(ended, -180, -60))
    else:
        closed = scene.at(case.close_date, "09:00", "16:00") if case.close_date else None
        _measure(scene, suspect, "取保候审", scene.after(ended, -120, -30), ended, closed)


def _within_a_day(scene: Scene, executed: datetime) -> datetime:
    """The interrogation the law requires within 24 hours of taking someone into custody."""
    if executed.hour < 15:
        return scene.after(executed, 60, 120)
    return scene.at(executed.date() + timedelta(days=1), "08:30", "10:30")


def _more_interrogations(
    scene: Scene, suspect: SuspectPlan, first: date, count: int, last: date | None = None
) -> None:
    last = min(last or scene.end, scene.end - timedelta(days=1), LAST_DAY)
    for _ in range(count):
        day = scene.day(first, last)
        if day is None:
            return
        _interrogate(scene, suspect, scene.at(day, "08:30", "16:00"))


def _interrogate(scene: Scene, suspect: SuspectPlan, start: datetime) -> dict:
    rng, inj, case = scene.rng, scene.inj, scene.case
    minutes = rng.randint(40, 180)
    end = start + timedelta(minutes=minutes)
    helpers = 2 if case.is_self_investigation and rng.random() < 0.15 else 1
    team = [scene.team[0], *rng.sample(scene.team[1:], min(helpers, len(scene.team) - 1))]
    recorded = case.is_self_investigation or rng.random() < 0.1
    row = scene.add(
        "interrogations",
        suspect_seq=suspect.seq,
        start_at=start,
        end_at=end,
        location_type=suspect.place_at(start),
        interrogators=";".join(team),
    )
    if inj.breaks(row, "R2-04"):
        row["interrogators"] = team[0]
    if case.is_self_investigation and inj.breaks(row, "R2-01"):
        recorded = False
    suspect.interrogations.append(row)
    if not recorded:
        return row
    row.update(
        av_recorded=True, av_start_at=scene.after(start, -2, 0), av_end_at=scene.after(end, 0, 3)
    )
    if inj.breaks(row, "R2-02"):
        late, early = inj.rng.choice(((True, False), (False, True), (True, True)))
        if late:
            row["av_start_at"] = start + timedelta(minutes=inj.rng.randint(5, minutes // 3))
        if early:
            row["av_end_at"] = end - timedelta(minutes=inj.rng.randint(5, minutes // 3))
    if rng.random() < 0.12:
        _interruption(scene, row, minutes)
    return row


def _interruption(scene: Scene, interrogation: dict, minutes: int) -> None:
    """A technical failure; continuing needs the chief's approval and a note in the record."""
    start = scene.after(interrogation["start_at"], 10, minutes - 20)
    row = scene.add(
        "av_interruptions",
        start_at=start,
        end_at=scene.after(start, 3, 15),
        approved_by_chief=True,
        noted_in_transcript=True,
        _of=interrogation,
    )
    if scene.inj.breaks(row, "R2-03"):
        approved, noted = scene.inj.rng.choice(((False, True), (True, False), (False, False)))
        row.update(approved_by_chief=approved, noted_in_transcript=noted)
