"""What each import file holds: columns, their Chinese headers and aliases, and parsers.

The headers are the ones units' case-management exports use (RULES-AND-PROCESS.md §3.1,
§6.3); aliases cover the pinyin abbreviations and the older names seen in real exports.
"""

from __future__ import annotations

from guifan.cases import models as m
from guifan.cases.importing import values as v
from guifan.cases.importing.access_specs import ACCESS_LOGS
from guifan.cases.importing.columns import BLANK, CASE_NO, SEQ, Column, Spec, choice
from guifan.cases.importing.defence_specs import DEFENDERS
from guifan.cases.importing.jurisdiction_specs import JURISDICTIONS
from guifan.cases.importing.oversight_specs import OVERSIGHT_SPECS
from guifan.cases.importing.procedure_specs import PROCEDURE_SPECS
from guifan.cases.importing.staff_specs import STAFF_DEPARTURES, STAFF_RELATIVES
from guifan.cases.importing.stat_reports import STAT_REPORTS
from guifan.org.models import Tier

__all__ = ["EVENT_SPECS", "SPECS", "Column", "Spec", "register"]

_status = choice(
    m.CaseStatus,
    "案件状态",
    结案="closed",
    审结="concluded",
    归档="archived",
    在办="in_progress",
    办理="in_progress",
)
_supervision = choice(
    m.Supervision,
    "挂牌督办",
    省院="province",
    省级="province",
    市院="city",
    市级="city",
    否="",
    无="",
    **BLANK,
)
_tier = choice(
    Tier,
    "评查层级",
    省级="province",
    市级="city",
    县级="county",
    区院="county",
    基层院="county",
    **BLANK,
)
_grade = choice(
    m.Grade,
    "评查等次",
    优质案件="excellent",
    合格案件="pass",
    瑕疵案件="flawed",
    基本合格案件="basic",
    不合格案件="fail",
    **BLANK,
)
_measure = choice(m.MeasureKind, "措施类型", 指居="rsdl", 指定监视居住="rsdl")
_place = choice(m.PlaceType, "场所", 本院讯问室="interrogation_room", **BLANK)
_asset = choice(m.EnterpriseAsset, "涉企财物", 基本户="basic_account", 设备="equipment", 否="",
                无="", **BLANK)  # fmt: skip
_lawyer_kind = choice(m.LawyerRequestKind, "申请类型", 会见="meeting")


CASES = Spec(
    "cases",
    "案件",
    m.Case,
    (
        CASE_NO,
        Column("unified_no", "统一受案号", ("tysah",)),
        Column("name", "案件名称", ("案名", "ajmc"), required=True),
        Column("category", "案件类别", ("类别", "ajlb"), required=True),
        Column("cause", "案由", ("罪名", "案由/罪名", "移诉案由")),
        Column("unit_code", "单位编码", ("承办单位编码", "dwbm")),
        Column("unit_name", "承办单位", ("单位名称", "单位")),
        Column("department_name", "承办部门", ("部门", "承办部门名称")),
        Column("handler_staff_no", "承办人工号", ("承办检察官工号", "cbrgh")),
        Column("handler_name", "承办人", ("承办检察官", "承办人姓名")),
        Column("accept_date", "受理日期", ("slrq", "受案日期"), v.parse_date, required=True),
        Column("filing_date", "立案日期", (), v.parse_date),
        Column("close_date", "办结日期", ("审结日期", "结案日期", "jarq"), v.parse_date),
        Column("close_type", "结案方式", ("审查结论", "结论", "处理结果")),
        Column(
            "retrial_applied_on",
            "向法院申请再审日期",
            ("申请再审日期", "再审申请日期"),
            v.parse_date,
        ),
        Column(
            "retrial_ruled_on", "法院再审裁定日期", ("再审裁定日期", "法院裁定日期"), v.parse_date
        ),
        Column("status", "案件状态", ("状态",), _status, required=True),
        Column("is_self_investigation", "是否自侦", ("自侦案件", "自侦"), v.parse_bool),
        Column("is_major_bribery", "特别重大贿赂", ("是否特别重大贿赂",), v.parse_bool),
        Column("crime_place", "犯罪地", ("犯罪地点", "案发地", "发案地")),
        Column("police_place", "侦查机关所在地", ("侦查机关所在区县", "移送机关所在地")),
        Column("designated", "指定管辖", ("是否指定管辖",), v.parse_bool),
        Column("supervision", "挂牌督办", ("督办", "是否督办案件", "督办级别"), _supervision),
        Column("prior_eval_year", "评查年度", ("已评查年度",), v.parse_year),
        Column("prior_eval_tier", "评查层级", ("评查单位层级", "评查级别"), _tier),
        Column("prior_eval_grade", "评查等次", ("评查结果",), _grade),
        Column("reviewers", "审核审批人工号", ("审核人工号", "审批人工号"), v.parse_staff_list),
        Column("prior_evaluators", "原评查人工号", ("评查人工号", "评查人"), v.parse_staff_list),
    ),
    checks=(v.closed_after_accepted,),
)

