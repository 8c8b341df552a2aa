"""Sentences for draws (随机抽取) and case evaluation (评查)."""

from __future__ import annotations

from guifan.journal.sentences.base import Names, Payload, count, label, plain, says, short
from guifan.journal.verbs import Verb as V

plain(
    {
        V.DRAW_CLOSE: "“{target}”承诺截止（共 {commitments} 方），开始揭示密钥",
        V.DRAW_REVEAL: "{party}揭示“{target}”的密钥，与其承诺值相符",
        V.DRAW_REVEAL_REFUSED: "{party}揭示的密钥与其承诺值不符，被拒绝（{target}）",
        V.DRAW_PUBLIC_VALUE: "为“{target}”录入公开随机值（{source}）：{value}",
        V.RUBRIC_UPDATE: "修改评查登记表标准，形成第 {version} 版",
        V.FORM_START: "开始评查案件 {case}",
        V.FORM_RETURN: "退回案件 {case} 的评查登记表，意见：{comment}",
        V.FORM_OBJECT: "承办检察官对案件 {case} 的评查结果提出异议",
        V.PERIOD_SET: "确定评查时间：{start} 至 {end}，每人每个工作日 {per_day} 件，{mode}",
        V.RESULT_EXPLAIN: "听取案件 {case} 承办人的说明（{heard_on}）",
        V.RESULT_REFER: "将评查不合格的案件 {case} 移送检务督察",
        V.PAPER_HAND_OVER: "案件 {case} 的纸质卷宗 {volumes} 册于 {on} 移交评查人员，"
        "应于 {due} 前归还",
        V.PAPER_RECEIVE: "评查人员于 {on} 签收案件 {case} 的纸质卷宗",
        V.PAPER_RETURN: "案件 {case} 的纸质卷宗于 {on} 归还承办单位",
    }
)


def _grade(value) -> str:
    return label("evaluation.EvaluationForm", "grade", value)


@says(V.DRAW_RULE_UPDATE)
def _draw_rule_update(target: str, p: Payload, n: Names) -> str:
    before = p.get("before") or {}
    names = {"ratio": "比例", "count": "每层人数", "year": "年度"}
    changes = [
        f"{names[key]} {before.get(key) or '—'} → {p.get(key) or '—'}"
        for key in names
        if before.get(key) != p.get(key)
    ]
    return f"修改抽取规则“{target}”：{'；'.join(changes) or '未改数量和年度'}"


@says(V.DRAW_RULE_CREATE)
def _draw_rule_create(target: str, p: Payload, n: Names) -> str:
    population = label("draws.DrawRule", "population", p.get("population"))
    conditions = len(p.get("conditions") or [])
    return (
        f"新增抽取规则“{target}”：{p.get('year', '—')}年{population}，"
        f"抽取比例 {p.get('ratio') or '—'}" + (f"，附加条件 {conditions} 项" if conditions else "")
    )


@says(V.DRAW_FREEZE)
def _draw_freeze(target: str, p: Payload, n: Names) -> str:
    public = f"，事先公布的公开随机值来源：{p['public_source']}" if p.get("public_source") else ""
    return (
        f"冻结“{target}”的抽样框：共 {count(p.get('frame_size'))} 个，"
        f"抽样框哈希 {short(p.get('frame_hash'))}{public}"
    )


@says(V.DRAW_COMMIT)
def _draw_commit(target: str, p: Payload, n: Names) -> str:
    return f"{p.get('party', '—')}为“{target}”提交承诺值 {short(p.get('commitment'))}"


@says(V.DRAW_RESULT)
def _draw_result(target: str, p: Payload, n: Names) -> str:
    return (
        f"“{target}”完成抽取：抽中 {count(p.get('selected_count'))} 个，"
        f"种子 {short(p.get('seed'))}，结果哈希 {short(p.get('result_hash'))}"
    )


@says(V.DRAW_REDO)
def _draw_redo(target: str, p: Payload, n: Names) -> str:
    cleared = f"，撤销已分配的评查任务 {count(p['cleared'])} 项" if count(p.get("cleared")) else ""
    return f"作废“{target}”并重抽，原因：{p.get('reason', '—')}{cleared}"


