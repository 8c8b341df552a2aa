"""Sentences for the campaign's work: campaigns, complaints and rectification."""

from __future__ import annotations

from guifan.journal.sentences.base import Names, Payload, count, label, late, plain, says, short
from guifan.journal.verbs import Verb as V

plain(
    {
        V.CAMPAIGN_CREATE: "按模板创建活动“{target}”（{year} 年，{units} 个单位参加）",
        V.CAMPAIGN_START: "启动活动“{target}”，向各单位下发任务 {tasks} 项",
        V.REPORT_RETURN: "退回“{target}”第 {version} 版，要求修改",
        V.REPORT_ACCEPT: "通过“{target}”第 {version} 版",
        V.TASK_ACCEPT: "审核通过单位任务“{target}”",
        V.TASK_RETURN: "退回单位任务“{target}”：{comment}",
        V.PLAN_ACCEPT: "审核通过机制建设计划“{target}”",
        V.PLAN_RETURN: "退回机制建设计划“{target}”：{comment}",
        V.NORM_REGISTER: "登记新出台规范“{target}”（{number}），交 {units} 个单位贯彻落实",
        V.COMPLAINT_LINK: "将群众反映“{target}”关联到自查问题（编号 {problem}）",
        V.COMPLAINT_INVESTIGATE: "保存群众反映“{target}”的调查核实情况",
        V.RECTIFY_RETURN: "退回整改（第 {returns} 次）：{target}",
        V.RECTIFY_CLOSE: "核查通过，整改销号：{target}",
        V.RECURRENCE_DETECT: (
            "发现改后又复发：{target}（与 {earlier_closed} 销号的同一问题相同，类别“{category}”）"
        ),
        V.RECURRENCE_HANDLE: "处置改后又复发问题：{target}",
    }
)


def _campaign_status(value) -> str:
    return label("campaigns.Campaign", "status", value)


@says(V.CAMPAIGN_CHASE)
def _campaign_chase(target: str, p: Payload, n: Names) -> str:
    return f"催办{target}：{'、'.join(p.get('tasks') or []) or '超期任务'}"


@says(V.CAMPAIGN_STATUS)
def _campaign_status_change(target: str, p: Payload, n: Names) -> str:
    before, after = _campaign_status(p.get("from")), _campaign_status(p.get("to"))
    return f"活动“{target}”由“{before}”进入“{after}”阶段"


@says(V.TASK_SUBMIT)
def _task_submit(target: str, p: Payload, n: Names) -> str:
    return f"报送任务“{target}”{late(p)}"


@says(V.HEADING_RECORD)
def _heading_record(target: str, p: Payload, n: Names) -> str:
    who = p.get("department") or ""
    outcome = "，说明未发现问题" if p.get("none") else ""
    return f"{who}填写查遗补缺记录（{p.get('heading', '—')}）{outcome}：{target}"


@says(V.PROBLEM_RECORD)
def _problem_record(target: str, p: Payload, n: Names) -> str:
    return (
        f"{n.unit(p.get('unit'))}登记自查问题（{p.get('heading', '—')}，"
        f"类别：{p.get('category', '—')}）：{target}"
    )


@says(V.PLAN_CREATE)
def _plan_create(target: str, p: Payload, n: Names) -> str:
    return f"{n.unit(p.get('unit'))}登记机制建设计划（{p.get('area', '—')}）：{target}"


@says(V.PLAN_STATUS)
def _plan_status(target: str, p: Payload, n: Names) -> str:
    before = label("campaigns.MechanismPlan", "status", p.get("from"))
    after = label("campaigns.MechanismPlan", "status", p.get("to"))
    document = "，附制度文件" if p.get("document") else ""
    return f"机制建设计划“{target}”由“{before}”改为“{after}”{document}"


@says(V.REPORT_SAVE)
def _report_save(target: str, p: Payload, n: Names) -> str:
    files = f"，新增附件 {count(p['attachments'])} 个" if count(p.get("attachments")) else ""
    return f"保存“{target}”草稿{files}"


@says(V.DOCUMENT_REQUEST)
def _document_request(target: str, p: Payload, n: Names) -> str:
    return f"生成“{target}”的{p.get('kind_label', '报告')}"


@says(V.NARRATIVE_SAVE)
def _narrative_save(target: str, p: Payload, n: Names) -> str:
    changed = "、".join(p.get("changed") or []) or "无"
    return f"保存“{target}”总结报告文稿第 {p.get('version', '—')} 版（修改：{changed}）"


@says(V.REPORT_SUBMIT)
def _report_submit(target: str, p: Payload, n: Names) -> str:
    return f"报送“{target}”第 {p.get('version', '—')} 版{late(p)}"


@says(V.COMPLAINT_REGISTER)
def _complaint_register(target: str, p: Payload, n: Names) -> str:
    channel = label("complaints.Complaint", "channel", p.get("channel"))
    return f"登记群众反映“{target}”（{channel}，反映{n.unit(p.get('unit'))}）"


@says(V.COMPLAINT_ASSIGN)
def _complaint_assign(target: str, p: Payload, n: Names) -> str:
    to = p.get("to") or ""
    whom = n.units.get(to) or (f"纪检监察（账号 {to}）" if to else "—")
    return f"将群众反映“{target}”交{whom}调查核实，办结期限 {p.get('deadline', '—')}"


