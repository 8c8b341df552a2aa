"""In a real browser, a 重点评查 case from its two evaluators' forms to one final grade: the
office records the 评查组合议 with the dissent, hears the handler and 审定s the result."""

import pytest
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from guifan.demo.services import demo_load
from guifan.evaluation import objections, workflow
from guifan.evaluation.models import Assignment, CaseResult, ResultStatus
from guifan.testing.demo import before_evaluation_began

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FINDING = {
    "dimension": "办案程序",
    "description": "第三次讯问未同步录音录像",
    "severity": "flaw",
    "location": "第二卷第 35 页",
}


def _fixed(task, grade, findings):
    """One evaluator's form, fixed (reviewed, no objection) without waiting for the window."""
    form = workflow.form_for(task)
    answers = {q: {"choice": "是"} for q in form.rubric.questions}
    form = workflow.form_save(
        form=form,
        by=None,
        version=form.version,
        grade=grade,
        basis="依据",
        answers=answers,
        findings=findings,
        clear_dimensions=[
            d for d in form.rubric.dimensions if d not in {f["dimension"] for f in findings}
        ],
    )
    workflow.form_submit(form=form, by=None)
    workflow.form_approve(form=form, by=None)
    with transaction.atomic():  # as inside the service that fixes a form (row locks)
        objections._finalize(form, None, grade=grade)


def _submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_a_key_case_from_two_forms_to_one_final_grade(sign_in):
    demo_load(cases=1500)
    before_evaluation_began()
    key = (
        Assignment.objects.values("case").annotate(n=Count("pk")).filter(n=2).order_by("case")
    ).first()
    first, second = Assignment.objects.filter(case=key["case"]).order_by("pk")
    _fixed(first, "flawed", [FINDING])
    _fixed(second, "pass", [])
    result = CaseResult.objects.get(case=key["case"])
    assert result.status == ResultStatus.DELIBERATION

    office = sign_in("office")
    base = "/".join(office.url.split("/")[:3])
    office.goto(base + reverse("evaluation:results_overview", args=[result.campaign_id]))
    office.click(f"text={first.case.case_no}")
    office.fill("#id_participants", "评查组长及两名评查人员")
    office.select_option("#id_grade", label="瑕疵")
    office.fill("#id_opinion", "讯问录像确有中断，属程序瑕疵")
    _submit(office, "[data-testid=deliberate]")  # no dissent written: refused, in words
    assert "请记录不同意见" in office.content()
    office.fill("#id_participants", "评查组长及两名评查人员")
    office.select_option("#id_grade", label="瑕疵")
    office.fill("#id_opinion", "讯问录像确有中断，属程序瑕疵")
    office.fill("#id_dissent", "一名评查人员认为应评为合格")
    _submit(office, "[data-testid=deliberate]")
    assert office.text_content("[data-testid=result-status]") == "待听取承办人说明"
    office.fill("#id_explanation", "承办人说明：录像中断系设备故障")
    _submit(office, "[data-testid=explain]")
    office.select_option("#id_body", label="案件评查委员会")
    office.fill("#id_approval_opinion", "同意评查组合议意见")
    _submit(office, "[data-testid=approve-result]")
    assert office.text_content("[data-testid=result-status]") == "已定案"
    assert office.text_content("[data-testid=final]") == "瑕疵"
    assert "一名评查人员认为应评为合格" in office.text_content("[data-testid=deliberation]")
