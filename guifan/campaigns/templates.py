"""Campaign templates: a campaign's tracks, checklists and dates as data, not code.

The seed's campaign (seed/规范司法行为总结.txt): the 2016 municipal look-back (回头看),
started 3月14日, everything reported by 3月31日.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TrackTemplate:
    kind: str
    name: str
    task: str  # what each unit has to do on this track


@dataclass(frozen=True)
class CampaignTemplate:
    code: str
    name: str
    start: tuple[int, int]  # month, day
    report_deadline: tuple[int, int]
    tracks: tuple[TrackTemplate, ...]
    checklists: dict[str, tuple[str, ...]]


# The eight problems of the 专项整治 (seed), numbered 1–8 in this order by the rule catalog;
# the rectification list and its verifier split use these labels.
PROBLEM_CATEGORIES = (
    "司法作风简单粗暴",
    "执行办案规范和纪律不严",
    "不依法听取当事人和律师意见、限制律师权利",
    "违法采取强制措施、违法取证、违法查封扣押冻结处理涉案财物",
    "为追求考评成绩弄虚作假、违规办案",
    "越权办案、违规插手经济活动",
    "私下接触当事人及律师、泄露案情、过问干预办案",
    "接受吃请、收受贿赂、以案谋私，办关系案人情案金钱案",
)

LOOK_BACK = CampaignTemplate(
    code="look_back",
    name="规范司法行为专项整治“回头看”",
    start=(3, 14),
    report_deadline=(3, 31),
    tracks=(
        TrackTemplate("self_exam", "查遗补缺回头看", "开展自查，登记发现的问题并整改"),
        TrackTemplate("mechanism", "制度创新回头看", "登记机制建设计划，出台后报送专项整治办"),
        TrackTemplate(
            "evaluation", "案件评查回头看", "配合抽取案件开展评查，报备《案件评查登记表》"
        ),
        TrackTemplate("report", "开展情况报送", "3月底前将开展情况报送市院专项整治办"),
    ),
    checklists={
        "heading": ("思想教育", "内控机制", "内部监督", "制度执行"),
        "area": ("职务犯罪侦查", "案件管理", "案件评查", "考核激励", "检务公开", "行为管控"),
        "question": (
            "规范意识是否提高",
            "案件整改是否到位",
            "制度执行是否有力",
            "程序漏洞是否扎紧",
        ),
        "category": PROBLEM_CATEGORIES,
    },
)

TEMPLATES = {LOOK_BACK.code: LOOK_BACK}
