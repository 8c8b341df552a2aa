"""The 登记表: saving without lost updates, the review and objection workflow, scoping, and
the .docx in 公文 layout."""

import io
import zipfile
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from guifan.core.clock import frozen_at
from guifan.draws import services as draws
from guifan.draws.models import Draw
from guifan.evaluation import export, objections, services, workflow
from guifan.evaluation.models import Assignment, EvaluationForm, FormStatus
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb

FINDING = {
    "dimension": "办案程序",
    "category": "执行办案规范和纪律不严",
    "description": "讯问未全程同步录音录像",
    "legal_basis": "《人民检察院讯问职务犯罪嫌疑人实行全程同步录音录像的规定》第二条",
    "severity": "flaw",
    "location": "第二卷第 35 页",
    "rectify": True,
}


@pytest.fixture
def team(drawn_campaign, cast):
    """The cast's evaluator added by hand, one team led by the cast's team lead, the batch
    assigned, and the cast's handler handling unit A's cases."""
    draw = Draw.objects.get(rule__campaign=drawn_campaign, rule_code="evaluators")
    draws.draw_add_manual(
        draw=draw, by=cast.office, person=cast.evaluator.person, line="gongsu", reason="补充"
    )
    people = [s.person for s in draw.selections.all()] + [cast.evaluator.person]
    services.team_create(
        campaign=drawn_campaign, by=cast.office, name="第一评查组", lead=cast.team_lead.person,
        members=people,
    )  # fmt: skip
    services.assignment_run(campaign=drawn_campaign, by=cast.office, min_load=0, max_load=19)
    from guifan.cases.models import Case

    Case.objects.filter(unit=cast.unit_a).update(handler=cast.handler.person)
    return drawn_campaign


def _task(campaign, cast, *, recheck=None) -> Assignment:
    tasks = campaign.assignments.filter(evaluator=cast.evaluator.person, case__unit=cast.unit_a)
    if recheck is not None:
        tasks = tasks.filter(recheck=recheck)
    task = tasks.select_related("case").first()
    assert task is not None, "the evaluator has a unit A task"
    return task


def clear_rest(form, findings) -> list[str]:
    """The dimensions without a finding, declared 未发现问题 (as the evaluator must)."""
    found = {f["dimension"] for f in findings}
    return [d for d in form.rubric.dimensions if d not in found]


def _save(form, by, **changes):
    values = {
        "version": form.version, "grade": "flawed", "basis": "程序瑕疵，不影响结论",
        "answers": {q: {"choice": "是"} for q in form.rubric.questions}, "findings": [FINDING],
    } | changes  # fmt: skip
    values.setdefault("clear_dimensions", clear_rest(form, values["findings"]))
    return workflow.form_save(form=form, by=by, **values)


