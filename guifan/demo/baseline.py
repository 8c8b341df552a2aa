"""The demo world's 2015 ledgers, as units hand them in for the look-back: the 整改台账 of the
2015 专项整治 (most problems closed in 2015, some still open) and the 2015 群众反映 (most
concluded, a few not). Written as import files (``guifan demo export-files``) and imported
through the importer before the campaign starts, so that it takes the open rows over.

The closed rows name problems the units do not find again in 2016, except one: 临江's
recording problem, closed in September 2015 and found again in its 2016 self-examination
(改后又复发 against the baseline).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from guifan.campaigns.templates import PROBLEM_CATEGORIES
from guifan.demo.generator import DemoWorld

# (category index 0-7, problem, measure): none of these is found again in the 2016 demo.
CLOSED = (
    (0, "接待来访群众不耐烦，对合理诉求不予答复", "开展文明接待培训，实行首问负责"),
    (1, "法律文书送达不及时，送达回证未入卷", "建立文书送达台账，案管部门每月抽查"),
    (2, "未告知当事人有权申请回避", "统一权利义务告知书，增加回避告知内容"),
    (3, "取保候审保证金未按规定存入指定账户", "保证金一律存入专户，财务部门按月对账"),
    (4, "年度统计数据虚报结案数", "统计数据由案管部门从系统中统一提取"),
    (5, "违规跨区域办理民事监督案件", "重申管辖规定，跨区域案件报上级院指定"),
    (6, "个别干警私下接触案件当事人亲属", "签订承诺书，接触当事人一律在接待室"),
    (7, "向发案单位违规收取费用、拉赞助", "全面清理，退还所收费用，追究责任"),
)
# Still owed at the end of 2015: taken over into the campaign's list as 2015 遗留.
OPEN = (
    (1, "结案后卷宗未按期装订归档", "限期补齐归档，纳入部门考核"),
    (6, "接受案外人请托打听案情", "开展警示教育，落实过问登记"),
    (7, "个别干警收受当事人礼金，办关系案", "移送纪检组调查处理"),
)
RECORDING = (1, "讯问职务犯罪嫌疑人未全程同步录音录像", "重申同录规定，逐案核查录像")
STATUSES = ("未整改", "整改中", "已整改")
COMPLAINTS = (
    "反映承办检察官多次未接听电话，不告知案件进展",
    "反映办案人员接待时态度冷淡，不予答复",
    "反映扣押的车辆至今未退还",
    "反映申诉材料递交后无人处理",
)
LINJIANG = "980102"


def baseline_rows(world: DemoWorld) -> dict[str, list[dict]]:
    """The two ledgers' rows by field name, values as the ledgers write them."""
    rng = random.Random(f"{world.seed}:baseline")
    departments: dict[str, list[str]] = {}
    for d in world.departments:
        departments.setdefault(d.unit_code, []).append(d.name)
    items, complaints = [], []
    for unit in world.case_units:
        chosen = [(p, "已销号") for p in rng.sample(CLOSED, rng.randint(2, 4))]
        if unit.code == LINJIANG:
            chosen.append((RECORDING, "已销号"))
        if rng.random() < 0.5:
            chosen.append((rng.choice(OPEN), rng.choice(STATUSES)))
        for n, ((category, text, measure), status) in enumerate(chosen, 1):
            found = date(2015, 3, 1) + timedelta(days=rng.randint(0, 120))
            closed = found + timedelta(days=rng.randint(20, 150)) if status == "已销号" else None
            if (category, text, measure) == RECORDING:
                found, closed = date(2015, 6, 12), date(2015, 9, 30)
            items.append(
                {
                    "ref": f"{unit.code}-2015-{n:03d}",
                    "unit_code": unit.code,
                    "unit_name": unit.name,
                    "department_name": rng.choice(departments.get(unit.code, [""])),
                    "category": PROBLEM_CATEGORIES[category],
                    "description": text,
                    "measures": measure,
                    "status": status,
                    "found_on": found,
                    "deadline": found + timedelta(days=60),
                    "closed_on": closed,
                }
            )
        for n in range(rng.randint(0, 2)):
            received = date(2015, 4, 1) + timedelta(days=rng.randint(0, 240))
            complaints.append(
                {
                    "ref": f"{unit.code}-FY2015-{n + 1:02d}",
                    "unit_code": unit.code,
                    "unit_name": unit.name,
                    "received_on": received,
                    "channel": rng.choice(("来信", "来访", "电话")),
                    "complainant": "",
                    "case_no": "",
                    "content": rng.choice(COMPLAINTS),
                    "status": "已办结" if rng.random() < 0.75 else "调查中",
                }
            )
    return {"baseline_items": items, "baseline_complaints": complaints}


BASELINE_KINDS = ("baseline_items", "baseline_complaints")


def write_baseline(directory: Path, world: DemoWorld, formats=("csv",)) -> dict[str, int]:
    """The two ledgers as import files in ``directory``; rows written per kind."""
    from guifan.demo.export import write_rows

    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for kind, rows in baseline_rows(world).items():
        write_rows(directory, kind, rows, formats)
        counts[kind] = len(rows)
    return counts


def ensure_baseline(world: DemoWorld, directory: Path) -> None:
    """Import the two ledgers (again: unchanged rows change nothing) on 3月11日."""
    from guifan.cases.services import cases_import
    from guifan.demo.campaign import at

    write_baseline(directory, world)
    with at(11, 10):
        for kind in BASELINE_KINDS:
            result = cases_import(path=directory / f"{kind}.csv", kind=kind)
            if result.rejected:
                raise RuntimeError(f"demo {kind}: {[e.reason for e in result.errors]}")
