"""The case-level conclusion: one final grade per case, the 合议 of a 重点评查 case's two
forms, the handler heard, the 审定; 复查 against the 2015 original; the CLI and the pages."""

import io
import json
from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from docx import Document

from guifan.cases.models import Case, OriginalEvaluation
from guifan.core.clock import frozen_at
from guifan.evaluation import export, objections, result_selectors, results, workflow
from guifan.evaluation.models import CaseResult, ResultStatus
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb

from .test_forms import FINDING, clear_rest, team  # noqa: F401

SERIOUS = FINDING | {"severity": "serious", "description": "超期羁押十二日", "rectify": False}


def _answers(form, choice="是"):
    return {q: {"choice": choice, "note": "整改到位，未见同类问题"} for q in form.rubric.questions}


def _fixed(task, *, grade, findings=(), basis="事实清楚，证据确实充分"):
    """The task's form through review and the objection window, by the system."""
    form = workflow.form_for(task)
    form = workflow.form_save(
        form=form,
        by=None,
        version=form.version,
        grade=grade,
        basis=basis,
        answers=_answers(form),
        findings=list(findings),
        clear_dimensions=clear_rest(form, findings),
    )
    workflow.form_submit(form=form, by=None)
    with frozen_at(timezone.make_aware(datetime(2016, 3, 25, 10))):
        workflow.form_approve(form=form, by=None)
    with frozen_at(timezone.make_aware(datetime(2016, 4, 5, 10))):
        objections.forms_finalize_due()
    form.refresh_from_db()
    return form


def _key_case(campaign, cast):
    row = (
        campaign.assignments.values("case")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .order_by("case")
        .first()
    )
    case = Case.objects.get(pk=row["case"])
    Case.objects.filter(pk=case.pk).update(handler=cast.handler.person)
    return list(campaign.assignments.filter(case=case).order_by("pk"))


AT = timezone.make_aware(datetime(2016, 4, 6, 10))


def test_a_key_case_with_two_forms_ends_with_one_final_grade(team, cast):  # noqa: F811
    first, second = _key_case(team, cast)
    _fixed(first, grade="flawed", findings=[FINDING], basis="程序瑕疵")
    result = CaseResult.objects.get(campaign=team, case=first.case)
    assert result.status == ResultStatus.PENDING  # the second form is not fixed yet
    _fixed(second, grade="pass")
    result.refresh_from_db()
    assert (result.status, result.final_grade) == (ResultStatus.DELIBERATION, "")
    common = {"participants": "组长、评查员甲、评查员乙", "opinion": "讯问录像确有中断，属程序瑕疵"}
    with pytest.raises(PermissionDenied):
        results.result_deliberate(result=result, by=cast.evaluator, grade="flawed", **common)
    with pytest.raises(ValidationError, match="请记录不同意见"):
        results.result_deliberate(result=result, by=cast.team_lead, grade="flawed", **common)
    with pytest.raises(ValidationError, match="评为不合格须至少有一个“严重”程度的问题"):
        results.result_deliberate(
            result=result, by=cast.team_lead, grade="fail", dissent="乙认为合格", **common
        )
    with pytest.raises(ValidationError, match="听取承办人说明之后"):
        results.result_approve(
            result=result, by=cast.office, body="committee", grade="flawed", opinion="同意"
        )
    with frozen_at(AT):
        results.result_deliberate(
            result=result,
            by=cast.team_lead,
            grade="flawed",
            dissent="评查员乙认为录像中断有合理解释，应评为合格",
            **common,
        )
        with pytest.raises(ValidationError, match="不能晚于今天"):
            results.result_explain(
                result=result, by=cast.team_lead, explanation="设备故障", heard_on=date(2016, 4, 7)
            )
        results.result_explain(
            result=result,
            by=cast.team_lead,
            explanation="录像中断系设备故障，已书面说明",
            heard_on=date(2016, 4, 6),
        )
        with pytest.raises(PermissionDenied):
            results.result_approve(
                result=result, by=cast.team_lead, body="committee", grade="flawed", opinion="同意"
            )
        results.result_approve(
            result=result,
            by=cast.office,
            body="committee",
            grade="flawed",
            opinion="同意评查组合议意见",
        )
    result.refresh_from_db()
    assert (result.status, result.proposed_grade, result.final_grade) == (
        ResultStatus.FINAL,
        "flawed",
        "flawed",
    )
    assert result.outcome == ""  # not a 复查
    verbs = set(Entry.objects.filter(target_id=str(result.pk)).values_list("verb", flat=True))
    assert {Verb.RESULT_DELIBERATE, Verb.RESULT_EXPLAIN, Verb.RESULT_APPROVE} <= verbs
    # Printed on both forms' 登记表: the 合议 with the dissent and the 审定.
    document = Document(io.BytesIO(export.form_docx(first.form)))
    cells = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "不同意见：评查员乙认为" in cells and "案件评查委员会" in cells


