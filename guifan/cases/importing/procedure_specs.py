"""Import specs of the procedural steps that move a case's periods: extensions, returns for
supplementary investigation, notices, transfers and judgments (RULES-AND-PROCESS.md §3)."""

from __future__ import annotations

from guifan.cases import models as m
from guifan.cases.importing import values as v
from guifan.cases.importing.columns import CASE_NO, SEQ, Column, Spec, choice

_extension_kind = choice(
    m.ExtensionKind,
    "延长类型",
    延长审查起诉期限="prosecution_review",
    延长侦查羁押期限="investigation_custody",
    延长拘留期限="detention",
    延长审查逮捕期限="arrest_review",
)
_approver = choice(m.Approver, "批准人职务", 本院检察长="chief", 上级院="upper", 省院="province")
_party = choice(m.NoticeParty, "告知对象", 嫌疑人="suspect", 辩护律师="defender", 律师="defender")
_transfer_kind = choice(m.TransferKind, "移送类型", 移送起诉="prosecution", 报捕="arrest_report")
_level = choice(m.TrialLevel, "审级", 第一审="first", 第二审="second")
_result = choice(m.JudgmentResult, "判决结果", 无罪判决="acquitted", 撤诉="withdrawn")

EXTENSIONS = Spec(
    "extensions",
    "延长期限",
    m.Extension,
    (
        CASE_NO,
        SEQ,
        Column("kind", "延长类型", ("类型",), _extension_kind, required=True),
        Column("approver", "批准人职务", ("批准人", "批准机关"), _approver, required=True),
        Column("approved_on", "批准日期", ("批准时间",), v.parse_date, required=True),
        Column("days", "延长天数", ("天数",), v.parse_positive_int),
        Column("months", "延长月数", ("月数",), v.parse_positive_int),
    ),
)

RETURNS = Spec(
    "returns",
    "退回补充侦查",
    m.SupplementaryInvestigation,
    (
        CASE_NO,
        SEQ,
        Column("returned_on", "退回日期", ("退补日期",), v.parse_date, required=True),
        Column("resubmitted_on", "重新移送日期", ("补查重报日期",), v.parse_date),
    ),
)

NOTICES = Spec(
    "notices",
    "告知",
    m.Notice,
    (
        CASE_NO,
        SEQ,
        Column("party", "告知对象", ("对象",), _party, required=True),
        Column("matter", "告知事项", ("事项", "告知内容"), required=True),
        Column("notified_at", "告知时间", ("告知日期",), v.parse_datetime, required=True),
    ),
)

TRANSFERS = Spec(
    "transfers",
    "移送",
    m.Transfer,
    (
        CASE_NO,
        SEQ,
        Column("kind", "移送类型", ("类型",), _transfer_kind, required=True),
        Column("transferred_at", "移送时间", ("移送日期",), v.parse_datetime, required=True),
        Column("with_recordings", "随案移送录像", ("是否随案移送录像",), v.parse_bool),
    ),
)

JUDGMENTS = Spec(
    "judgments",
    "判决",
    m.Judgment,
    (
        CASE_NO,
        SEQ,
        Column("level", "审级", (), _level, required=True),
        Column("judged_on", "判决日期", ("裁判日期",), v.parse_date, required=True),
        Column("result", "判决结果", ("裁判结果",), _result, required=True),
    ),
)

_flag = choice(
    m.FlagKind,
    "标记类型",
    国家赔偿="compensation",
    交办="referral",
    转办="referral",
    督办="referral",
    违纪违法="discipline",
    被举报="discipline",
    过问="intervention",
    过问干预="intervention",
    舆情="media",
    媒体关注="media",
    刑事执行="execution",
)

FLAGS = Spec(
    "flags",
    "选案标记",
    m.CaseFlag,
    (
        CASE_NO,
        SEQ,
        Column("kind", "标记类型", ("类型", "标记"), _flag, required=True),
        Column("flagged_on", "标记日期", ("日期", "登记日期"), v.parse_date, required=True),
        Column("source", "依据", ("来源", "文号")),
    ),
)


_grade = choice(m.Grade, "评查等次", 基本合格="basic", 瑕疵案件="flawed", 不合格案件="fail",
                优质案件="excellent", 合格案件="pass")  # fmt: skip

ORIGINAL_EVALUATIONS = Spec(
    "original_evaluations",
    "原评查结果",
    m.OriginalEvaluation,
    (
        CASE_NO,
        SEQ,
        Column("year", "评查年度", ("年度",), v.parse_year, required=True),
        Column("evaluating_unit", "评查单位", ("原评查单位",), required=True),
        Column("grade", "评查等次", ("原评查等次", "等次"), _grade, required=True),
        Column("problems", "发现的问题", ("存在问题", "问题")),
        Column("rectification", "整改情况", ("整改落实情况",)),
        Column("evaluators", "原评查人工号", ("评查人工号",), v.parse_staff_list),
    ),
)

PROCEDURE_SPECS = (EXTENSIONS, RETURNS, NOTICES, TRANSFERS, JUDGMENTS, ORIGINAL_EVALUATIONS, FLAGS)
