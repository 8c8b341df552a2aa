"""No empty boxes: a task is reported with its substance (or a statement of why there is
none), and the office accepts it or returns it with a comment; the same for a reported plan."""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guifan.campaigns import headings, plans, review, services
from guifan.campaigns.models import (
    HeadingRecord,
    MechanismPlan,
    PlanStatus,
    TaskStatus,
    UnitTask,
)
from guifan.campaigns.tests.conftest import fill_headings
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb


def task_of(campaign, unit, kind) -> UnitTask:
    return UnitTask.objects.get(
        track__campaign=campaign, track__kind=kind, unit=unit, department=None
    )


def record_problem(campaign, cast):
    return services.problem_record(
        campaign=campaign,
        unit=cast.unit_a,
        by=cast.liaison_a,
        heading=campaign.checklist.get(kind="heading", label="制度执行"),
        category=campaign.checklist.get(kind="category", label="执行办案规范和纪律不严"),
        description="讯问未全程同步录音录像",
        responsible="反贪污贿赂局",
        measure="重申同录规定",
        deadline=date(2016, 5, 31),
    )


def make_plan(campaign, cast) -> MechanismPlan:
    return plans.plan_create(
        campaign=campaign,
        unit=cast.unit_a,
        by=cast.liaison_a,
        area=campaign.checklist.get(kind="area", label="案件管理"),
        title="涉案财物集中管理办法",
        summary="办案与保管分离",
        owner="案件管理办公室",
        planned_date=date(2016, 4, 30),
    )


def test_self_examination_is_not_reported_without_a_record_under_every_heading(campaign, cast):
    task = task_of(campaign, cast.unit_a, "self_exam")
    with pytest.raises(ValidationError, match="尚未填写：思想教育、内控机制、内部监督、制度执行"):
        services.task_submit(task=task, by=cast.liaison_a, statement="都查了，没有问题")
    heading = campaign.checklist.get(kind="heading", label="思想教育")
    save = headings.heading_record_save
    with pytest.raises(ValidationError, match="检查了什么"):
        save(task=task, heading=heading, by=cast.liaison_a, examined=" ", none_reason="无")
    with pytest.raises(ValidationError, match="说明为何未发现问题"):
        save(task=task, heading=heading, by=cast.liaison_a, examined="查阅学习笔记")
    save(task=task, heading=heading, by=cast.liaison_a, examined="查阅笔记", none_reason="笔记齐全")
    with pytest.raises(ValidationError, match="尚未填写：内控机制、内部监督、制度执行"):
        services.task_submit(task=task, by=cast.liaison_a)
    fill_headings(task, cast.liaison_a, examined="逐项对照检查了 2015 年办结的 126 件案件的卷宗")
    services.task_submit(task=task, by=cast.liaison_a)
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED
    assert HeadingRecord.objects.filter(unit=cast.unit_a, department=None).count() == 4
    entry = Entry.objects.filter(verb=Verb.HEADING_RECORD).latest("seq")
    assert json.loads(entry.payload) | {"heading": "制度执行", "none": True} == json.loads(
        entry.payload
    )


def test_a_heading_with_registered_problems_needs_no_explanation(campaign, cast):
    record_problem(campaign, cast)  # under 制度执行
    task = task_of(campaign, cast.unit_a, "self_exam")
    heading = campaign.checklist.get(kind="heading", label="制度执行")
    done = headings.heading_record_save(
        task=task, heading=heading, by=cast.liaison_a, examined="核对讯问录像起止时间"
    )
    assert done.none_reason == ""
    with pytest.raises(PermissionDenied):
        headings.heading_record_save(
            task=task, heading=heading, by=cast.liaison_b, examined="x", none_reason="y"
        )
    fill_headings(task, cast.liaison_a)
    task = services.task_submit(task=task, by=cast.liaison_a)
    assert task.status == TaskStatus.SUBMITTED


def test_mechanism_needs_a_plan_or_a_reason(campaign, cast):
    task = task_of(campaign, cast.unit_a, "mechanism")
    with pytest.raises(ValidationError, match="制度创新尚无机制建设计划"):
        services.task_submit(task=task, by=cast.liaison_a, statement="  ")
    make_plan(campaign, cast)
    assert services.task_submit(task=task, by=cast.liaison_a).status == TaskStatus.SUBMITTED


