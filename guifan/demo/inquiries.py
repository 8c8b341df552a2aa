"""过问案件记录 of the synthetic cases (the 三个规定, RULES-AND-PROCESS.md §4.2–4.3).

Plain Python with its own random stream per case, so that no other event moves. About one
case in thirty-five is asked about; as in the published figures, most records are 了解案事件进展
(a party, a relative or a lawyer asking how the case stands), a few are 依法监督 by a people's
congress deputy, 反映履职情况, 不当接触交往 or a colleague's 内部人员过问. Values are the labels
a unit's export carries.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from guifan.demo import vocab
from guifan.demo.generator import LAST_DAY, CaseRow

RATE = 0.028
FIRST_DAY = date(2015, 1, 5)  # the records start with the 三个规定's first quarter
BEHAVIOURS = (
    ("了解案事件进展", 84),
    ("依法监督", 8),
    ("反映检察履职情况", 4),
    ("不当接触交往", 3),
    ("检察机关人员过问", 1),
)
STAGES = (
    ("逮捕", "审查逮捕"),
    ("起诉", "审查起诉"),
    ("立案侦查", "侦查"),
    ("初查", "线索核查"),
    ("立案监督", "立案"),
    ("二审", "审判监督"),
    ("申诉", "审判监督"),
    ("生效裁判", "审判监督"),
    ("执行", "执行"),
    ("减刑", "执行"),
)
CONTENT = {
    "了解案事件进展": (
        "询问案件办理到哪一步、何时作出决定",
        "打听嫌疑人能否取保候审",
        "询问案件是否已移送起诉",
        "询问被害人赔偿是否影响处理",
    ),
    "依法监督": ("了解群众反映案件久拖未决的情况", "转交群众来信，要求依法办理并反馈"),
    "反映检察履职情况": ("反映承办人未及时告知诉讼权利", "反映听取意见不充分"),
    "不当接触交往": ("约承办人在饭店见面谈案件", "托人送来购物卡，请求从轻处理"),
    "检察机关人员过问": ("询问案件处理意见，称当事人是其亲戚", "请承办人对嫌疑人予以关照"),
}
LAWYERS = ("律师事务所",)
CONGRESS = ("区人大常委会", "县人大常委会", "市人大常委会")


def plan_inquiries(case: CaseRow, seed: int, colleagues: list[tuple[str, str]]) -> list[dict]:
    """The records of one case: none for most; ``colleagues`` are (工号, 姓名) of the unit's
    other staff, one of whom may be the inquirer."""
    rng = random.Random(f"{seed}:inquiries:{case.case_no}")
    if rng.random() >= RATE:
        return []
    first = max(case.accept_date + timedelta(days=1), FIRST_DAY)
    last = min(case.close_date or LAST_DAY, LAST_DAY - timedelta(days=1))
    if first > last:
        return []
    rows = []
    for _ in range(2 if rng.random() < 0.15 else 1):
        rows.append(_record(rng, case, first, last, colleagues))
    return rows


def _record(rng, case, first: date, last: date, colleagues) -> dict:
    behaviour = rng.choices([b for b, _ in BEHAVIOURS], [w for _, w in BEHAVIOURS])[0]
    occurred = first + timedelta(days=rng.randint(0, (last - first).days))
    row = {
        "case_no": case.case_no,
        "seq": 0,
        "stage": next((s for key, s in STAGES if key in case.category), "其他"),
        "reported_on": min(occurred + timedelta(days=rng.choice((0, 0, 1, 2))), LAST_DAY),
        "reporter__staff_no": "",
        "inquirer_person__staff_no": "",
        "inquirer_unit": "",
        "inquirer_position": "",
        "inquirer_contact": f"1{rng.randint(3, 8)}{rng.randint(0, 999_999_999):09d}",
        "via": "",
        "occurred_on": occurred,
        "channel": rng.choices(("电话", "当面", "短信微信", "书面"), (45, 35, 12, 8))[0],
        "content": rng.choice(CONTENT[behaviour]),
        "behaviour": behaviour,
        "response": "告知按程序办理",
        "response_note": "",
        "materials": "",
        "improper": False,
        "affected_case": False,
    }
    name = rng.choice(vocab.SURNAMES) + "某"
    if behaviour == "了解案事件进展":
        category = rng.choices(("当事人", "特殊关系人", "律师", "其他"), (40, 30, 22, 8))[0]
        if category == "律师":
            row["inquirer_unit"] = f"{rng.choice(vocab.SURNAMES)}{rng.choice(LAWYERS)}"
    elif behaviour == "依法监督":
        category, row["inquirer_unit"] = "领导干部", rng.choice(CONGRESS)
        row["inquirer_position"] = "人大代表"
        row["channel"], row["materials"] = "书面", "转交的群众来信一份"
        row["response"], row["response_note"] = "报告", "已报部门负责人，按程序办理并反馈"
    elif behaviour == "反映检察履职情况":
        category = rng.choice(("当事人", "律师"))
    elif behaviour == "不当接触交往":
        category = rng.choice(("律师", "特殊关系人", "中介组织"))
        row["response"], row["improper"] = "拒绝", True
        row["response_note"] = "当场拒绝，已向部门负责人和纪检监察报告"
        row["affected_case"] = rng.random() < 0.3
    else:
        category = "司法机关内部人员"
        if colleagues:
            staff_no, name = rng.choice(colleagues)
            row["inquirer_person__staff_no"] = staff_no
            row["inquirer_position"] = "检察官"
        row["response"], row["improper"] = "拒绝", True
        row["response_note"] = "明确拒绝，已如实记录"
    if category == "特殊关系人":
        row["via"] = rng.choice(("", "", "嫌疑人之妻", "嫌疑人之父"))
    row["inquirer_name"] = name
    row["category"] = category
    return row