@says(V.DRAW_MANUAL_ADD)
def _draw_manual_add(target: str, p: Payload, n: Names) -> str:
    line = label("org.Specialty", "line", p.get("line"))
    return f"人工选调库外人员 {n.person(p.get('staff_no'))}（{line}），理由：{p.get('reason', '—')}"


@says(V.ASSIGN_RUN)
def _assign_run(target: str, p: Payload, n: Names) -> str:
    if p.get("feasible") is False:
        return f"为“{target}”分配评查任务未成功：回避和工作量限制下无法分完，现有分配不变"
    return (
        f"为“{target}”分配评查任务：{count(p.get('cases'))} 件案件、"
        f"{count(p.get('evaluators'))} 名评查人员，共 {count(p.get('tasks'))} 项，"
        f"每人 {p.get('min', '—')}–{p.get('max', '—')} 项"
    )


@says(V.ASSIGN_MOVE)
def _assign_move(target: str, p: Payload, n: Names) -> str:
    return (
        f"把案件 {p.get('case', '—')} 的评查任务由 {n.person(p.get('from'))} "
        f"调给 {n.person(p.get('to'))}，原因：{p.get('reason', '—')}"
    )


@says(V.ASSIGN_CHASE)
def _assign_chase(target: str, p: Payload, n: Names) -> str:
    return (
        f"催办超期评查任务 {count(p.get('tasks'))} 项（评查人员 {count(p.get('evaluators'))} 名）"
    )


@says(V.CONFLICT_DECLARE)
def _conflict_declare(target: str, p: Payload, n: Names) -> str:
    relation = label("org.DeclaredConflict", "relation", p.get("relation"))
    shown = target if relation in target else f"{target}（{relation}）"
    return f"{n.person(p.get('person'))}申报回避：{shown}"


@says(V.TEAM_CREATE)
def _team_create(target: str, p: Payload, n: Names) -> str:
    return (
        f"组建评查组“{p.get('name') or target}”：组长 {n.person(p.get('lead'))}，"
        f"组员 {count(p.get('members'))} 名"
    )


@says(V.FORM_SUBMIT)
def _form_submit(target: str, p: Payload, n: Names) -> str:
    return f"提交案件 {p.get('case', target)} 的评查登记表，等次建议：{_grade(p.get('grade'))}"


@says(V.FORM_APPROVE)
def _form_approve(target: str, p: Payload, n: Names) -> str:
    return (
        f"复核通过案件 {p.get('case', target)} 的评查登记表（{_grade(p.get('grade'))}），"
        f"异议期至 {p.get('objection_deadline', '—')}"
    )


@says(V.FORM_FINAL)
def _form_final(target: str, p: Payload, n: Names) -> str:
    changed = "（确定等次与评查建议不同）" if p.get("changed") else ""
    withdrawn = f"，撤销问题 {p['withdrawn']} 个" if p.get("withdrawn") else ""
    return (
        f"案件 {p.get('case', target)} 的评查意见确定：{_grade(p.get('grade'))}{changed}{withdrawn}"
    )


def _result_grade(value) -> str:
    return label("evaluation.CaseResult", "final_grade", value)


@says(V.RESULT_DELIBERATE)
def _result_deliberate(target: str, p: Payload, n: Names) -> str:
    dissent = "，记录了不同意见" if p.get("dissent") else ""
    grade = _result_grade(p.get("grade"))
    due = f"，听取承办人说明期限 {p['explanation_due']}" if p.get("explanation_due") else ""
    return f"评查组合议案件 {p.get('case', target)}：拟定等次 {grade}{dissent}{due}"


@says(V.RESULT_APPROVE)
def _result_approve(target: str, p: Payload, n: Names) -> str:
    body = label("evaluation.CaseResult", "body", p.get("body"))
    outcome = p.get("outcome") and label("evaluation.CaseResult", "outcome", p["outcome"])
    return f"{body}审定案件 {p.get('case', target)} 的评查结论：{_result_grade(p.get('grade'))}" + (
        f"（{outcome}）" if outcome else ""
    )