def test_the_office_returns_a_task_with_its_comment_and_the_unit_reports_again(campaign, cast):
    record_problem(campaign, cast)
    fill_headings(task_of(campaign, cast.unit_a, "self_exam"), cast.liaison_a)
    task = services.task_submit(task=task_of(campaign, cast.unit_a, "self_exam"), by=cast.liaison_a)
    with pytest.raises(PermissionDenied):
        review.task_decide(task=task, by=cast.liaison_a, accept=True)
    with pytest.raises(ValidationError, match="退回须写明意见"):
        review.task_decide(task=task, by=cast.office, accept=False, comment=" ")
    review.task_decide(task=task, by=cast.office, accept=False, comment="只查了制度执行一个方面")
    task.refresh_from_db()
    assert (task.status, task.review_comment) == (TaskStatus.RETURNED, "只查了制度执行一个方面")
    assert not task.done
    services.task_submit(task=task, by=cast.liaison_a)
    review.task_decide(task=task, by=cast.office, accept=True)
    task.refresh_from_db()
    assert task.status == TaskStatus.ACCEPTED
    assert Entry.objects.filter(verb=Verb.TASK_RETURN).count() == 1
    assert Entry.objects.filter(verb=Verb.TASK_ACCEPT).count() == 1
    with pytest.raises(ValidationError, match="只有已报送的任务"):
        review.task_decide(task=task, by=cast.office, accept=True)


def test_the_office_accepts_or_returns_a_reported_plan(campaign, cast):
    plan = make_plan(campaign, cast)
    document = SimpleUploadedFile("办法.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    plans.plan_move(plan=plan, to="issued", by=cast.liaison_a, upload=document)
    with pytest.raises(ValidationError, match="只有已报送"):
        review.plan_decide(plan=plan, by=cast.office, accept=True)
    plans.plan_move(plan=plan, to="reported", by=cast.liaison_a)
    review.plan_decide(plan=plan, by=cast.office, accept=False, comment="未明确保管部门")
    plan.refresh_from_db()
    assert (plan.status, plan.review_comment) == (PlanStatus.ISSUED, "未明确保管部门")
    plans.plan_move(plan=plan, to="reported", by=cast.liaison_a)
    review.plan_decide(plan=plan, by=cast.office, accept=True)
    plan.refresh_from_db()
    assert plan.accepted_at is not None and plan.status == PlanStatus.REPORTED
    assert Entry.objects.filter(verb=Verb.PLAN_RETURN).exists()


def test_the_task_page_says_what_is_missing_and_the_office_decides_there(campaign, cast, login):
    task = task_of(campaign, cast.unit_a, "self_exam")
    client = login(cast.liaison_a)
    page = client.get(reverse("campaigns:task_detail", args=[task.pk])).content.decode()
    assert "查遗补缺须逐个方面填写记录" in page and "零问题" in page and "未填写" in page
    client.post(reverse("campaigns:task_submit", args=[task.pk]), {"statement": ""})
    task.refresh_from_db()
    assert task.status == TaskStatus.PENDING
    record_url = reverse("campaigns:heading_record", args=[task.pk])
    rows = [
        {"heading": heading.pk, "examined": f"查阅{heading.label}台账", "none_reason": "无"}
        for heading in campaign.checklist.filter(kind="heading")
    ]
    assert login(cast.liaison_b).post(record_url, rows[0]).status_code == 404
    client = login(cast.liaison_a)
    for data in rows:
        client.post(record_url, data)
    page = client.get(reverse("campaigns:task_detail", args=[task.pk])).content.decode()
    assert "查阅内控机制台账" in page and ">未填写<" not in page
    client.post(reverse("campaigns:task_submit", args=[task.pk]), {"statement": "检查了四个方面"})
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED
    # Another unit's liaison may not decide, nor see the task.
    other = login(cast.liaison_b)
    url = reverse("campaigns:task_decide", args=[task.pk])
    assert other.post(url, {"decision": "accept"}).status_code in (403, 404)
    assert other.get(reverse("campaigns:task_detail", args=[task.pk])).status_code == 404
    office = login(cast.office)
    office.post(url, {"decision": "return", "comment": "请补充检查的案件数"})
    task.refresh_from_db()
    assert task.status == TaskStatus.RETURNED
    page = login(cast.liaison_a).get(reverse("campaigns:task_detail", args=[task.pk]))
    assert "请补充检查的案件数" in page.content.decode()


def test_units_without_problems_or_plans_are_flagged_on_the_progress_table(campaign, cast, login):
    record_problem(campaign, cast)
    page = login(cast.office).get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    row_a = page.split('data-unit="970102"')[1].split("</tr>")[0]
    row_b = page.split('data-unit="970103"')[1].split("</tr>")[0]
    assert "零问题" not in row_a and "零计划" in row_a
    assert "零问题" in row_b and "零计划" in row_b
