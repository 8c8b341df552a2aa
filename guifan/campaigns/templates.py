"""Campaign templates: a campaign's tracks, checklists and dates as data, not code.

The seed's campaign (seed/规范司法行为总结.txt): the 2016 municipal look-back (回头看),
started 3月14日, everything reported by 3月31日. Later years set up the evaluations of
RULES-AND-PROCESS.md §1: the yearly 常规抽查, a 专项评查 of one theme, and the 重点评查 of
the must-select situations K01–K11 (their draw rules: draws.templates).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class TrackTemplate:
    kind: str
    name: str
    task: str  # what each unit has to do on this track
    departments: bool = False  # departments taking part get their own task on it


@dataclass(frozen=True)
class CampaignTemplate:
    code: str
    name: str
    start: tuple[int, int]  # month, day
    report_deadline: tuple[int, int]
    tracks: tuple[TrackTemplate, ...]
    checklists: dict[str, tuple[str, ...]]
    departments: str = "none"  # which departments take part (campaigns.models.DepartmentTasks)
    themed: bool = False  # the office names one theme (专项评查)


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
        TrackTemplate(
            "self_exam", "查遗补缺回头看", "开展自查，登记发现的问题并整改", departments=True
        ),
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
    departments="city",  # “各单位各部门”: the 市院 departments take part with their own tasks
)

_EVALUATION = TrackTemplate(
    "evaluation", "案件评查", "配合抽取案件开展评查，报备《案件评查登记表》"
)
_REPORT = TrackTemplate("report", "评查工作总结", "评查结束后形成评查工作总结，报牵头单位")

# 常规抽查: every year, a share of the cases each unit closed the year before (§1.1).
ROUTINE = CampaignTemplate(
    code="routine",
    name="案件质量常规抽查",
    start=(3, 1),
    report_deadline=(6, 30),
    tracks=(_EVALUATION, _REPORT),
    checklists={"category": PROBLEM_CATEGORIES},
)

# 专项评查: one theme (a kind of case or process situation the office names), with a
# self-examination of that theme by each unit and its departments (§1.2).
SPECIAL = CampaignTemplate(
    code="special",
    name="专项评查",
    start=(5, 1),
    report_deadline=(7, 31),
    tracks=(
        TrackTemplate(
            "self_exam", "专项自查", "对照专项主题开展自查，登记发现的问题并整改", departments=True
        ),
        _EVALUATION,
        _REPORT,
    ),
    checklists={
        "heading": ("案件办理", "制度执行", "内部监督"),
        "category": PROBLEM_CATEGORIES,
    },
    departments="city",
    themed=True,
)

# 重点评查: every case in a must-select situation K01–K11 is evaluated (§1.3).
KEY = CampaignTemplate(
    code="key",
    name="重点案件评查",
    start=(3, 1),
    report_deadline=(6, 30),
    tracks=(_EVALUATION, _REPORT),
    checklists={"category": PROBLEM_CATEGORIES},
)

TEMPLATES = {t.code: t for t in (LOOK_BACK, ROUTINE, SPECIAL, KEY)}

# The themes a 专项评查 can take: each a must-select situation whose cases are drawn.
THEMES = {
    "k03": "不批准逮捕、不起诉案件",
    "k04": "自侦案件撤销案件",
    "k06": "国家赔偿案件",
    "k07": "涉法涉诉信访案件",
    "k09": "违纪违法、过问干预案件",
    "k11": "减刑、假释、暂予监外执行监督案件",
}


def template_choices(
    template: str, theme: str, departments: str | None
) -> tuple[CampaignTemplate, str]:
    """The template, and the department setting to use, or why the choice is refused."""
    from guifan.campaigns.models import DepartmentTasks

    spec = TEMPLATES.get(template)
    if spec is None:
        raise ValidationError(_("没有名为“%(t)s”的模板。") % {"t": template})
    if spec.themed and theme not in THEMES:
        raise ValidationError(_("专项评查须选定一个主题。"))
    if not spec.themed and theme:
        raise ValidationError(_("该模板不设专项主题。"))
    departments = departments or spec.departments
    if departments not in DepartmentTasks.values:
        raise ValidationError(_("部门任务的设置不正确。"))
    return spec, departments
