"""The values of one 登记表 as the grid form prints them: case, evaluation header, the 原评查
block of a 复查, every dimension with its findings or 未发现问题, the look-back answers, the
grades from proposal to 审定, and the signature lines."""

from __future__ import annotations

from django.utils import timezone

from guifan.evaluation.models import CaseResult, EvaluationForm

SIGN = "（签名）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日"


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def _day(value) -> str:
    return value.isoformat() if value else "—"


def _who(user) -> str:
    if user is None:
        return "—"
    return user.person.name if user.person_id else user.username


def _case_rows(form: EvaluationForm) -> list[tuple]:
    a = form.assignment
    case = a.case
    handler = case.handler.name if case.handler_id else case.handler_name
    judgment = case.judgments.order_by("-judged_on").first()
    closing = case.close_type or "—"
    if judgment is not None:
        closing += f"；{judgment.get_level_display()}{judgment.get_result_display()}"
    return [
        ("head", "一、被评查案件基本情况"),
        ("pair", "统一受案号", case.unified_no or "—", "部门受案号", case.case_no),
        ("wide", "案件名称", case.name),
        ("pair", "案由", case.cause or "—", "案件类别", case.category),
        (
            "pair",
            "承办单位",
            case.unit.name,
            "承办部门",
            case.department.name if case.department_id else "—",
        ),
        ("pair", "承办人", handler or "—", "受理日期", _day(case.accept_date)),
        ("pair", "办结日期", _day(case.close_date), "结案方式", closing),
    ]


def _header_rows(form: EvaluationForm, show_evaluator: bool) -> list[tuple]:
    a = form.assignment
    kind = "复查" if a.recheck else "首次评查"
    evaluator = f"{a.evaluator.name}（{a.evaluator.unit.short_name}）" if show_evaluator else "—"
    return [
        ("head", "二、评查情况"),
        (
            "pair",
            "评查编号",
            f"PC{a.campaign_id:03d}-{form.pk:06d}",
            "评查种类",
            f"{a.reasons}（{kind}）",
        ),
        ("pair", "评查方式", a.get_mode_display(), "评查人员", evaluator),
        ("pair", "提交时间", _when(form.submitted_at), "确定时间", _when(form.finalized_at)),
        ("pair", "评查期限", _day(a.deadline), "需整改问题", f"{_rectify_count(form)} 项"),
    ]


def _rectify_count(form: EvaluationForm) -> int:
    return sum(1 for f in form.findings.all() if f.rectify and not f.withdrawn_at)


def _original_rows(form: EvaluationForm) -> list[tuple]:
    if not form.assignment.recheck:
        return []
    original = form.assignment.case.original_evaluations.order_by("-year", "-seq").first()
    if original is None:
        case = form.assignment.case
        return [
            ("head", "三、原评查情况"),
            (
                "pair",
                "原评查年度",
                str(case.prior_eval_year or "—"),
                "原评查等次",
                case.get_prior_eval_grade_display() or "—",
            ),
            ("wide", "说明", "未导入原评查登记内容"),
        ]
    return [
        ("head", "三、原评查情况"),
        ("pair", "原评查年度", str(original.year), "原评查单位", original.evaluating_unit),
        (
            "pair",
            "原评查等次",
            original.get_grade_display(),
            "原评查人",
            original.evaluators or "—",
        ),
        ("wide", "原发现问题", original.problems or "未发现问题"),
        ("wide", "整改情况", original.rectification or "—"),
    ]


def _finding_text(f) -> str:
    parts = [f.description, f"（{f.get_severity_display()}"]
    parts.append(f"；{f.category}" if f.category else "")
    parts.append(f"；依据：{f.legal_basis}" if f.legal_basis else "")
    parts.append(f"；卷宗位置：{f.location}" if f.location else "")
    parts.append("；需整改）" if f.rectify else "）")
    if f.withdrawn_at:
        parts.append(f"【已撤销：{f.withdrawn_reason}】")
    return "".join(parts)


