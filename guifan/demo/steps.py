"""The procedural steps of a synthetic case as rows: extensions, returns for supplementary
investigation, notices of rights, transfers and reports, and the court's judgments.

Plain Python, run after custody.py (transfers carry the interrogation recordings). The suspect
is told of the right to a defender within 3 days of 审查起诉 starting (刑诉法2012 第33条), the
victim of the right to an agent (第44条); a self-investigation case goes on with its recordings
(高检规则2012 第73条、第310条) and is reported upward within 3 days of 立案 (第183条);
``plant.py`` plants the exceptions.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from guifan.cases import kinds as K
from guifan.core.periods import days_deadline
from guifan.demo.lawyers import needs_defender
from guifan.demo.plant import NEAR, VIOLATION
from guifan.demo.scene import Scene

RIGHT_TO_COUNSEL = "有权委托辩护人"
RIGHT_TO_AGENT = "有权委托诉讼代理人"
LEGAL_AID = "已通知法律援助机构指派律师"
# 一审 results of cases sent to court, and how often.
FIRST_INSTANCE = (("有罪", 9750), ("改变罪名", 200), ("撤回起诉", 40), ("无罪", 10))


def plan_steps(scene: Scene) -> None:
    procedure = scene.procedure
    for extension in procedure.extensions:
        scene.add(
            "extensions", kind=extension.kind, approver=extension.approver,
            approved_on=extension.approved_on, days=extension.days, months=extension.months,
        )  # fmt: skip
    for returned, back in procedure.returns:
        scene.add("returns", returned_on=returned, resubmitted_on=back)
    if scene.kind.stage == K.Stage.PROSECUTION_REVIEW:
        _notices(scene)
        _judgment(scene)
    elif scene.kind.stage == K.Stage.INVESTIGATION and scene.suspects:
        _transfers(scene)


def _notices(scene: Scene) -> None:
    case = scene.case
    deadline = days_deadline(case.accept_date, 3, scene.cal, custody=False)
    day = case.accept_date + timedelta(days=scene.rng.randint(0, 2))
    outcome = scene.plant.decide("R3-01")
    if outcome == NEAR:
        day = deadline
    elif outcome == VIOLATION:
        day = deadline + timedelta(days=scene.plant.rng.randint(1, 8))
    if day > scene.end or scene.at(day) >= scene.cutoff:
        if outcome is None or deadline > scene.end:
            return  # not told yet, and not late yet
        day, outcome = min(deadline, scene.end), None
    scene.plant.mark("R3-01", outcome)
    told = scene.at(day, "09:00", "16:30")
    scene.add("notices", party="犯罪嫌疑人", matter=RIGHT_TO_COUNSEL, notified_at=told)
    if any(needs_defender(s) for s in scene.suspects):  # 刑诉法2012 第34条
        scene.add("notices", party="犯罪嫌疑人", matter=LEGAL_AID, notified_at=told)
    if case.cause in K.VICTIM_CRIMES:
        victim = case.accept_date + timedelta(days=scene.rng.randint(0, 3))
        victim = min(victim, days_deadline(case.accept_date, 3, scene.cal, custody=False))
        if scene.at(victim) < scene.cutoff:
            scene.add(
                "notices", party="被害人", matter=RIGHT_TO_AGENT, notified_at=scene.at(victim)
            )


def _judgment(scene: Scene) -> None:
    """The court's first-instance judgment of a case sent to court, if it came before the
    world's date."""
    case = scene.case
    if case.close_type != "起诉" or case.close_date is None:
        return
    judged = case.close_date + timedelta(days=scene.rng.randint(20, 90))
    if judged > scene.last_day:
        return
    result = scene.rng.choices([r for r, _ in FIRST_INSTANCE], [w for _, w in FIRST_INSTANCE])[0]
    scene.add("judgments", level="一审", judged_on=scene.cal.next_workday(judged), result=result)


def _transfers(scene: Scene) -> None:
    """立案备案 within 3 days; 报请逮捕 for each arrest report; 移送审查起诉 at the end, with
    the recordings of the interrogations."""
    case = scene.case
    filed = scene.at(case.accept_date + timedelta(days=scene.rng.randint(0, 3)), "09:00", "16:00")
    if filed < scene.cutoff:
        scene.add("transfers", kind="立案备案", transferred_at=filed)
    for suspect in scene.suspects:
        for day in suspect.arrest_reports:
            if day <= scene.last_day:
                scene.add("transfers", kind="报请逮捕", transferred_at=_office_hours(scene, day))
    if case.close_type != "侦查终结移送起诉" or case.close_date is None:
        return
    recorded = any(row["av_recorded"] for row in scene.rows["interrogations"])
    sent = recorded and not scene.plant.breaks("R2-06")
    moment = _office_hours(scene, case.close_date)
    scene.add("transfers", kind="移送审查起诉", transferred_at=moment, with_recordings=sent)


def _office_hours(scene: Scene, day: date) -> datetime:
    return scene.at(day, "09:00", "16:30")