def test_the_whole_workflow_to_a_final_result_and_its_docx(team, cast):
    task = _task(team, cast)
    form = workflow.form_for(task)
    with pytest.raises(ValidationError, match="请先填写"):
        workflow.form_submit(form=form, by=cast.evaluator)
    form = _save(form, cast.evaluator)
    workflow.form_submit(form=form, by=cast.evaluator)
    with pytest.raises(ValidationError, match="复核意见"):
        workflow.form_return(form=form, by=cast.team_lead, comment=" ")
    workflow.form_return(form=form, by=cast.team_lead, comment="依据条款请写到条")
    form.refresh_from_db()
    form = _save(form, cast.evaluator, basis="程序瑕疵（依据第二条），不影响结论")
    workflow.form_submit(form=form, by=cast.evaluator)
    with frozen_at(timezone.make_aware(datetime(2016, 3, 25, 10))):  # a Friday
        workflow.form_approve(form=form, by=cast.team_lead)
    form.refresh_from_db()
    assert form.objection_deadline == date(2016, 4, 1)  # five working days
    with frozen_at(timezone.make_aware(datetime(2016, 3, 28, 10))):
        objections.form_object(form=form, by=cast.handler, reason="录像因设备故障中断，已书面说明")
        with pytest.raises(ValidationError, match="确定的等次"):
            objections.objection_decide(form=form, by=cast.office, grade="", decision="")
        # 合格 while the 瑕疵 stands is refused: the upheld objection withdraws it.
        with pytest.raises(ValidationError, match="评为合格不能有“瑕疵”程度的问题"):
            objections.objection_decide(
                form=form, by=cast.office, grade="pass", decision="异议成立，改为合格"
            )
        finding = form.findings.get()
        objections.objection_decide(
            form=form, by=cast.office, grade="pass", decision="异议成立，改为合格",
            withdraw=[finding.pk],
        )  # fmt: skip
    form.refresh_from_db()
    assert (form.status, form.grade, form.final_grade) == (FormStatus.FINAL, "flawed", "pass")
    finding.refresh_from_db()
    assert finding.withdrawn_reason == "异议成立，改为合格"
    from guifan.rectification.models import Item

    assert not Item.objects.filter(finding=finding).exists()  # withdrawn: not to rectify
    verbs = set(Entry.objects.filter(target_id=str(form.pk)).values_list("verb", flat=True))
    assert {Verb.FORM_START, Verb.FORM_SUBMIT, Verb.FORM_RETURN, Verb.FORM_APPROVE,
            Verb.FORM_OBJECT, Verb.FORM_FINAL} <= verbs  # fmt: skip
    document = Document(io.BytesIO(export.form_docx(form)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "案件评查登记表" in text
    grid = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["等次建议", "瑕疵", "确定等次", "合格"] in grid  # the proposal kept beside
    assert task.case.case_no in cells and "讯问未全程同步录音录像" in cells
    assert "已撤销：异议成立，改为合格" in cells
    section = document.sections[0]
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    title = document.paragraphs[0].runs[0]
    assert title.font.size.pt == 22
    assert (
        title._element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "方正小标宋简体"
    )


def test_a_recheck_needs_the_four_look_back_answers_and_prints_them(team, cast):
    task = team.assignments.filter(recheck=True).exclude(evaluator=cast.evaluator.person).first()
    task = services.assignment_move(
        assignment=task, to=cast.evaluator.person, reason="熟悉该类案件", by=cast.office
    )
    form = _save(workflow.form_for(task), cast.evaluator, answers={})
    with pytest.raises(ValidationError, match="“规范意识是否提高”请选择是、部分或否"):
        workflow.form_submit(form=form, by=cast.evaluator)
    vague = {q: {"choice": "否", "note": "x"} for q in form.rubric.questions}
    form = _save(form, cast.evaluator, answers=vague)
    with pytest.raises(ValidationError, match="“案件整改是否到位”答“否”须具体说明情况"):
        workflow.form_submit(form=form, by=cast.evaluator)
    answers = {q: {"choice": "部分", "note": f"答：{q}，个别未到位"} for q in form.rubric.questions}
    form = _save(form, cast.evaluator, answers=answers)
    workflow.form_submit(form=form, by=cast.evaluator)
    document = Document(io.BytesIO(export.form_docx(form)))
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "规范意识是否提高" in cells and "部分" in cells and "答：程序漏洞是否扎紧" in cells


def test_the_same_form_open_twice_refuses_the_second_save_and_loses_nothing(team, cast, client):
    task = _task(team, cast)
    workflow.form_for(task)
    url = reverse("evaluation:form", args=[task.pk])
    client.force_login(cast.evaluator)
    first_tab = client.get(url).text
    assert 'name="version" id="id_version" value="0"' in first_tab
    common = {"version": "0", "finding_rows": "0", "action": "save"}
    assert (
        client.post(url, common | {"grade": "pass", "basis": "第一个窗口的意见"}).status_code == 302
    )
    second = client.post(url, common | {"grade": "fail", "basis": "第二个窗口写的很长的意见"})
    assert second.status_code == 409
    assert "已在别处保存过" in second.text
    assert "第二个窗口写的很长的意见" in second.text  # still on the page to copy
    # The refused page keeps its old version: its next (auto)save is refused as well.
    assert 'name="version" id="id_version" value="0"' in second.text
    form = task.form
    form.refresh_from_db()
    assert (form.basis, form.grade, form.version) == ("第一个窗口的意见", "pass", 1)


def test_autosave_answers_with_the_new_version_or_the_conflict(team, cast, client):
    task = _task(team, cast)
    workflow.form_for(task)
    url = reverse("evaluation:form", args=[task.pk])
    client.force_login(cast.evaluator)
    data = {"version": "0", "finding_rows": "0", "action": "autosave", "basis": "草稿"}
    saved = client.post(url, data, HTTP_HX_REQUEST="true")
    assert "已自动保存" in saved.text and 'value="1"' in saved.text
    again = client.post(url, data, HTTP_HX_REQUEST="true")
    assert "已在别处保存过" in again.text


def test_a_finding_without_a_description_is_refused_in_words(team, cast):
    form = workflow.form_for(_task(team, cast))
    with pytest.raises(ValidationError, match="第 1 个问题：请填写问题描述"):
        _save(form, cast.evaluator, findings=[FINDING | {"description": ""}])


def test_the_objection_window_closes_and_results_become_final(team, cast):
    form = _save(workflow.form_for(_task(team, cast)), cast.evaluator)
    workflow.form_submit(form=form, by=cast.evaluator)
    with frozen_at(timezone.make_aware(datetime(2016, 3, 25, 10))):
        workflow.form_approve(form=form, by=cast.team_lead)
    with frozen_at(timezone.make_aware(datetime(2016, 4, 5, 10))):
        with pytest.raises(ValidationError, match="异议期已过"):
            objections.form_object(form=form, by=cast.handler, reason="迟到的异议")
        assert objections.forms_finalize_due() == 1
    form.refresh_from_db()
    assert (form.status, form.final_grade) == (FormStatus.FINAL, "flawed")


def test_only_the_right_people_act_on_a_form(team, cast, login):
    task = _task(team, cast)
    form = _save(workflow.form_for(task), cast.evaluator)
    assert login(cast.liaison_a).get(reverse("evaluation:form", args=[task.pk])).status_code == 403
    other = team.assignments.exclude(evaluator=cast.evaluator.person).first()
    assert login(cast.evaluator).get(reverse("evaluation:form", args=[other.pk])).status_code == 404
    detail = reverse("evaluation:form_detail", args=[form.pk])
    # The handler and the unit see nothing before the result is fed back, the team lead does.
    assert login(cast.handler).get(detail).status_code == 404
    assert login(cast.liaison_a).get(detail).status_code == 404
    assert login(cast.liaison_b).get(detail).status_code == 404
    assert login(cast.team_lead).get(detail).status_code == 200
    workflow.form_submit(form=form, by=cast.evaluator)
    review = reverse("evaluation:review", args=[form.pk])
    assert login(cast.evaluator).post(review, {"action": "approve"}).status_code == 403
    assert login(cast.office).post(review, {"action": "approve"}).status_code == 403
    login(cast.team_lead).post(review, {"action": "approve"})
    form.refresh_from_db()
    assert form.status == FormStatus.APPROVED
    assert login(cast.handler).get(detail).status_code == 200
    assert login(cast.liaison_a).get(detail).status_code == 404  # units: final results only
    decide = reverse("evaluation:decide", args=[form.pk])
    assert login(cast.handler).post(decide, {"grade": "pass", "decision": "x"}).status_code == 403
    assert login(cast.evaluator).get(reverse("evaluation:docx", args=[form.pk])).status_code == 200
    assert login(cast.liaison_b).get(reverse("evaluation:docx", args=[form.pk])).status_code == 404


def test_a_started_campaigns_rubric_is_frozen(team, cast):
    with pytest.raises(ValidationError, match="已冻结"):
        workflow.rubric_update(campaign=team, by=cast.office, scheme="2026", dimensions=["x"],
                               categories=[], questions=[])  # fmt: skip


def _final_form(team, cast):
    form = _save(workflow.form_for(_task(team, cast)), cast.evaluator)
    workflow.form_submit(form=form, by=cast.evaluator)
    with frozen_at(timezone.make_aware(datetime(2016, 3, 25, 10))):
        workflow.form_approve(form=form, by=cast.team_lead)
    with frozen_at(timezone.make_aware(datetime(2016, 4, 5, 10))):
        objections.forms_finalize_due()
    form.refresh_from_db()
    return form


def test_the_office_overview_and_downloads(team, cast, login):
    form = _final_form(team, cast)
    url = reverse("evaluation:overview", args=[team.pk])
    page = login(cast.office).get(url).text
    assert "瑕疵" in page and "执行办案规范和纪律不严" in page
    assert "需整改的问题 1 项" in page
    for who in ("evaluator", "team_lead", "liaison_a", "handler"):
        assert login(getattr(cast, who)).get(url).status_code == 403, who
    download = login(cast.office).get(
        reverse("evaluation:download", args=[team.pk]), {"status": "final"}
    )
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert names == [export.docx_name(form), f"{team.name}案件评查登记表.xlsx"]
    assert (
        login(cast.liaison_a).get(reverse("evaluation:download", args=[team.pk])).status_code == 403
    )
    # Final results are shown to the unit of the case, not to other units.
    detail = reverse("evaluation:form_detail", args=[form.pk])
    assert login(cast.liaison_a).get(detail).status_code == 200
    assert login(cast.liaison_b).get(detail).status_code == 404


def test_cli_export_writes_the_same_files(team, cast, tmp_path, capsys):
    from guifan.cli import main

    form = _final_form(team, cast)
    out = tmp_path / "forms.zip"
    assert (
        main(["evaluation", "export", "--campaign", str(team.pk), "--status", "final", str(out)])
        == 0
    )
    names = zipfile.ZipFile(out).namelist()
    assert names == [export.docx_name(form), "案件评查登记表.xlsx"]
    assert "1 份登记表" in capsys.readouterr().out


@pytest.mark.skipif(not export.pdf_available(), reason="LibreOffice is not installed here")
def test_pdf_through_libreoffice(team, cast):
    assert export.to_pdf(export.form_docx(_final_form(team, cast))).startswith(b"%PDF")


def test_the_dashboard_tells_each_person_their_next_step(team, cast, login):
    dashboard = reverse("web:dashboard")
    assert "件案件待评查" in login(cast.evaluator).get(dashboard).text
    form = _save(workflow.form_for(_task(team, cast)), cast.evaluator)
    workflow.form_submit(form=form, by=cast.evaluator)
    assert "1 份登记表待复核" in login(cast.team_lead).get(dashboard).text
    workflow.form_approve(form=form, by=cast.team_lead)
    assert "评查结果已反馈" in login(cast.handler).get(dashboard).text
    objections.form_object(form=form, by=cast.handler, reason="有异议")
    assert "1 件评查结果异议待决定" in login(cast.office).get(dashboard).text
    page = login(cast.liaison_b).get(dashboard).text
    assert not any(
        text in page for text in ("件案件待评查", "待复核", "评查结果已反馈", "异议待决定")
    )


def test_late_evaluators_are_chased_up(team, cast, login):
    chase = reverse("evaluation:chase", args=[team.pk])
    assert login(cast.inspector).post(chase).status_code == 403
    with frozen_at(timezone.make_aware(datetime(2016, 4, 6, 10))):  # after the 3月31日 deadline
        page = login(cast.office).post(
            chase, {"evaluator": cast.evaluator.person.staff_no}, follow=True
        )
        assert "已向 1 名评查人员发出催办" in page.text
        assert "已催办 1 次" in login(cast.evaluator).get(reverse("web:dashboard")).text
    assert Entry.objects.filter(verb=Verb.ASSIGN_CHASE).count() == 1
    assert (
        not team.assignments.exclude(evaluator=cast.evaluator.person)
        .filter(chase_count__gt=0)
        .exists()
    )


def test_the_office_adjusts_the_rubric_of_a_draft_campaign(cast, login):
    from guifan.campaigns import services as campaigns

    draft = campaigns.campaign_create_from_template(
        template="look_back", year=2017, issuing_unit=cast.city, by=cast.office
    )
    url = reverse("evaluation:rubric", args=[draft.pk])
    assert login(cast.liaison_a).get(url).status_code == 403
    data = {
        "scheme": "2026",
        "dimensions": "证据采信\n事实认定\n\n",
        "categories": "甲\n乙",
        "questions": "",
    }
    assert login(cast.inspector).post(url, data).status_code == 403 or not draft.rubrics.filter(
        version=2
    )
    response = login(cast.office).post(url, data)
    assert response.status_code == 302
    rubric = draft.rubrics.first()
    assert (rubric.version, rubric.scheme, rubric.dimensions) == (
        2,
        "2026",
        ["证据采信", "事实认定"],
    )
    assert [label for _, label in rubric.grades] == ["优质", "合格", "基本合格", "不合格"]
    campaigns.campaign_start(campaign=draft, by=cast.office)
    page = login(cast.office).get(url).text
    assert "标准已冻结" in page


def test_nobody_reviews_their_own_form_and_forms_outside_teams_go_to_the_office(team, cast):
    from guifan.core.roles import Role
    from guifan.testing.factories import grant

    task = _task(team, cast)
    services_team = task.team
    task.team = None
    task.save(update_fields=["team"])
    form = _save(workflow.form_for(task), cast.evaluator)
    workflow.form_submit(form=form, by=cast.evaluator)
    grant(cast.evaluator, Role.TEAM_LEAD, cast.unit_b)
    assert not workflow.may_review(cast.evaluator, form)
    assert not workflow.may_review(cast.team_lead, form)  # not their team's
    assert workflow.may_review(cast.office, form)
    workflow.form_approve(form=form, by=cast.office)
    assert services_team is not None


def test_reassigning_after_a_form_was_only_opened_does_not_fail(team, cast):
    workflow.form_for(_task(team, cast))  # opened, never saved
    run = services.assignment_run(campaign=team, by=cast.office, min_load=0, max_load=19)
    assert run.feasible


def test_handlers_do_not_learn_who_evaluated_them(team, cast, login):
    form = _save(workflow.form_for(_task(team, cast)), cast.evaluator)
    workflow.form_submit(form=form, by=cast.evaluator)
    workflow.form_approve(form=form, by=cast.team_lead)
    name = cast.evaluator.person.name
    url = reverse("evaluation:docx", args=[form.pk])
    for who, shown in (("handler", False), ("office", True), ("evaluator", True)):
        document = Document(io.BytesIO(login(getattr(cast, who)).get(url).content))
        cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
        assert (name in cells) is shown, who


def test_a_finding_row_with_anything_in_it_is_checked_not_dropped(team, cast, client):
    task = _task(team, cast)
    workflow.form_for(task)
    client.force_login(cast.evaluator)
    url = reverse("evaluation:form", args=[task.pk])
    data = {"version": "0", "finding_rows": "1", "action": "save", "f0-dimension": "办案程序"}
    page = client.post(url, data)
    assert "第 1 个问题：请填写问题描述" in page.text
    bad = client.post(url, {"version": "x", "finding_rows": "many", "action": "save"})
    assert bad.status_code == 409


def test_every_run_of_the_docx_carries_its_east_asian_font(team, cast):
    form = _save(workflow.form_for(_task(team, cast)), cast.evaluator, basis="含控制字符\x0b的依据")
    document = Document(io.BytesIO(export.form_docx(form)))
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [
        r
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    east_asian = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert runs and all(r._element.rPr.rFonts.get(east_asian) for r in runs)
    sizes = {r.font.size.pt for r in runs}
    assert sizes <= {22, 16, 12}


def test_a_final_result_puts_its_findings_to_rectify_on_the_list_once(team, cast):
    from guifan.rectification.models import Item, Source

    task = _task(team, cast)
    kept = FINDING | {"rectify": False, "description": "卷宗装订顺序不规范"}
    form = _save(workflow.form_for(task), cast.evaluator, findings=[FINDING, kept])
    workflow.form_submit(form=form, by=cast.evaluator)
    with frozen_at(timezone.make_aware(datetime(2016, 3, 25, 10))):
        workflow.form_approve(form=form, by=cast.team_lead)
    assert not Item.objects.exists()  # not before the result is final
    with frozen_at(timezone.make_aware(datetime(2016, 4, 5, 10))):
        objections.forms_finalize_due()
    item = Item.objects.get()
    assert item.source == Source.EVALUATION and item.finding.form_id == form.pk
    assert (item.unit, item.handler) == (task.case.unit, cast.handler.person)
    assert item.category == "执行办案规范和纪律不严"
    assert task.case.case_no in item.description and "第二条" in item.description
    assert (item.found_on, item.deadline) == (date(2016, 4, 5), date(2016, 5, 5))
    from guifan.rectification.services import items_from_form

    assert items_from_form(form) == [] and Item.objects.count() == 1


def test_a_finding_to_rectify_needs_its_category(team, cast):
    form = workflow.form_for(_task(team, cast))
    with pytest.raises(ValidationError, match="需整改的问题请选择问题类别"):
        _save(form, cast.evaluator, findings=[FINDING | {"category": ""}])


def test_a_result_with_findings_to_rectify_holds_the_campaign_open_until_final(team, cast):
    from guifan.rectification.gate import campaign_gate

    form = _save(workflow.form_for(_task(team, cast)), cast.evaluator)
    workflow.form_submit(form=form, by=cast.evaluator)
    with frozen_at(timezone.make_aware(datetime(2016, 3, 25, 10))):
        workflow.form_approve(form=form, by=cast.team_lead)
    gate = campaign_gate(team)
    assert [(b.kind, b.id) for b in gate.evaluations] == [("evaluation", form.pk)]
    assert "尚未定案" in gate.summary()
    with frozen_at(timezone.make_aware(datetime(2016, 4, 5, 10))):
        objections.forms_finalize_due()
    gate = campaign_gate(team)
    assert gate.evaluations == [] and [b.kind for b in gate.items] == ["rectification"]


def test_opening_a_task_creates_nothing_until_the_evaluator_starts_it(team, cast, login):
    task = _task(team, cast)
    url = reverse("evaluation:form", args=[task.pk])
    client = login(cast.evaluator)
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="start-form"' in page.text
    assert not EvaluationForm.objects.filter(assignment=task).exists()
    started = client.post(url, {"action": "start"})
    assert started["Location"] == url
    assert EvaluationForm.objects.filter(assignment=task).count() == 1
    assert 'data-testid="evaluation-form"' in client.get(url).text
    client.post(url, {"action": "start"})  # a second click makes no second form
    assert EvaluationForm.objects.filter(assignment=task).count() == 1
