"""The 登记表 rubric per case type, as data: which dimensions a case of the type is read on
and the 评查要点 of each (RULES-AND-PROCESS.md §1.5–1.7). Every type has 司法作风与办案纪律
and 涉案财物处置 — the subject of a 规范司法 campaign and where its problems most often lie.
A campaign's rubric of a type is made from this data the first time a case of the type is
evaluated; later edits are new versions, and a form keeps the version it was opened with."""

from __future__ import annotations

# Read on every type, last: the campaign's subject and the property of the case.
CONDUCT = {
    "司法作风与办案纪律": (
        "对待当事人、律师和来访群众的态度是否文明规范",
        "是否遵守“三个规定”，过问、干预案件是否如实记录报告",
        "有无违规会见当事人及其律师、接受请托或吃拿卡要",
    ),
    "涉案财物处置": (
        "查封、扣押、冻结是否有法律手续和清单",
        "涉案财物是否按期移交保管，与案件无关的是否及时解除、退还",
        "涉案财物的处理是否经批准并随案移送或依法处理",
    ),
}

TYPES: dict[str, dict] = {
    "arrest": {
        "label": "审查逮捕",
        "points": {
            "事实认定": ("犯罪事实是否有证据证明", "是否有证据证明系犯罪嫌疑人所为"),
            "证据采信": ("非法证据是否依法排除", "是否讯问犯罪嫌疑人、听取律师意见"),
            "逮捕必要性": ("社会危险性条件是否审查并说明理由", "是否可能判处徒刑以上刑罚"),
            "办案程序": ("是否在法定期限内作出决定", "不捕案件是否说明理由、通知侦查机关"),
            "侦查活动监督": (
                "发现的违法侦查行为是否依法监督纠正",
                "是否对应当立案而未立案的进行监督",
            ),
            "法律文书": ("审查逮捕意见书是否规范", "文书是否与事实和决定一致"),
        },
    },
    "prosecution": {
        "label": "审查起诉",
        "points": {
            "事实认定": ("起诉书认定的事实是否清楚", "有无遗漏犯罪嫌疑人或罪行"),
            "证据采信": ("证据是否确实、充分，形成完整证据链", "非法证据是否依法排除"),
            "法律适用": ("罪名认定是否准确", "量刑建议是否适当，法定情节是否认定"),
            "办案程序": (
                "审查期限、退回补充侦查是否合法",
                "是否告知诉讼权利、听取辩护人和被害人意见",
            ),
            "审判监督": ("是否依法出庭支持公诉", "对确有错误的判决是否依法抗诉"),
            "法律文书": ("起诉书、不起诉决定书是否规范", "不起诉案件是否说明理由"),
        },
    },
    "self_investigation": {
        "label": "自侦",
        "points": {
            "立案与初查": ("线索受理、初查和立案是否经审批", "初查是否限制被调查人人身、财产权利"),
            "证据采信": ("讯问是否全程同步录音录像", "证据收集是否合法、全面"),
            "强制措施": ("指定居所监视居住是否符合条件并经批准", "强制措施是否超期、变更是否及时"),
            "办案程序": ("是否保障律师会见", "办案安全防范措施是否落实"),
            "法律适用": ("定性是否准确", "移送审查起诉的意见是否有据"),
            "法律文书": ("侦查文书是否齐全、规范", "文书是否与事实一致"),
        },
    },
    "civil_admin": {
        "label": "民行",
        "points": {
            "受理与审查": ("是否符合受理条件", "是否依法听取当事人意见"),
            "事实认定": ("认定生效裁判确有错误的依据是否充分", "调查核实是否必要且依法进行"),
            "法律适用": ("抗诉或检察建议的理由是否适用法律正确", "不支持监督申请是否说明理由"),
            "办案程序": ("审查期限是否符合规定", "决定是否依法送达当事人"),
            "法律文书": ("抗诉书、检察建议书是否规范", "文书是否与审查结论一致"),
            "办案效果": ("是否促成息诉服判", "有无引发信访或舆情"),
        },
    },
    "complaint": {
        "label": "控申",
        "points": {
            "受理与分流": ("来信来访是否依法登记、及时分流", "是否按期答复反馈"),
            "事实认定": ("刑事申诉、国家赔偿案件的事实是否查清", "复查结论是否有证据支持"),
            "法律适用": ("处理决定是否于法有据", "国家赔偿数额是否准确"),
            "办案程序": ("是否在法定期限内办结", "是否依法告知申诉人权利"),
            "释法说理": ("对申诉人是否释法说理充分", "息诉罢访工作是否落实"),
            "法律文书": ("复查决定书、答复函是否规范", "文书是否依法送达"),
        },
    },
    "default": {
        "label": "其他",
        "points": {
            "证据采信": ("证据的收集、审查判断和采信是否合法、全面",),
            "事实认定": ("认定的事实是否清楚，每一项事实是否都有证据证明",),
            "法律适用": ("法律条文引用和处理决定是否准确",),
            "办案程序": ("期限、告知、听取意见、审批等程序是否合法规范",),
            "法律文书": ("法律文书是否齐全、规范，与事实和决定一致",),
            "释法说理": ("不捕、不诉等决定是否说明理由",),
            "办案效果": ("有无引发信访或舆情",),
            "司法责任落实": ("审核、审批、签发是否符合权限",),
            "统一业务系统规范使用": ("是否在统一业务应用系统中规范填录、流转",),
        },
    },
}

# What every type is read on besides its own points, in this order: a type's own points for
# one of these replace the general ones; its other dimensions follow, then CONDUCT.
CORE = ("证据采信", "事实认定", "法律适用", "办案程序", "法律文书", "释法说理")

for _key, _data in TYPES.items():
    _own = _data["points"]
    _general = TYPES["default"]["points"] if _key != "default" else _own
    _data["points"] = {
        **{name: _own.get(name, _general[name]) for name in CORE},
        **{name: points for name, points in _own.items() if name not in CORE},
        **CONDUCT,
    }

TYPE_CHOICES = tuple((key, data["label"]) for key, data in TYPES.items())

# The business line of the case's department decides its type (org.BusinessLine values).
LINE_TYPES = {
    "zhenjian": "arrest",
    "gongsu": "prosecution",
    "fantan": "self_investigation",
    "fandu": "self_investigation",
    "minxing": "civil_admin",
    "kongshen": "complaint",
}


def dimensions_of(case_type: str) -> list[str]:
    return list(TYPES[case_type]["points"])


def points_of(case_type: str) -> dict[str, list[str]]:
    return {name: list(points) for name, points in TYPES[case_type]["points"].items()}


def type_of(case) -> str:
    """The rubric type of a case: its department's business line, else its category."""
    from guifan.cases.kinds import ARREST_REVIEWS, PROSECUTION_REVIEWS

    line = case.department.line if case.department_id else ""
    if line in LINE_TYPES:
        return LINE_TYPES[line]
    if case.is_self_investigation:
        return "self_investigation"
    if case.category in ARREST_REVIEWS:
        return "arrest"
    if case.category in PROSECUTION_REVIEWS:
        return "prosecution"
    return "default"