SUSPECTS = Spec(
    "suspects",
    "犯罪嫌疑人",
    m.Suspect,
    (
        CASE_NO,
        Column("seq", "嫌疑人序号", ("序号", "嫌疑人编号"), v.parse_positive_int, True),
        Column("name", "姓名", ("嫌疑人姓名",), required=True),
        Column("id_no", "身份证号", ("证件号码",)),
        Column("in_custody", "是否在押", ("在押",), v.parse_bool),
        Column("blind_deaf_mute", "盲聋哑", ("是否盲聋哑",), v.parse_bool),
        Column("mental_illness_partial", "限制行为能力精神病人", (), v.parse_bool),
        Column(
            "possible_life_or_death",
            "可能判处无期徒刑死刑",
            ("可能判处无期徒刑、死刑",),
            v.parse_bool,
        ),
        Column("has_fixed_residence", "有固定住处", ("是否有固定住处",), v.parse_bool),
    ),
)

MEASURES = Spec(
    "measures",
    "强制措施",
    m.CoerciveMeasure,
    (
        CASE_NO,
        SEQ,
        Column("suspect_seq", "嫌疑人序号", (), v.parse_positive_int),
        Column("kind", "措施类型", ("强制措施类型", "强制措施"), _measure, required=True),
        Column("decided_at", "决定时间", ("决定日期",), v.parse_datetime),
        Column("executed_at", "执行时间", ("执行日期",), v.parse_datetime),
        Column("ended_at", "解除时间", ("变更时间", "解除/变更时间"), v.parse_datetime),
        Column("approved_by_upper", "上一级院批准", ("经上一级院批准",), v.parse_bool),
        Column("place_type", "执行场所", ("执行地点",), _place),
        Column("family_notified_at", "通知家属时间", (), v.parse_datetime),
        Column("necessity_reviews", "必要性审查日期", ("羁押必要性审查日期",), v.text),
        Column("fee_charged", "收取费用", ("是否收费",), v.parse_bool),
    ),
)

INTERROGATIONS = Spec(
    "interrogations",
    "讯问",
    m.Interrogation,
    (
        CASE_NO,
        SEQ,
        Column("suspect_seq", "嫌疑人序号", (), v.parse_positive_int),
        Column("start_at", "开始时间", ("讯问开始时间",), v.parse_datetime, required=True),
        Column("end_at", "结束时间", ("讯问结束时间",), v.parse_datetime),
        Column("location_type", "讯问地点", ("地点",), _place),
        Column("interrogators", "讯问人工号", ("讯问人",), v.parse_staff_list),
        Column("av_recorded", "同步录音录像", ("是否同步录音录像",), v.parse_bool),
        Column("av_start_at", "录像开始时间", (), v.parse_datetime),
        Column("av_end_at", "录像结束时间", (), v.parse_datetime),
    ),
)

AV_INTERRUPTIONS = Spec(
    "av_interruptions",
    "录像中断",
    m.AvInterruption,
    (
        CASE_NO,
        SEQ,
        Column("interrogation_seq", "讯问序号", (), v.parse_positive_int, required=True),
        Column("start_at", "中断开始时间", ("中断开始",), v.parse_datetime, required=True),
        Column("end_at", "中断结束时间", ("中断结束",), v.parse_datetime),
        Column("approved_by_chief", "检察长批准", ("经检察长批准",), v.parse_bool),
        Column("noted_in_transcript", "笔录注明", ("笔录中注明",), v.parse_bool),
    ),
)

LAWYER_REQUESTS = Spec(
    "lawyer_requests",
    "律师申请",
    m.LawyerRequest,
    (
        CASE_NO,
        SEQ,
        Column("kind", "申请类型", ("类型",), _lawyer_kind, required=True),
        Column("lawyer_name", "律师", ("律师姓名",)),
        Column("submitted_at", "提出时间", ("申请时间",), v.parse_datetime, required=True),
        Column("responded_at", "答复时间", ("安排时间", "答复/安排时间"), v.parse_datetime),
        Column("result", "处理结果", ("结果",)),
        Column("written_reason", "书面理由", ("理由",)),
    ),
)

