"""In a real browser: the office runs the assignment of the demo batch, is refused a hand
move to an evaluator who must recuse, and moves the case to one who may take it."""

import os
from pathlib import Path

import pytest

from guifan.campaigns.models import Campaign
from guifan.cases.models import Case
from guifan.demo.services import demo_load
from guifan.draws.selectors import drawn_evaluators
from guifan.evaluation.services import why_not
from guifan.testing.demo import before_evaluation_began

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_run_then_move_by_hand_with_recusal_enforced(sign_in, tmp_path):
    demo_load(cases=3000)
    before_evaluation_began()
    campaign = Campaign.objects.get()
    office = sign_in("office")
    office.click("text=专项活动")
    office.click("text=2016年规范司法行为专项整治")
    office.click("[data-testid=draws-link]")
    office.click("[data-testid=assign-link]")
    _submit(office, "[data-testid=run]")
    assert "已分配" in office.text_content(".alert-success")
    loads = [
        int(x)
        for x in office.locator("[data-testid=loads] tbody tr td:nth-child(4)").all_text_contents()
    ]
    assert max(loads) - min(loads) <= 1

    # A unit with a drawn evaluator of its own: that evaluator must recuse from its cases.
    people = [d.person for d in drawn_evaluators(campaign=campaign)]
    task = campaign.assignments.filter(case__unit__in=[p.unit_id for p in people]).first()
    insider = next(p for p in people if p.unit_id == task.case.unit_id)
    office.goto(f"{office.url.split('?')[0]}?unit={task.case.unit.code}")
    row = office.locator(
        f"[data-testid=assignments] tr[data-case='{task.case.case_no_norm}']"
    ).first
    row.locator("input[name=to]").fill(insider.staff_no)
    row.locator("input[name=reason]").fill("均衡工作量")
    with office.expect_navigation():
        row.locator("button").click()
    assert "须回避" in office.text_content(".alert-danger")
    assert "不评查本单位" in office.text_content(".alert-danger")

    case = Case.objects.get(pk=task.case_id)
    taken = set(campaign.assignments.filter(case=case).values_list("evaluator_id", flat=True))
    outsider = next(
        p for p in people
        if p.pk not in taken and not why_not(campaign=campaign, person=p, case=case)
    )  # fmt: skip
    office.goto(f"{office.url.split('?')[0]}?unit={task.case.unit.code}")
    row = office.locator(f"[data-testid=assignments] tr[data-case='{case.case_no_norm}']").first
    row.locator("input[name=to]").fill(outsider.staff_no)
    row.locator("input[name=reason]").fill("原评查人员请假")
    with office.expect_navigation():
        row.locator("button").click()
    assert f"改由 {outsider}" in office.text_content(".alert-success")
    assert campaign.assignments.filter(case=case, evaluator=outsider, manual=True).exists()
    office.goto(f"{office.url.split('?')[0]}?manual=1")
    assert "原评查人员请假" in office.text_content("[data-testid=assignments]")
    shots = Path(os.environ.get("GUIFAN_SCREENSHOTS") or tmp_path)
    office.screenshot(path=str(shots / "assignment.png"), full_page=True)

    evaluator = sign_in("evaluator")
    evaluator.click("text=我的评查任务")
    assert evaluator.locator("[data-testid=my-tasks] tbody tr").count() > 0
