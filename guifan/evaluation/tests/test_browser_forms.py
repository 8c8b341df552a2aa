"""In a real browser, the 登记表 from first save to final result: the evaluator fills and
submits, the team lead returns it, the evaluator fixes it, the lead approves, the handler
objects, the office decides; the .docx carries the case, findings, answers and grade."""

import io

import pytest
from docx import Document

from guifan.accounts.models import User
from guifan.cases.models import Case
from guifan.demo.services import demo_load
from guifan.evaluation import services
from guifan.evaluation.models import EvaluationForm, FormStatus
from guifan.testing.demo import before_evaluation_began

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def _shots(tmp_path):
    """GUIFAN_SCREENSHOTS=DIR keeps the screenshots for a person to look at."""
    import os
    from pathlib import Path

    return Path(os.environ.get("GUIFAN_SCREENSHOTS") or tmp_path)


def _row(task) -> str:
    return f"[data-testid=my-tasks] tr[data-case='{task.case.case_no_norm}']"


def _recheck_task_of(username: str):
    """A re-check case for the demo evaluator, handled by the demo handler."""
    user = User.objects.get(username=username)
    handler = User.objects.get(username="handler").person
    campaign_tasks = user.person.assignments.model.objects
    task = campaign_tasks.filter(evaluator=user.person, recheck=True).first()
    if task is None:
        other = campaign_tasks.filter(recheck=True).exclude(case__unit=user.person.unit).first()
        task = services.assignment_move(
            assignment=other, to=user.person, reason="熟悉该类案件",
            by=User.objects.get(username="office"),
        )  # fmt: skip
    Case.objects.filter(pk=task.case_id).update(handler=handler)
    return task


def _clear_the_rest(page):
    """Tick 未发现问题 for every dimension that no finding row names, as an evaluator does."""
    page.evaluate(
        """() => {
        const named = new Set([...document.querySelectorAll("select[name$='-dimension']")]
            .map((s) => s.value).filter(Boolean));
        for (const box of document.querySelectorAll("[data-testid=clear]")) {
            box.checked = !named.has(box.value);
        }
    }"""
    )


def test_a_form_from_first_save_to_final(sign_in, tmp_path):
    demo_load(cases=3000)
    before_evaluation_began()
    task = _recheck_task_of("evaluator")
    case_no = task.case.case_no

    evaluator = sign_in("evaluator")
    evaluator.click("text=我的评查任务")
    evaluator.click(
        f"[data-testid=my-tasks] tr[data-case='{task.case.case_no_norm}'] [data-testid=open-form]"
    )
    evaluator.select_option("#id_grade", label="瑕疵")
    evaluator.fill("#id_basis", "程序存在瑕疵，不影响结论")
    for i in range(4):
        evaluator.check(f"#id_q{i}_1")  # 是
    evaluator.check("#id_q1_2")  # 部分, which needs its explanation
    evaluator.fill("#id_q1_note", "2015年指出的同录问题已整改，但录像与笔录时间仍未核对")
    evaluator.select_option("select[name=f0-dimension]", "办案程序")
    evaluator.fill("textarea[name=f0-description]", "第三次讯问未同步录音录像")
    evaluator.select_option("select[name=f0-severity]", label="瑕疵")
    evaluator.fill("input[name=f0-location]", "第二卷第 35 页")
    _clear_the_rest(evaluator)
    evaluator.screenshot(path=str(_shots(tmp_path) / "evaluation-form.png"), full_page=True)
    _submit(evaluator, "[data-testid=submit]")
    assert "已提交评查组长复核" in evaluator.content()

    lead = sign_in("teamlead")
    lead.click("text=待复核登记表")
    lead.click(f"text={case_no}")
    lead.fill("#id_comment", "依据条款请写明")
    _submit(lead, "[data-testid=return]")
    assert "已退回" in lead.content()

    evaluator.click("text=我的评查任务")
    evaluator.click(
        f"[data-testid=my-tasks] tr[data-case='{task.case.case_no_norm}'] [data-testid=open-form]"
    )
    assert "依据条款请写明" in evaluator.content()
    evaluator.fill("input[name=f0-legal_basis]", "《人民检察院刑事诉讼规则（试行）》第二百零一条")
    _submit(evaluator, "[data-testid=submit]")

    lead.click("text=待复核登记表")
    lead.click(f"text={case_no}")
    _submit(lead, "[data-testid=approve]")

    handler = sign_in("handler")
    handler.click("text=我的案件评查结果")
    handler.click(f"text={case_no}")
    handler.fill("#id_reason", "录像设备故障，已附书面说明")
    _submit(handler, "[data-testid=object]")
    assert "异议已提出" in handler.content()

    office = sign_in("office")
    form = EvaluationForm.objects.get(assignment=task)
    office.click("text=专项活动")
    office.click("text=2016年规范司法行为专项整治")
    office.click("[data-testid=draws-link]")
    office.click("[data-testid=assign-link]")
    office.click("[data-testid=overview-link]")
    office.click("text=待决定的异议")
    office.click(f"text={case_no}")
    office.select_option("#id_final", label="合格")
    office.fill("#id_decision", "异议成立，改为合格")
    _submit(office, "[data-testid=decide]")  # the 瑕疵 still stands: refused, in words
    assert "评为合格不能有“瑕疵”程度的问题" in office.content()
    office.check("input[name=withdraw]")
    office.select_option("#id_final", label="合格")
    office.fill("#id_decision", "异议成立，改为合格")
    _submit(office, "[data-testid=decide]")
    assert office.text_content("[data-testid=status]") == "评查意见已确定"
    form.refresh_from_db()
    assert (form.status, form.final_grade) == (FormStatus.FINAL, "pass")

    with office.expect_download() as download:
        office.click("[data-testid=docx]")
    path = tmp_path / "form.docx"
    download.value.save_as(path)
    document = Document(io.BytesIO(path.read_bytes()))
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert case_no in cells and "第三次讯问未同步录音录像" in cells and "第二百零一条" in cells
    assert "部分　2015年指出的同录问题已整改" in cells
    grid = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["等次建议", "瑕疵", "确定等次", "合格"] in grid


def test_a_refused_submit_loses_nothing_and_later_saves_go_through(sign_in):
    """Submitting with a required field empty saves the page and names what is missing; the
    page then carries the new version, so the next autosave, save and submit all succeed."""
    demo_load(cases=3000)
    before_evaluation_began()
    task = _recheck_task_of("evaluator")

    evaluator = sign_in("evaluator")
    evaluator.click("text=我的评查任务")
    evaluator.click(f"{_row(task)} [data-testid=open-form]")
    evaluator.select_option("#id_grade", label="合格")
    for i in range(4):
        evaluator.check(f"#id_q{i}_1")
    _clear_the_rest(evaluator)
    _submit(evaluator, "[data-testid=submit]")  # 评定依据 left empty
    assert "评定依据" in evaluator.text_content("[data-testid=form-error]")
    form = EvaluationForm.objects.get(assignment=task)
    assert form.grade == "pass" and evaluator.input_value("#id_version") == str(form.version)

    evaluator.fill("#id_basis", "实体和程序均符合法律规定")
    evaluator.dispatch_event("#id_basis", "change")
    evaluator.wait_for_selector("#autosave-status :text('已自动保存')")
    form.refresh_from_db()
    assert form.basis == "实体和程序均符合法律规定"

    _submit(evaluator, "[data-testid=save]")
    assert "已保存" in evaluator.content()
    _submit(evaluator, "[data-testid=submit]")
    assert "已提交评查组长复核" in evaluator.content()
    form.refresh_from_db()
    assert form.status == FormStatus.SUBMITTED