def _dimension_rows(form: EvaluationForm) -> list[tuple]:
    findings = list(form.findings.all())
    rows = [("head", "评查维度及发现的问题")]
    dimensions = list(form.rubric.dimensions)
    dimensions += [f.dimension for f in findings if f.dimension not in dimensions]
    clear = set(form.clear_dimensions or [])
    for dimension in dimensions:
        mine = [f for f in findings if f.dimension == dimension]
        text = "\n".join(f"{n}. {_finding_text(f)}" for n, f in enumerate(mine, 1))
        # 未发现问题 only where the evaluator ticked it; a dimension left open says so.
        text = text or ("未发现问题" if dimension in clear else "（未作结论）")
        score = (form.scores or {}).get(dimension)
        rows.append(("wide", dimension, text + (f"\n得分：{score}" if score is not None else "")))
    return rows


def _answer_rows(form: EvaluationForm) -> list[tuple]:
    if not form.rubric.questions:
        return []
    rows = [("head", "回头看问题")]
    for question in form.rubric.questions:
        answer = form.answers.get(question) or {}
        if isinstance(answer, str):
            answer = {"choice": "", "note": answer}
        text = f"{answer.get('choice') or '—'}　{answer.get('note') or ''}".strip()
        rows.append(("wide", question, text))
    return rows


def _result_rows(form: EvaluationForm, result: CaseResult | None) -> list[tuple]:
    rows = [
        ("head", "等次及评定依据"),
        (
            "pair",
            "等次建议",
            form.get_grade_display() or "—",
            "确定等次",
            form.get_final_grade_display() or "—",
        ),
        ("wide", "评定依据", form.basis or "—"),
        ("pair", "复核人", _who(form.reviewed_by), "复核时间", _when(form.reviewed_at)),
        ("wide", "复核意见", form.review_comment or "—"),
        ("pair", "异议时间", _when(form.objected_at), "异议理由", form.objection or "无"),
        ("wide", "异议处理意见", form.decision or "—"),
    ]
    if result is None:
        return rows
    if result.deliberated_at:
        rows += [
            (
                "pair",
                "合议时间",
                _when(result.deliberated_at),
                "合议等次",
                result.get_proposed_grade_display(),
            ),
            ("wide", "合议参加人", result.participants),
            (
                "wide",
                "合议意见",
                result.opinion + (f"\n不同意见：{result.dissent}" if result.dissent else ""),
            ),
        ]
    if result.explained_on:
        rows.append(("wide", "承办人说明", f"{result.explanation}（{_day(result.explained_on)}）"))
    if result.approved_at:
        rows += [
            (
                "pair",
                "审定主体",
                result.get_body_display(),
                "审定等次",
                result.get_final_grade_display(),
            ),
            ("pair", "审定人", _who(result.approved_by), "审定时间", _when(result.approved_at)),
            ("wide", "审定意见", result.approval_opinion),
        ]
        if result.outcome:
            reason = f"：{result.outcome_reason}" if result.outcome_reason else ""
            rows.append(("wide", "复查结论", f"{result.get_outcome_display()}{reason}"))
    return rows


def form_data(form: EvaluationForm, *, show_evaluator: bool = True) -> dict:
    """Plain values of one form for the document. Units and handlers do not learn who
    evaluated their cases (``show_evaluator=False``)."""
    a = form.assignment
    result = CaseResult.objects.filter(campaign_id=a.campaign_id, case_id=a.case_id).first()
    signatures = [("sign", f"{who}{SIGN}") for who in ("评查人", "复核人", "审定人")]
    rows = [
        *_case_rows(form),
        *_header_rows(form, show_evaluator),
        *_original_rows(form),
        *_dimension_rows(form),
        *_answer_rows(form),
        *_result_rows(form, result),
        ("head", "签名"),
        *signatures,
    ]
    return {"campaign": a.campaign.name, "rows": rows}
