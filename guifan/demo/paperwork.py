"""Seized property, legal documents and complaints of a synthetic case.

Plain Python, run after custody.py and lawyers.py. Property is handed to the custody
department within 3 days and released within 3 days of being found unrelated (2010 rules on
seized property, RULES-AND-PROCESS.md §3.5); complaints get a procedural reply within 7 days.
Only the injected breaches miss these deadlines.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from guifan.cases import kinds as K
from guifan.core.periods import days_deadline
from guifan.demo.plant import NEAR
from guifan.demo.scene import LAST_DAY, Scene, before_cutoff

PROPERTY_CRIMES = frozenset(
    {
        "盗窃罪",
        "诈骗罪",
        "合同诈骗罪",
        "信用卡诈骗罪",
        "抢劫罪",
        "抢夺罪",
        "掩饰、隐瞒犯罪所得罪",
        "非法吸收公众存款罪",
        "开设赌场罪",
    }
)
LOOT = (
    "赃款人民币{n}元",
    "手机一部",
    "电动自行车一辆",
    "笔记本电脑一台",
    "银行卡{k}张",
    "黄金项链一条",
)
BRIBES = (
    "现金人民币{w}万元",
    "银行存款人民币{w}万元（冻结）",
    "房产一处（查封）",
    "小型轿车一辆",
    "手表{k}块",
    "购物卡{k}张",
    "账册{k}本",
)
TOPICS = (  # none about conduct (态度, 作风): the demo plants R1-05's pairs (crossplant)
    "反映办案人员未及时答复",
    "反映案件久拖不决",
    "不服处理决定",
    "要求退还扣押财物",
    "反映律师阅卷受阻",
    "控告办案人员违法办案",
)

# Outcome (结案方式) -> (document, its code in the document number).
CLOSING_DOCS = {
    "批准逮捕": ("批准逮捕决定书", "批捕"),
    "不批准逮捕": ("不批准逮捕决定书", "不批捕"),
    "移送管辖": ("移送管辖通知书", "移管"),
    "起诉": ("起诉书", "刑诉"),
    "不起诉": ("不起诉决定书", "刑不诉"),
    "附条件不起诉": ("附条件不起诉决定书", "附条件不诉"),
    "侦查终结移送起诉": ("起诉意见书", "移诉"),
    "撤销案件": ("撤销案件决定书", "撤案"),
    "不立案": ("不立案通知书", "不立"),
    "立案": ("立案决定书", "立"),
    "决定逮捕": ("逮捕决定书", "逮"),
    "决定不予逮捕": ("不予逮捕决定书", "不逮"),
    "通知立案": ("通知立案书", "通立"),
    "通知撤案": ("通知撤销案件书", "通撤"),
    "不予立案监督": ("不立案理由审查意见书", "立监"),
    "批准延长": ("批准延长侦查羁押期限决定书", "批延"),
    "不批准延长": ("不批准延长侦查羁押期限决定书", "不批延"),
    "维持原判": ("二审出庭意见书", "二审"),
    "改判": ("二审出庭意见书", "二审"),
    "发回重审": ("二审出庭意见书", "二审"),
    "支持抗诉": ("支持抗诉意见书", "支抗"),
    "撤回抗诉": ("撤回抗诉决定书", "撤抗"),
    "不予建议": ("羁押必要性审查结论书", "羁审"),
    "同意": ("监督意见书", "监意"),
    "提出纠正意见": ("纠正意见书", "纠意"),
    "提出抗诉": ("民事抗诉书", "民抗"),
    "检察建议": ("检察建议书", "检建"),
    "支持起诉": ("支持起诉意见书", "支诉"),
    "移送处理": ("移送函", "移"),
    "答复办结": ("答复函", "答"),
    "不予赔偿": ("刑事赔偿决定书", "赔决"),
    "予以救助": ("司法救助决定书", "救决"),
    "不予救助": ("不予救助决定书", "不救"),
    "建议释放或变更强制措施": ("羁押必要性审查建议书", "羁建"),
    "纠正违法": ("纠正违法通知书", "纠违"),
    "提请抗诉": ("提请抗诉报告书", "提抗"),
    "再审检察建议": ("再审检察建议书", "再审建"),
    "不支持监督申请": ("不支持监督申请决定书", "不支持监督"),
    "复查维持": ("刑事申诉复查决定书", "刑申复决"),
    "复查撤销": ("刑事申诉复查决定书", "刑申复决"),
    "予以赔偿": ("刑事赔偿决定书", "赔决"),
}
MEASURE_DOCS = {
    "拘留": ("拘留决定书", "拘"),
    "指定居所监视居住": ("指定居所监视居住决定书", "指居"),
    "取保候审": ("取保候审决定书", "取保"),
}
UNSERVED = frozenset({"立案决定书", "报请逮捕书", "起诉意见书", "提请抗诉报告书"})


# --- seized property --------------------------------------------------------------------
def plan_property(scene: Scene) -> None:
    case, rng, stage = scene.case, scene.rng, scene.kind.stage
    if stage == K.Stage.INQUIRY:
        _inquiry_property(scene)
        return
    if not scene.suspects:
        return
    if stage == K.Stage.INVESTIGATION:
        share, words, count = (0.8 if case.line == "fantan" else 0.35), BRIBES, 4
    elif case.cause in PROPERTY_CRIMES and stage == K.Stage.PROSECUTION_REVIEW:
        share, words, count = (0.3 if case.line == "weijian" else 0.45), LOOT, 3
    else:
        return
    if rng.random() >= share:
        return
    last = min(scene.end - timedelta(days=3), LAST_DAY - timedelta(days=30))
    if not case.is_self_investigation:  # received with the case file
        last = min(last, case.accept_date + timedelta(days=2))
    for _ in range(rng.randint(1, count)):
        day = scene.day(case.accept_date, last)
        if day is None:
            return
        text = rng.choice(words).format(
            n=rng.randint(5, 300) * 100, w=rng.randint(2, 80), k=rng.randint(2, 12)
        )
        _seize(scene, text, scene.at(day))


def _inquiry_property(scene: Scene) -> None:
    """线索初查 seizes nothing; a few cases here did (R4-13)."""
    case = scene.case
    if not scene.plant.breaks("R4-13"):
        return
    day = scene.day(case.accept_date + timedelta(days=1), scene.end - timedelta(days=1))
    text = scene.rng.choice(BRIBES).format(w=scene.rng.randint(2, 40), k=scene.rng.randint(2, 6))
    _seize(scene, text, scene.at(day or case.accept_date))


def _deadline_planted(scene: Scene, row: dict, rule: str, start: str, done: str) -> None:
    """``done`` planted on the day 3 days after ``start`` (rolled over a rest day), or later."""
    outcome = scene.plant.decide(rule)
    if outcome is None:
        return
    deadline = days_deadline(row[start], 3, scene.cal, custody=False)
    day = deadline if outcome == NEAR else deadline + timedelta(days=scene.plant.rng.randint(1, 20))
    moment = scene.at(day)
    if moment < scene.cutoff:
        row[done] = moment
        scene.plant.mark(rule, outcome)


def _seize(scene: Scene, description: str, seized: datetime) -> None:
    rng, case = scene.rng, scene.case
    row = scene.add(
        "properties",
        description=description,
        seized_at=seized,
        list_signed_by_holder=True,
        handed_to_custody_at=scene.reply(seized, 2),
    )
    _deadline_planted(scene, row, "R4-12", "seized_at", "handed_to_custody_at")
    if scene.plant.breaks("R4-14"):
        row["list_signed_by_holder"] = False
    unrelated = rng.random() < (0.1 if case.is_self_investigation else 0.06)
    window = (seized.date() + timedelta(days=5), min(scene.end, LAST_DAY - timedelta(days=45)))
    found = scene.day(*window) if unrelated else None
    if found:
        found_at = scene.at(found)
        row.update(
            found_unrelated_at=found_at,
            released_at=scene.reply(found_at, 2),
            disposal_type="退还",
            approved_by_chief=True,
        )
        _deadline_planted(scene, row, "R4-11", "found_unrelated_at", "released_at")
    elif case.close_date and case.close_type in K.RELEASING:
        # Released within days of the decision not to prosecute or to drop the case.
        # The same day for 不起诉 (刑诉法2012 第173条第3款), within days otherwise.
        lag = rng.randint(1, 10)
        if case.close_type == "不起诉":
            lag = 0
        released = before_cutoff(scene.at(case.close_date + timedelta(days=lag)))
        if released:
            row.update(released_at=released, disposal_type="退还", approved_by_chief=True)
    elif case.close_date:
        moved = before_cutoff(scene.at(case.close_date + timedelta(days=rng.randint(0, 5))))
        if moved:
            row.update(disposed_at=moved, disposal_type="随案移送", approved_by_chief=True)


# --- documents and complaints -----------------------------------------------------------
def plan_documents(scene: Scene) -> None:
    case = scene.case
    if scene.filing_date:
        document(scene, "立案决定书", "立", scene.at(scene.filing_date), served=False)
    for measure in scene.rows["measures"]:
        if measure["kind"] in MEASURE_DOCS and measure["executed_at"].date() >= case.accept_date:
            doc, code = MEASURE_DOCS[measure["kind"]]
            document(scene, doc, code, measure["decided_at"])
    for suspect in scene.suspects:
        for day in suspect.arrest_reports:
            document(scene, "报请逮捕书", "报捕", scene.at(day), served=False)
    for returned, _back in scene.procedure.returns:
        document(scene, "补充侦查决定书", "退查", scene.at(returned))
    for extension in scene.procedure.extensions:
        document(
            scene, "延长审查起诉期限决定书", "延", scene.at(extension.approved_on), served=False
        )
    if case.close_date and case.close_type in CLOSING_DOCS:
        doc, code = CLOSING_DOCS[case.close_type]
        document(scene, doc, code, scene.at(case.close_date, "09:00", "16:30"))
    for judgment in scene.rows["judgments"]:
        if judgment["result"] == "撤回起诉":  # 不起诉 within 30 days (高检规则2012 第459条)
            day = judgment["judged_on"] + timedelta(days=scene.rng.randint(5, 25))
            if day <= LAST_DAY:
                document(scene, "不起诉决定书", "刑不诉", scene.at(day))


def document(
    scene: Scene, doc_type: str, code: str, signed: datetime, *, served: bool = True
) -> None:
    rng = scene.rng
    generated = scene.after(signed, 0, 40)
    if rng.random() < 0.1 and signed.date() < LAST_DAY:
        generated = scene.at(signed.date() + timedelta(days=1))
    serve = scene.reply(generated, 2) if served and doc_type not in UNSERVED else None
    scene.add(
        "documents",
        doc_type=doc_type,
        sign_date=signed.date(),
        doc_no=scene.numbers.next(scene.case.unit_code, scene.dept_code, code, signed.year),
        generated_at=generated,
        served_at=before_cutoff(serve),
    )


def plan_complaints(scene: Scene) -> None:
    rng, case = scene.rng, scene.case
    if rng.random() >= 0.02:
        return
    day = scene.day(
        case.accept_date + timedelta(days=3),
        min(scene.end + timedelta(days=60), LAST_DAY - timedelta(days=40)),
    )
    if day is None:
        return
    received = scene.at(day)
    answer = scene.at(day + timedelta(days=rng.randint(15, 85)))
    row = scene.add(
        "complaints",
        received_at=received,
        topic=rng.choice(TOPICS),
        procedural_reply_at=scene.at(day + timedelta(days=rng.randint(1, 6))),
        result_reply_at=before_cutoff(answer),
    )
    outcome = scene.plant.decide("R1-01")
    deadline = days_deadline(received, 7, scene.cal, custody=False)
    if outcome:
        late = deadline + timedelta(days=scene.plant.rng.randint(1, 20))
        reply = scene.at(deadline if outcome == NEAR else late)
        if reply < scene.cutoff:
            row["procedural_reply_at"] = reply
            scene.plant.mark("R1-01", outcome)
            if row["result_reply_at"] and row["result_reply_at"] < reply:
                row["result_reply_at"] = before_cutoff(reply + timedelta(days=10))


FLAG_KINDS = (
    ("referral", "上级院交办函"),
    ("media", "舆情专报"),
    ("intervention", "过问案件登记表"),
    ("discipline", "纪检组线索登记"),
    ("compensation", "刑事赔偿决定书"),
    ("execution", "刑事执行检察登记"),
)


def plan_flags(scene: Scene) -> None:
    """选案标记 from other registers on about one case in seventy, for the K presets. Drawn
    from the case's own random stream so that the rest of the world stays as it was."""
    case = scene.case
    rng = random.Random(f"flags:{case.case_no}")
    if rng.random() >= 0.015:
        return
    first = case.close_date or case.accept_date
    last = LAST_DAY - timedelta(days=1)
    if first > last:
        return
    kind, source = rng.choice(FLAG_KINDS)
    flagged = min(first + timedelta(days=rng.randint(0, 60)), last)
    scene.add("flags", kind=kind, flagged_on=flagged, source=source)