OPINIONS = Spec(
    "opinions",
    "听取意见",
    m.OpinionHeard,
    (
        CASE_NO,
        SEQ,
        Column("heard_at", "听取时间", (), v.parse_datetime),
        Column("heard_party", "听取对象", ("对象",), required=True),
        Column("written_opinion_received", "收到书面意见", (), v.parse_bool),
        Column("attached_to_file", "已附卷", ("是否附卷",), v.parse_bool),
    ),
)

PROPERTIES = Spec(
    "properties",
    "涉案财物",
    m.SeizedProperty,
    (
        CASE_NO,
        SEQ,
        Column("description", "财物名称", ("名称",), required=True),
        Column("seized_at", "扣押时间", ("查封扣押冻结时间",), v.parse_datetime),
        Column("list_signed_by_holder", "清单持有人签名", ("持有人签名",), v.parse_bool),
        Column("handed_to_custody_at", "移交保管时间", (), v.parse_datetime),
        Column("found_unrelated_at", "查明无关时间", (), v.parse_datetime),
        Column("released_at", "解除退还时间", ("解除/退还时间", "退还时间"), v.parse_datetime),
        Column("disposed_at", "处理时间", (), v.parse_datetime),
        Column("disposal_type", "处理方式", ()),
        Column("approved_by_chief", "检察长批准", ("经检察长批准",), v.parse_bool),
        Column("enterprise_asset", "涉企财物", ("企业基本户或生产设备", "涉企财物类型"), _asset),
    ),
)

DOCUMENTS = Spec(
    "documents",
    "法律文书",
    m.CaseDocument,
    (
        CASE_NO,
        SEQ,
        Column("doc_type", "文书类型", ("文书名称",), required=True),
        Column("doc_no", "文书号", ("文号",)),
        Column("sign_date", "落款日期", (), v.parse_date),
        Column("generated_at", "系统生成时间", ("生成时间",), v.parse_datetime),
        Column("served_at", "送达时间", (), v.parse_datetime),
        Column("stated_accept_date", "文书载明受理日期", ("载明受理日期",), v.parse_date),
        Column(
            "stated_close_date", "文书载明结案日期", ("载明结案日期", "载明办结日期"), v.parse_date
        ),
        Column("stated_cause", "文书载明罪名", ("载明罪名", "文书罪名")),
        Column("stated_conclusion", "文书载明结论", ("载明结论", "文书结论")),
    ),
)

COMPLAINTS = Spec(
    "complaints",
    "信访投诉",
    m.CaseComplaint,
    (
        CASE_NO,
        SEQ,
        Column("received_at", "收到时间", ("来信来访时间",), v.parse_datetime, required=True),
        Column("procedural_reply_at", "程序性回复时间", (), v.parse_datetime),
        Column("result_reply_at", "答复结果时间", (), v.parse_datetime),
        Column("topic", "事项", ("反映事项",)),
    ),
)

SPECS: dict[str, Spec] = {
    spec.kind: spec
    for spec in (
        CASES,
        SUSPECTS,
        MEASURES,
        INTERROGATIONS,
        AV_INTERRUPTIONS,
        LAWYER_REQUESTS,
        OPINIONS,
        PROPERTIES,
        DOCUMENTS,
        COMPLAINTS,
        *PROCEDURE_SPECS,
        ACCESS_LOGS,
        *OVERSIGHT_SPECS,
        STAT_REPORTS,
        DEFENDERS,
        STAFF_DEPARTURES,
        STAFF_RELATIVES,
        JURISDICTIONS,
    )
}
EVENT_SPECS = {kind: spec for kind, spec in SPECS.items() if not spec.is_case}


def register(spec: Spec) -> None:
    """Add the import kind of an app above cases (from its ``AppConfig.ready``), stored
    through ``spec.writer``: same engine, encodings, per-row errors and idempotence. Kinds
    without a ``key`` are keyed by (部门受案号, 序号) like the process events."""
    if SPECS.get(spec.kind, spec) is not spec:
        raise ValueError(f"import kind {spec.kind} registered twice")
    if spec.writer is None:
        raise ValueError(f"registered kind {spec.kind} needs a writer")
    SPECS[spec.kind] = spec
    if not spec.key:
        EVENT_SPECS[spec.kind] = spec
