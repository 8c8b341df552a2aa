"""Seized property, legal documents and complaints of a synthetic case.

Plain Python, run after custody.py and lawyers.py. Property is handed to the custody
department within 3 days and released within 3 days of being found unrelated (2010 rules on
seized property, RULES-AND-PROCESS.md §3.5); complaints get a procedural reply within 7 days.
Only the injected breaches miss these deadlines.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from guifan.demo.custody import ARREST_REVIEWS, NO_HEARING, RELEASING
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
TOPICS = (
    "反映办案人员态度生硬",
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
    "撤回起诉": ("撤回起诉决定书", "撤诉"),
    "退回侦查机关": ("退回侦查机关决定书", "退"),
    "附条件不起诉": ("附条件不起诉决定书", "附条件不诉"),
    "侦查终结移送起诉": ("起诉意见书", "移诉"),
    "撤销案件": ("撤销案件决定书", "撤案"),
    "不立案": ("不立案通知书", "不立"),
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
_SERIAL = re.compile(r"(\d+)号$")


# --- seized property --------------------------------------------------------------------
def plan_property(scene: Scene) -> None:
    case, rng = scene.case, scene.rng
    if not scene.suspects:
        return
    if case.is_self_investigation:
        share, words, count = (0.8 if case.line == "fantan" else 0.35), BRIBES, 4
    elif case.cause in PROPERTY_CRIMES and case.category not in ARREST_REVIEWS | NO_HEARING:
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


def _seize(scene: Scene, description: str, seized: datetime) -> None:
    rng, inj, case = scene.rng, scene.inj, scene.case
    row = scene.add(
        "properties",
        description=description,
        seized_at=seized,
        list_signed_by_holder=True,
        handed_to_custody_at=scene.reply(seized, 2),
    )
    if inj.breaks(row, "R4-12"):
        row["handed_to_custody_at"] = scene.at(
            seized.date() + timedelta(days=inj.rng.randint(5, 25))
        )
    if inj.breaks(row, "R4-14"):
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
        if inj.breaks(row, "R4-11"):
            row["released_at"] = scene.at(found + timedelta(days=inj.rng.randint(6, 30)))
    elif case.close_date and case.close_type in RELEASING:
        # Released within days of the decision not to prosecute or to drop the case.
        released = before_cutoff(scene.at(case.close_date + timedelta(days=rng.randint(1, 10))))
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
        _document(scene, "立案决定书", "立", scene.at(scene.filing_date), served=False)
    for measure in scene.rows["measures"]:
        if measure["kind"] in MEASURE_DOCS and measure["executed_at"].date() >= case.accept_date:
            doc, code = MEASURE_DOCS[measure["kind"]]
            _document(scene, doc, code, measure["decided_at"], k=measure["suspect_seq"] - 1)
    for suspect in scene.suspects:
        for day in suspect.arrest_reports:
            _document(scene, "报请逮捕书", "报捕", scene.at(day), k=suspect.seq - 1, served=False)
    if case.status == "returned" and case.line in ("gongsu", "weijian"):
        day = scene.day(case.accept_date + timedelta(days=15), LAST_DAY)
        if day:
            _document(scene, "补充侦查决定书", "退查", scene.at(day))
    if case.close_date and case.close_type in CLOSING_DOCS:
        doc, code = CLOSING_DOCS[case.close_type]
        _document(scene, doc, code, scene.at(case.close_date, "09:00", "16:30"))


def _document(
    scene: Scene, doc_type: str, code: str, signed: datetime, *, k: int = 0, served: bool = True
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
        doc_no=_doc_no(scene, code, signed.year, k),
        generated_at=generated,
        served_at=before_cutoff(serve),
    )


def _doc_no(scene: Scene, code: str, year: int, k: int) -> str:
    """Numbers unique per unit, department, document and year without a shared counter:
    the case's own serial, three per case (one per suspect), odd for documents of the year
    the case came in and even for those of a case carried over from the year before."""
    serial = int(_SERIAL.search(scene.case.case_no).group(1))
    carried = year > scene.case.accept_date.year
    number = 2 * (3 * (serial - 1) + k) + (2 if carried else 1)
    return f"{scene.short_name}检{scene.dept_code}{code}〔{year}〕{number}号"


def plan_complaints(scene: Scene) -> None:
    rng, inj, case = scene.rng, scene.inj, scene.case
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
    if inj.breaks(row, "R1-01"):
        late = scene.at(day + timedelta(days=inj.rng.randint(9, 30)))
        row["procedural_reply_at"] = late
        if row["result_reply_at"] and row["result_reply_at"] < late:
            row["result_reply_at"] = before_cutoff(late + timedelta(days=10))
