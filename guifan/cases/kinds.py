"""Which case categories exist in a 2015 procuratorate and how they can end (RULES-AND-PROCESS
§6.1): 案件类别 ↔ 诉讼阶段 ↔ 结案方式 ↔ 案由, and which tier of procuratorate handles each.

Plain data with no Django import. The demo generates only combinations listed here, the rule
engine reads a case's stage from it, and its tests check generated cases against it.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNTY, CITY = "county", "city"


class Stage:
    """诉讼阶段 of a case category."""

    INQUIRY = "初查"
    INVESTIGATION = "侦查"
    ARREST_REVIEW = "审查逮捕"
    PROSECUTION_REVIEW = "审查起诉"
    TRIAL = "审判监督"
    INVESTIGATION_SUPERVISION = "侦查监督"
    EXECUTION = "刑事执行"
    CIVIL = "民事行政"
    COMPLAINT = "控告申诉"


@dataclass(frozen=True)
class CaseKind:
    """One 案件类别 of one business line, as the unified business system 1.0 knew it."""

    line: str  # the department's business line (org.BusinessLine)
    category: str
    stage: str
    tiers: tuple[str, ...]  # which procuratorates handle it
    outcomes: tuple[tuple[str, int], ...]  # 结案方式 with its share
    causes: str  # the pool of 案由 (CAUSE_POOLS)
    days: tuple[int, int]  # usual time from acceptance to closing
    share: dict[str, int]  # share of the line's cases, per tier
    custody: bool = False  # the category presupposes someone held in custody

    def cause_pool(self) -> tuple[tuple[str, int], ...]:
        """The causes this category can have: no 危险驾驶 where custody is presupposed."""
        pool = CAUSE_POOLS[self.causes]
        return tuple(p for p in pool if not (self.custody and p[0] in NOT_ARRESTABLE))

    @property
    def close_types(self) -> frozenset[str]:
        return frozenset(outcome for outcome, _ in self.outcomes)


# 案由 pools. Arrest needs a crime punishable by fixed-term imprisonment or more (刑诉法2012
# 第79条): 危险驾驶 (拘役 at most) is never arrested; the 市院 prosecutes at first instance only
# what the 中级法院 tries (可能判处无期徒刑、死刑; 刑诉法2012 第20条).
CAUSE_POOLS: dict[str, tuple[tuple[str, int], ...]] = {
    "common": (
        ("盗窃罪", 22),
        ("危险驾驶罪", 18),
        ("故意伤害罪", 10),
        ("诈骗罪", 8),
        ("交通肇事罪", 6),
        ("寻衅滋事罪", 5),
        ("开设赌场罪", 4),
        ("贩卖毒品罪", 5),
        ("抢劫罪", 3),
        ("非法拘禁罪", 2),
        ("合同诈骗罪", 2),
        ("容留他人吸毒罪", 3),
        ("掩饰、隐瞒犯罪所得罪", 3),
        ("信用卡诈骗罪", 3),
        ("聚众斗殴罪", 2),
        ("抢夺罪", 1),
        ("妨害公务罪", 2),
        ("非法吸收公众存款罪", 1),
    ),
    "grave": (
        ("故意杀人罪", 30),
        ("抢劫罪", 20),
        ("贩卖毒品罪", 25),
        ("绑架罪", 8),
        ("强奸罪", 10),
        ("故意伤害罪", 7),
    ),
    "minor": (("盗窃罪", 45), ("抢劫罪", 20), ("故意伤害罪", 20), ("寻衅滋事罪", 15)),
    "bribery": (("受贿罪", 45), ("贪污罪", 30), ("挪用公款罪", 10), ("行贿罪", 15)),
    "malfeasance": (("滥用职权罪", 55), ("玩忽职守罪", 40), ("徇私枉法罪", 5)),
    "duty": (
        ("受贿罪", 40),
        ("贪污罪", 25),
        ("行贿罪", 10),
        ("滥用职权罪", 15),
        ("玩忽职守罪", 10),
    ),
    "prisoner": (
        ("盗窃罪", 25),
        ("抢劫罪", 20),
        ("故意伤害罪", 15),
        ("贩卖毒品罪", 20),
        ("诈骗罪", 10),
        ("故意杀人罪", 5),
        ("强奸罪", 5),
    ),
    "civil": (
        ("民间借贷纠纷", 30),
        ("买卖合同纠纷", 20),
        ("劳动争议", 15),
        ("机动车交通事故责任纠纷", 15),
        ("房屋买卖合同纠纷", 10),
        ("行政处罚", 10),
    ),
    "complaint": (("控告", 40), ("举报", 35), ("申诉", 25)),
    "none": (),
}
# Punishable by 拘役 at most: never arrested, never in custody for long.
NOT_ARRESTABLE = frozenset({"危险驾驶罪"})
# Crimes with a victim who is told of the right to an agent (刑诉法2012 第44条).
VICTIM_CRIMES = frozenset(
    {
        "盗窃罪",
        "故意伤害罪",
        "诈骗罪",
        "交通肇事罪",
        "抢劫罪",
        "非法拘禁罪",
        "合同诈骗罪",
        "信用卡诈骗罪",
        "抢夺罪",
        "寻衅滋事罪",
        "非法吸收公众存款罪",
        "故意杀人罪",
        "绑架罪",
        "强奸罪",
    }
)

_BOTH = (COUNTY, CITY)

KINDS: tuple[CaseKind, ...] = (
    # 侦查监督
    CaseKind("zhenjian", "审查逮捕", Stage.ARREST_REVIEW, _BOTH,
             (("批准逮捕", 82), ("不批准逮捕", 18)), "common", (2, 7),
             {COUNTY: 90, CITY: 25}, custody=True),
    CaseKind("zhenjian", "立案监督", Stage.INVESTIGATION_SUPERVISION, (COUNTY,),
             (("通知立案", 45), ("通知撤案", 25), ("不予立案监督", 30)), "common", (10, 40),
             {COUNTY: 10}),
    CaseKind("zhenjian", "职务犯罪审查逮捕", Stage.ARREST_REVIEW, (CITY,),
             (("决定逮捕", 92), ("决定不予逮捕", 8)), "duty", (2, 7), {CITY: 30}, custody=True),
    CaseKind("zhenjian", "延长侦查羁押期限审查", Stage.INVESTIGATION_SUPERVISION, (CITY,),
             (("批准延长", 90), ("不批准延长", 10)), "common", (2, 6), {CITY: 45}, custody=True),
    # 公诉
    CaseKind("gongsu", "审查起诉(一审)", Stage.PROSECUTION_REVIEW, (COUNTY,),
             (("起诉", 94), ("不起诉", 6)), "common", (12, 30), {COUNTY: 100}),
    CaseKind("gongsu", "审查起诉(一审)", Stage.PROSECUTION_REVIEW, (CITY,),
             (("起诉", 97), ("不起诉", 3)), "grave", (18, 30), {CITY: 35}),
    CaseKind("gongsu", "二审上诉案件审查", Stage.TRIAL, (CITY,),
             (("维持原判", 82), ("改判", 12), ("发回重审", 6)), "common", (20, 60),
             {CITY: 55}),
    CaseKind("gongsu", "二审抗诉案件审查", Stage.TRIAL, (CITY,),
             (("支持抗诉", 75), ("撤回抗诉", 25)), "common", (20, 60), {CITY: 10}),
    # 反贪污贿赂 / 反渎职侵权: 初查 before 立案, then the investigation as its own case.
    CaseKind("fantan", "线索初查", Stage.INQUIRY, _BOTH, (("立案", 35), ("不立案", 65)),
             "bribery", (20, 90), {COUNTY: 45, CITY: 45}),
    CaseKind("fantan", "职务犯罪立案侦查", Stage.INVESTIGATION, _BOTH,
             (("侦查终结移送起诉", 92), ("撤销案件", 8)), "bribery", (60, 200),
             {COUNTY: 55, CITY: 55}),
    CaseKind("fandu", "线索初查", Stage.INQUIRY, _BOTH, (("立案", 30), ("不立案", 70)),
             "malfeasance", (20, 90), {COUNTY: 45, CITY: 45}),
    CaseKind("fandu", "职务犯罪立案侦查", Stage.INVESTIGATION, _BOTH,
             (("侦查终结移送起诉", 90), ("撤销案件", 10)), "malfeasance", (60, 200),
             {COUNTY: 55, CITY: 55}),
    # 监所检察 / 刑事执行检察
    CaseKind("jiansuo", "羁押必要性审查", Stage.EXECUTION, _BOTH,
             (("建议释放或变更强制措施", 35), ("不予建议", 65)), "common", (5, 20),
             {COUNTY: 70, CITY: 20}, custody=True),
    CaseKind("jiansuo", "暂予监外执行监督", Stage.EXECUTION, (COUNTY,),
             (("同意", 75), ("提出纠正意见", 25)), "prisoner", (7, 30), {COUNTY: 30}),
    CaseKind("jiansuo", "减刑、假释监督", Stage.EXECUTION, (CITY,),
             (("同意", 85), ("提出纠正意见", 15)), "prisoner", (5, 20), {CITY: 80}),
    # 民事行政检察
    CaseKind("minxing", "生效裁判监督", Stage.CIVIL, (COUNTY,),
             (("提请抗诉", 12), ("再审检察建议", 18), ("不支持监督申请", 70)), "civil",
             (30, 85), {COUNTY: 60}),
    CaseKind("minxing", "生效裁判监督", Stage.CIVIL, (CITY,),
             (("提出抗诉", 22), ("提请抗诉", 5), ("再审检察建议", 8), ("不支持监督申请", 65)),
             "civil", (30, 85), {CITY: 85}),
    CaseKind("minxing", "执行监督", Stage.CIVIL, _BOTH,
             (("检察建议", 60), ("不支持监督申请", 40)), "civil", (20, 85),
             {COUNTY: 30, CITY: 15}),
    CaseKind("minxing", "支持起诉", Stage.CIVIL, (COUNTY,), (("支持起诉", 100),), "civil",
             (10, 40), {COUNTY: 10}),
    # 控告申诉检察
    CaseKind("kongshen", "控告、举报", Stage.COMPLAINT, _BOTH,
             (("移送处理", 70), ("答复办结", 30)), "complaint", (3, 7),
             {COUNTY: 55, CITY: 40}),
    CaseKind("kongshen", "刑事申诉", Stage.COMPLAINT, _BOTH,
             (("复查维持", 85), ("复查撤销", 15)), "common", (30, 85),
             {COUNTY: 25, CITY: 40}),
    CaseKind("kongshen", "刑事赔偿", Stage.COMPLAINT, _BOTH,
             (("予以赔偿", 40), ("不予赔偿", 60)), "common", (20, 55),
             {COUNTY: 8, CITY: 10}),
    CaseKind("kongshen", "国家司法救助", Stage.COMPLAINT, _BOTH,
             (("予以救助", 80), ("不予救助", 20)), "common", (10, 30), {COUNTY: 12, CITY: 10}),
    # 未成年人检察
    CaseKind("weijian", "未成年人审查逮捕", Stage.ARREST_REVIEW, (COUNTY,),
             (("批准逮捕", 60), ("不批准逮捕", 40)), "minor", (2, 7), {COUNTY: 50}, custody=True),
    CaseKind("weijian", "未成年人审查起诉", Stage.PROSECUTION_REVIEW, (COUNTY,),
             (("起诉", 70), ("不起诉", 10), ("附条件不起诉", 20)), "minor", (12, 30),
             {COUNTY: 50}),
)  # fmt: skip

# Share of a procuratorate's cases per business line (§6.4).
LINE_SHARES: dict[str, dict[str, int]] = {
    COUNTY: {
        "zhenjian": 28,
        "gongsu": 40,
        "fantan": 3,
        "fandu": 1,
        "jiansuo": 8,
        "minxing": 6,
        "kongshen": 8,
        "weijian": 6,
    },
    CITY: {
        "zhenjian": 30,
        "gongsu": 34,
        "fantan": 3,
        "fandu": 1,
        "jiansuo": 12,
        "minxing": 10,
        "kongshen": 10,
    },
}

ARREST_REVIEWS = frozenset(k.category for k in KINDS if k.stage == Stage.ARREST_REVIEW)
PROSECUTION_REVIEWS = frozenset(k.category for k in KINDS if k.stage == Stage.PROSECUTION_REVIEW)
SELF_INVESTIGATIONS = frozenset({"线索初查", "职务犯罪立案侦查"})
# Outcomes after which a suspect held in the case is released.
RELEASING = frozenset({"不起诉", "附条件不起诉", "撤销案件", "不批准逮捕", "决定不予逮捕"})


def kinds_for(tier: str) -> list[CaseKind]:
    return [kind for kind in KINDS if tier in kind.tiers]


def kind_of(line: str, category: str, tier: str) -> CaseKind | None:
    """The kind a case of ``line`` and ``category`` at a ``tier`` procuratorate belongs to."""
    for kind in KINDS:
        if kind.line == line and kind.category == category and tier in kind.tiers:
            return kind
    return None


def allowed(*, line: str, category: str, tier: str, close_type: str, cause: str) -> bool:
    """Whether a case with these values could exist (an open case has no close type)."""
    kind = kind_of(line, category, tier)
    if kind is None:
        return False
    if close_type and close_type not in kind.close_types:
        return False
    causes = {c for c, _ in kind.cause_pool()}
    return not causes or cause in causes
