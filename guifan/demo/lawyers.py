"""Defence lawyers' requests and the opinions heard in a synthetic case.

Plain Python, run after custody.py has placed the suspects' measures and interrogations.
Deadlines follow the 2015 rules on lawyers' rights (RULES-AND-PROCESS.md §3.4, §5): file
review arranged within 3 working days, bail requests decided within 3 days with written
reasons for a refusal, written opinions attached to the file; only injected breaches miss them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from guifan.cases import kinds as K
from guifan.core.periods import days_deadline, working_days_deadline
from guifan.demo import vocab
from guifan.demo.plant import NEAR
from guifan.demo.scene import LAST_DAY, Scene, SuspectPlan

REFUSALS = (
    "犯罪嫌疑人可能毁灭、伪造证据，不符合取保候审条件",
    "犯罪嫌疑人可能干扰证人作证，不宜变更强制措施",
    "案件尚在侦查，变更强制措施可能发生社会危险性",
)


def plan_lawyers(scene: Scene) -> None:
    case, rng, stage = scene.case, scene.rng, scene.kind.stage
    if not scene.suspects or stage == K.Stage.INQUIRY:
        return
    if stage == K.Stage.INVESTIGATION:
        if rng.random() < (0.85 if case.line == "fantan" else 0.6):
            _investigation_lawyer(scene, _lawyer(scene))
    elif stage == K.Stage.ARREST_REVIEW:
        if rng.random() < 0.12:
            day = scene.day(case.accept_date, case.accept_date + timedelta(days=1))
            _be_heard(scene, _lawyer(scene), scene.at(day), written=0.5)
        return
    else:
        vulnerable = any(needs_defender(s) for s in scene.suspects)
        if vulnerable or rng.random() < (0.7 if case.line == "weijian" else 0.35):
            _review_lawyer(scene, _lawyer(scene))
        _review_opinions(scene)


def needs_defender(suspect: SuspectPlan) -> bool:
    row = suspect.row
    return row["blind_deaf_mute"] or row["mental_illness_partial"] or row["possible_life_or_death"]


def _lawyer(scene: Scene) -> str:
    given = "".join(scene.rng.choice(vocab.GIVEN) for _ in range(scene.rng.choice((1, 2))))
    return scene.rng.choice(vocab.SURNAMES) + given


def _request(scene: Scene, kind: str, lawyer: str, submitted: datetime, **values) -> dict:
    return scene.add(
        "lawyer_requests", kind=kind, lawyer_name=lawyer, submitted_at=submitted, **values
    )


def _review_lawyer(scene: Scene, lawyer: str) -> None:
    """审查起诉: the defender reads the file, asks to be heard, for bail, for evidence."""
    rng, case = scene.rng, scene.case
    last = min(scene.end - timedelta(days=2), LAST_DAY - timedelta(days=30))
    for _ in range(rng.choices((1, 2), weights=(85, 15))[0]):
        day = scene.day(case.accept_date + timedelta(days=1), last)
        if day is None:
            break
        submitted = scene.at(day)
        row = _request(
            scene,
            "阅卷",
            lawyer,
            submitted,
            responded_at=scene.reply(submitted, 2),
            result="已安排",
        )
        _plant_answer(scene, row, "R3-05", working_days_deadline(submitted, 3, scene.cal))
    if rng.random() < 0.5:
        day = scene.day(case.accept_date + timedelta(days=3), scene.end - timedelta(days=2))
        if day:
            _be_heard(scene, lawyer, scene.at(day), written=0.7)
    held = [s for s in scene.suspects if s.open_custody()]
    if held and rng.random() < 0.3:
        _change_request(scene, lawyer, rng.choice(held))
    if rng.random() < 0.05:
        day = scene.day(case.accept_date + timedelta(days=3), scene.end - timedelta(days=5))
        if day:
            submitted = scene.at(day)
            agreed = rng.random() < 0.6
            _request(
                scene,
                "申请调取证据",
                lawyer,
                submitted,
                responded_at=scene.reply(submitted, 2),
                result="同意" if agreed else "不同意",
                written_reason="" if agreed else "经审查，申请调取的证据与案件事实无关",
            )


def _investigation_lawyer(scene: Scene, lawyer: str) -> None:
    """Investigation: meeting permits (major bribery only), bail requests, being heard."""
    rng, case = scene.rng, scene.case
    engaged = min(
        s.holds[0][0]["executed_at"] if s.holds else s.interrogations[0]["start_at"]
        for s in scene.suspects
    ).date() + timedelta(days=rng.randint(1, 5))
    if scene.is_major_bribery:
        held = [
            s
            for s in scene.suspects
            if any(p == "看守所" or m["kind"] == "指定居所监视居住" for m, p in s.holds)
        ]
        if held:
            _meeting(scene, lawyer, engaged)
    held = [s for s in scene.suspects if s.open_custody()]
    if held and rng.random() < 0.4:
        _change_request(scene, lawyer, rng.choice(held))
    if case.close_type in ("", "侦查终结移送起诉") and rng.random() < 0.9:
        day = scene.day(max(engaged, scene.end - timedelta(days=40)), scene.end - timedelta(days=3))
        if day:
            _be_heard(scene, lawyer, scene.at(day), written=0.8)


def _meeting(scene: Scene, lawyer: str, day: date) -> None:
    """Permission must be answered within 3 days and granted before the investigation ends."""
    rng = scene.rng
    last = min(scene.end, LAST_DAY) - timedelta(days=3)
    if day > last:
        return
    submitted = scene.at(day)
    row = _request(
        scene, "会见许可", lawyer, submitted, responded_at=scene.reply(submitted, 2), result="许可"
    )
    again = scene.day(day + timedelta(days=10), min(day + timedelta(days=30), last))
    if again and rng.random() < 0.25:
        row.update(result="不许可", written_reason="案件有碍侦查，暂不许可会见")
        submitted = scene.at(again)
        _request(
            scene,
            "会见许可",
            lawyer,
            submitted,
            responded_at=scene.reply(submitted, 2),
            result="许可",
        )


def _change_request(scene: Scene, lawyer: str, suspect: SuspectPlan) -> None:
    """变更强制措施: decided within 3 days; a refusal gives its reasons in writing."""
    rng = scene.rng
    if not suspect.interrogations:
        return
    seen = max(row["end_at"] for row in suspect.interrogations).date()
    day = scene.day(
        seen + timedelta(days=1), min(scene.end - timedelta(days=3), LAST_DAY - timedelta(days=20))
    )
    if day is None:
        return
    submitted = scene.at(day)
    custody = suspect.open_custody()
    agreed = custody is not None and custody["kind"] == "逮捕" and rng.random() < 0.15
    row = _request(
        scene,
        "变更强制措施",
        lawyer,
        submitted,
        responded_at=scene.reply(submitted, 2),
        result="同意" if agreed else "不同意",
        written_reason="" if agreed else rng.choice(REFUSALS),
    )
    deadline = days_deadline(submitted, 3, scene.cal, custody=False)
    if scene.plant.rng.random() < 0.5:
        _plant_answer(scene, row, "R3-08", deadline)
    elif scene.plant.breaks("R3-08"):  # refused without reasons in writing
        agreed, row["result"], row["written_reason"] = False, "不同意", ""
    if agreed and custody is not None:
        custody["ended_at"] = scene.after(row["responded_at"], 60, 240)
        closed = scene.at(scene.case.close_date, "16:00", "17:30") if scene.closed else None
        scene.add(
            "measures",
            suspect_seq=suspect.seq,
            kind="取保候审",
            decided_at=row["responded_at"],
            executed_at=custody["ended_at"],
            ended_at=closed,
        )


def _be_heard(scene: Scene, lawyer: str, submitted: datetime, *, written: float) -> None:
    heard = scene.reply(submitted, 2)
    _request(scene, "听取意见", lawyer, submitted, responded_at=heard, result="已听取")
    _opinion(scene, "辩护人", heard, written=scene.rng.random() < written)


def _opinion(scene: Scene, party: str, heard: datetime, *, written: bool) -> None:
    row = scene.add(
        "opinions",
        heard_at=heard,
        heard_party=party,
        written_opinion_received=written,
        attached_to_file=written,
    )
    if written and scene.plant.breaks("R3-12"):
        row["attached_to_file"] = False


def _review_opinions(scene: Scene) -> None:
    """审查起诉 hears the suspect (when interrogated), the victim and the victim's agent."""
    rng, case = scene.rng, scene.case
    for suspect in scene.suspects:
        if suspect.interrogations:
            first = min(suspect.interrogations, key=lambda row: row["start_at"])
            _opinion(scene, "犯罪嫌疑人", first["end_at"] - timedelta(minutes=5), written=False)
    if case.cause not in K.VICTIM_CRIMES or rng.random() >= 0.75:
        return
    day = scene.day(case.accept_date + timedelta(days=2), scene.end - timedelta(days=1))
    if day:
        _opinion(scene, "被害人", scene.at(day), written=rng.random() < 0.15)
        if rng.random() < 0.1:
            _opinion(scene, "诉讼代理人", scene.at(day), written=rng.random() < 0.6)


def _plant_answer(scene: Scene, row: dict, rule: str, deadline: date) -> None:
    """An answer planted on the deadline day itself, or after it."""
    outcome = scene.plant.decide(rule)
    if outcome is None:
        return
    day = deadline if outcome == NEAR else deadline + timedelta(days=scene.plant.rng.randint(1, 9))
    answered = scene.at(day)
    if answered < scene.cutoff and day <= scene.end:
        row["responded_at"] = answered
        scene.plant.mark(rule, outcome)