def test_cli_results_never_shows_two_final_grades(team, cast, capsys):  # noqa: F811
    from guifan.cli import main

    first, second = _key_case(team, cast)
    _fixed(first, grade="flawed", findings=[FINDING])
    _fixed(second, grade="pass")
    assert main(["evaluation", "results", "--campaign", str(team.pk), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len({row["case_no"] for row in rows}) == len(rows) == 18  # one row per case
    key = next(row for row in rows if row["case_no"] == first.case.case_no_norm)
    assert key["final_grade"] is None and key["status"] == "deliberation"
    assert sorted(f["final_grade"] for f in key["forms"]) == ["flawed", "pass"]
    assert main(["evaluation", "results", "--campaign", str(team.pk)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 18 and any(line.startswith(first.case.case_no_norm) for line in lines)


def test_one_form_goes_straight_to_hearing_the_handler(team, cast):  # noqa: F811
    task = team.assignments.exclude(case__in=[t.case for t in _key_case(team, cast)]).first()
    _fixed(task, grade="pass")
    result = CaseResult.objects.get(campaign=team, case=task.case)
    assert (result.status, result.proposed_grade) == (ResultStatus.EXPLANATION, "pass")


def _original_2015(case, problems: str = "", rectification: str = ""):
    """The case's 2015 evaluation, graded 合格 by the city's office."""
    return OriginalEvaluation.objects.create(
        case=case,
        seq=1,
        year=2015,
        evaluating_unit="某市人民检察院",
        grade="pass",
        problems=problems,
        rectification=rectification,
        evaluators="9801010001",
    )


def test_a_recheck_keeps_or_changes_the_2015_grade_with_a_reason(team, cast):  # noqa: F811
    task = team.assignments.filter(recheck=True).select_related("case").first()
    _original_2015(task.case)
    _fixed(task, grade="flawed", findings=[FINDING])
    result = CaseResult.objects.get(campaign=team, case=task.case)
    assert result.original_grade == "pass"
    with frozen_at(AT):
        results.result_explain(
            result=result, by=cast.office, explanation="承办人未作说明", heard_on=date(2016, 4, 6)
        )
        with pytest.raises(ValidationError, match="改变原等次的理由"):
            results.result_approve(
                result=result, by=cast.office, body="chief", grade="flawed", opinion="同意"
            )
        results.result_approve(
            result=result,
            by=cast.office,
            body="chief",
            grade="flawed",
            opinion="同意",
            outcome_reason="2015年评查未发现录像中断",
        )
    result.refresh_from_db()
    assert result.get_outcome_display() == "改变原等次"
    rates = result_selectors.reversal_rates(user=cast.office, campaign=team)
    assert rates["total"] == {"n": 1, "changed": 1, "rate": 100.0}
    assert rates["evaluators"][0]["name"] == "9801010001"


def test_grades_must_agree_with_the_findings(team, cast):  # noqa: F811
    task = team.assignments.first()
    form = workflow.form_for(task)

    def submit(grade, findings, basis="依据"):
        nonlocal form
        form = workflow.form_save(
            form=form,
            by=None,
            version=form.version,
            grade=grade,
            basis=basis,
            answers=_answers(form),
            findings=findings,
            clear_dimensions=clear_rest(form, findings),
        )
        workflow.form_submit(form=form, by=None)

    with pytest.raises(ValidationError, match="评为不合格须至少有一个“严重”程度的问题"):
        submit("fail", [])
    with pytest.raises(ValidationError, match="评为优质不能有“严重”程度的问题"):
        submit("excellent", [SERIOUS], basis="具有示范价值")
    with pytest.raises(ValidationError, match="评为优质须在评定依据中写明其示范价值"):
        submit("excellent", [])
    with pytest.raises(ValidationError, match="评为瑕疵须至少有一个“瑕疵”程度的问题"):
        submit("flawed", [FINDING | {"severity": "minor"}])
    submit("fail", [SERIOUS])


def test_the_look_back_answers_are_counted_by_question_and_unit(team, cast):  # noqa: F811
    tasks = list(team.assignments.order_by("pk")[:2])
    form = workflow.form_for(tasks[0])
    partly = _answers(form) | {"案件整改是否到位": {"choice": "部分", "note": "财物移交仍有反复"}}
    for task, answers in zip(tasks, (partly, _answers(form)), strict=True):
        form = workflow.form_for(task)
        form = workflow.form_save(
            form=form,
            by=None,
            version=form.version,
            grade="pass",
            basis="依据",
            answers=answers,
            findings=[],
            clear_dimensions=clear_rest(form, []),
        )
        workflow.form_submit(form=form, by=None)
    counts = result_selectors.lookback_counts(user=cast.office, campaign=team)
    assert counts["overall"]["案件整改是否到位"] == {"部分": 1, "是": 1}
    assert counts["overall"]["规范意识是否提高"] == {"是": 2}
    units = {row[0] for row in counts["unit_rows"]}
    assert units and all(sum(row[2:]) >= 1 for row in counts["unit_rows"])


def test_the_pages_refuse_who_has_no_business_there(team, cast, login):  # noqa: F811
    first, second = _key_case(team, cast)
    _fixed(first, grade="flawed", findings=[FINDING])
    _fixed(second, grade="pass")
    result = CaseResult.objects.get(campaign=team, case=first.case)
    overview = reverse("evaluation:results_overview", args=[team.pk])
    assert "待评查组合议" in login(cast.office).get(overview).text
    dashboard = login(cast.office).get(reverse("web:dashboard")).text
    assert "1 件重点评查案件待评查组合议" in dashboard
    for who in ("liaison_a", "evaluator", "handler", "team_lead"):
        assert login(getattr(cast, who)).get(overview).status_code == 403, who
    detail = reverse("evaluation:result", args=[result.pk])
    assert 'data-testid="deliberate-form"' in login(cast.team_lead).get(detail).text
    assert login(cast.handler).get(detail).status_code == 404  # not final yet
    assert login(cast.liaison_b).get(detail).status_code == 404
    deliberate = reverse("evaluation:result_deliberate", args=[result.pk])
    data = {
        "participants": "甲、乙",
        "opinion": "程序瑕疵",
        "grade": "flawed",
        "dissent": "乙：合格",
    }
    assert login(cast.liaison_a).post(deliberate, data).status_code == 403
    assert login(cast.inspector).post(deliberate, data).status_code == 403
    login(cast.team_lead).post(deliberate, data)
    result.refresh_from_db()
    assert result.status == ResultStatus.EXPLANATION
    approve = reverse("evaluation:result_approve", args=[result.pk])
    assert login(cast.team_lead).post(approve, {"body": "chief"}).status_code == 403
    with frozen_at(AT):
        login(cast.office).post(
            reverse("evaluation:result_explain", args=[result.pk]),
            {"explanation": "承办人未作说明", "heard_on": "2016-04-06"},
        )
        page = login(cast.office).post(
            approve, {"body": "committee", "grade": "flawed", "opinion": "同意"}, follow=True
        )
    assert "评查结论已审定" in page.text
    shown = login(cast.handler).get(detail)
    assert shown.status_code == 200 and "瑕疵" in shown.text
    assert cast.evaluator.person.name not in shown.text  # handlers do not learn who evaluated


def test_the_office_cannot_approve_a_case_it_evaluated(team, cast):  # noqa: F811
    from guifan.core.roles import Role
    from guifan.evaluation import services
    from guifan.testing.factories import grant

    key = _key_case(team, cast)[0].case
    others = team.assignments.exclude(case=key).exclude(evaluator=cast.evaluator.person)
    task = others.exclude(case__unit=cast.evaluator.person.unit).first()
    task = services.assignment_move(
        assignment=task, to=cast.evaluator.person, reason="熟悉该类案件", by=cast.office
    )
    _fixed(task, grade="pass")
    result = CaseResult.objects.get(campaign=team, case=task.case)
    grant(cast.evaluator, Role.OFFICE, cast.city)
    with frozen_at(AT):
        results.result_explain(
            result=result, by=cast.office, explanation="承办人未作说明", heard_on=date(2016, 4, 6)
        )
    with pytest.raises(ValidationError, match="不能审定本案"):
        results.result_approve(
            result=result, by=cast.evaluator, body="committee", grade="pass", opinion="同意"
        )


def test_the_docx_is_one_grid_form_with_every_field(team, cast):  # noqa: F811
    task = team.assignments.filter(recheck=True).select_related("case").first()
    _original_2015(task.case, problems="告知书未附卷", rectification="已补充告知书")
    form = _fixed(task, grade="flawed", findings=[FINDING])
    document = Document(io.BytesIO(export.form_docx(form)))
    assert len(document.tables) == 1  # one grid, not a printout
    grid = [[c.text for c in row.cells] for row in document.tables[0].rows]
    labels = {cell for row in grid for cell in row}
    for label in (
        "统一受案号",
        "部门受案号",
        "案由",
        "承办部门",
        "承办人",
        "结案方式",
        "评查编号",
        "评查种类",
        "评查方式",
        "原评查等次",
        "原发现问题",
        "整改情况",
        "复核人",
        "复核时间",
        "异议时间",
        "等次建议",
        "确定等次",
        "需整改问题",
    ):
        assert label in labels, label
    assert ["原评查年度", "2015", "原评查单位", "某市人民检察院"] in grid
    assert any(row[0] == "办案程序" and "讯问未全程同步录音录像" in row[1] for row in grid)
    assert any(row[0] == "证据采信" and row[1] == "未发现问题" for row in grid)
    assert any(row[0].startswith("审定人（签名）") for row in grid)
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    import openpyxl

    ledger = export.ledger_xlsx(
        export.forms_for_export(type(form).objects.filter(pk=form.pk)),
        title="台账",
        issuer="某市院",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(ledger)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(row for row in values if "部门受案号" in row)
    line = dict(zip(header, values[values.index(header) + 1], strict=True))
    assert (line["原评查等次"], line["确定等次"]) == ("合格", "瑕疵")
    assert {"承办部门", "承办人", "案由", "复查结论", "需整改"} <= set(header)


def test_an_excellent_case_may_state_its_value_in_the_form(team, cast):  # noqa: F811
    task = team.assignments.exclude(case__in=[t.case for t in _key_case(team, cast)]).first()
    _fixed(task, grade="excellent", basis="释法说理透彻，对同类案件具有示范价值")
    result = CaseResult.objects.get(campaign=team, case=task.case)
    with frozen_at(AT):
        results.result_explain(
            result=result, by=cast.office, explanation="承办人未作说明", heard_on=date(2016, 4, 6)
        )
        results.result_approve(
            result=result, by=cast.office, body="committee", grade="excellent", opinion="同意"
        )
    result.refresh_from_db()
    assert result.final_grade == "excellent"