@says(V.COMPLAINT_CONCLUDE)
def _complaint_conclude(target: str, p: Payload, n: Names) -> str:
    conclusion = label("complaints.Complaint", "conclusion", p.get("conclusion"))
    items = f"，列入整改清单 {count(p['items'])} 项" if count(p.get("items")) else ""
    return f"办结群众反映“{target}”：{conclusion}（证明材料 {count(p.get('evidence'))} 份）{items}"


@says(V.RECTIFY_CREATE)
def _rectify_create(target: str, p: Payload, n: Names) -> str:
    source = label("rectification.Item", "source", p.get("source"))
    return (
        f"列入整改清单：{target}（来源：{source}；类别：{p.get('category', '—')}；"
        f"整改时限 {p.get('deadline', '—')}）"
    )


@says(V.RECTIFY_START)
def _rectify_start(target: str, p: Payload, n: Names) -> str:
    verb = "修改整改措施" if p.get("revised") else "开始整改，填写整改措施和责任人"
    return f"{verb}：{target}"


@says(V.RECTIFY_SUBMIT)
def _rectify_submit(target: str, p: Payload, n: Names) -> str:
    return f"报送整改情况（证明材料 {count(p.get('evidence'))} 份）{late(p)}：{target}"


@says(V.RECTIFY_CHASE)
def _rectify_chase(target: str, p: Payload, n: Names) -> str:
    return f"催办{target}的整改事项 {count(p.get('items'))} 项"


@says(V.CHECKS_RUN)
def _checks_run(target: str, p: Payload, n: Names) -> str:
    scope = n.unit(p["unit"]) + "及下级院" if p.get("unit") else "全部单位"
    return (
        f"运行智能辅助评查（{scope}，基准日 {p.get('as_of', '—')}）：检查案件 "
        f"{p.get('cases', 0)} 件、规则 {count(p.get('rules'))} 条，问题 {p.get('findings', 0)} 个"
        f"（新发现 {p.get('added', 0)} 个，不再成立 {p.get('closed', 0)} 个）；输入摘要 "
        f"{short(p.get('input_hash'))}，结果摘要 {short(p.get('output_hash'))}"
    )


@says(V.FINDING_CONFIRM, V.FINDING_DISMISS)
def _finding_decide(target: str, p: Payload, n: Names) -> str:
    if p.get("status") == "confirmed":
        item = f"，列入整改清单（编号 {p['item']}）" if p.get("item") else ""
        return f"确认检查发现的问题：{target}{item}"
    return f"排除检查发现的问题：{target}（理由：{p.get('reason') or '—'}）"


@says(V.NOTICE_ISSUE)
def _notice_issue(target: str, p: Payload, n: Names) -> str:
    return (
        f"向承办检察官{p.get('handler') or '—'}发出{target}：{p.get('period') or '期限'}"
        f"{p.get('deadline') or '—'}届满，要求 {p.get('reply_by') or '—'} 前回复"
    )


@says(V.NOTICE_REPLY)
def _notice_reply(target: str, p: Payload, n: Names) -> str:
    return f"回复{target}{'（逾期回复）' if p.get('late') else ''}"


def _calendar_day(p: Payload) -> str:
    what = "放假" if p.get("kind") == "holiday" else "上班"
    note = f"（{p['note']}）" if p.get("note") else ""
    return f"{p.get('day') or '—'} {what}{note}"


@says(V.CALENDAR_DAY_ADD)
def _calendar_day_add(target: str, p: Payload, n: Names) -> str:
    return f"登记节假日调整：{_calendar_day(p)}"


@says(V.CALENDAR_DAY_REMOVE)
def _calendar_day_remove(target: str, p: Payload, n: Names) -> str:
    return f"删除节假日调整：{_calendar_day(p)}"


@says(V.BASELINE_UPDATE)
def _baseline_update(target: str, p: Payload, n: Names) -> str:
    return f"按导入文件更新 2015 年台账“{target}”（{'、'.join(p.get('fields') or [])}）"


@says(V.NORM_ADOPT)
def _norm_adopt(target: str, p: Payload, n: Names) -> str:
    status = label("campaigns.NormAdoption", "status", p.get("status"))
    return f"填报规范落实情况：{target}（{status}）"


@says(V.INQUIRY_RECORD)
def _inquiry_record(target: str, p: Payload, n: Names) -> str:
    category = label("inquiries.InquiryRecord", "category", p.get("category"))
    behaviour = label("inquiries.InquiryRecord", "behaviour", p.get("behaviour"))
    marks = "".join(
        text
        for key, text in (
            ("improper", "，属违规干预"),
            ("affected", "，已影响案件办理（立即报告）"),
        )
        if p.get(key)
    )
    return f"{n.unit(p.get('unit'))}登记过问案件记录“{target}”（{category}，{behaviour}{marks}）"


@says(V.INQUIRY_RECEIVE)
def _inquiry_receive(target: str, p: Payload, n: Names) -> str:
    return f"纪检监察接收立即报告的过问案件记录“{target}”并提出处理意见"


@says(V.INQUIRY_NOTIFY)
def _inquiry_notify(target: str, p: Payload, n: Names) -> str:
    return f"{n.unit(p.get('unit'))}通报违规干预（过问案件记录“{target}”）"


@says(V.INQUIRY_REPORT)
def _inquiry_report(target: str, p: Payload, n: Names) -> str:
    what = "零报告" if p.get("zero") else f"登记 {p.get('total', 0)} 件"
    return f"报送“{target}”过问案件情况（{what}）{late(p)}"
