"""No empty boxes: a task is reported with its substance (or a statement of why there is
none), and the office accepts it or returns it with a comment; the same for a reported plan."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guifan.campaigns import plans, review, services
from guifan.campaigns.models import MechanismPlan, PlanStatus, TaskStatus, UnitTask
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb


def task_of(campaign, unit, kind) -> UnitTask:
    return UnitTask.objects.get(track__campaign=campaign, track__kind=kind, unit=unit)


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


def test_self_examination_is_not_reported_empty(campaign, cast):
    task = task_of(campaign, cast.unit_a, "self_exam")
    with pytest.raises(ValidationError, match="查遗补缺尚未登记任何问题"):
        services.task_submit(task=task, by=cast.liaison_a)
    services.task_submit(
        task=task,
        by=cast.liaison_a,
        statement="逐项对照八个方面检查了 2015 年办结的 126 件案件的卷宗和讯问录像，未发现问题。",
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED and "126 件" in task.statement


def test_self_examination_with_problems_needs_no_statement(campaign, cast):
    record_problem(campaign, cast)
    task = services.task_submit(task=task_of(campaign, cast.unit_a, "self_exam"), by=cast.liaison_a)
    assert task.status == TaskStatus.SUBMITTED


def test_mechanism_needs_a_plan_or_a_reason(campaign, cast):
    task = task_of(campaign, cast.unit_a, "mechanism")
    with pytest.raises(ValidationError, match="制度创新尚无机制建设计划"):
        services.task_submit(task=task, by=cast.liaison_a, statement="  ")
    make_plan(campaign, cast)
    assert services.task_submit(task=task, by=cast.liaison_a).status == TaskStatus.SUBMITTED


def test_the_office_returns_a_task_with_its_comment_and_the_unit_reports_again(campaign, cast):
    record_problem(campaign, cast)
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
    assert "查遗补缺尚未登记任何问题" in page and "零问题" in page
    client.post(reverse("campaigns:task_submit", args=[task.pk]), {"statement": ""})
    task.refresh_from_db()
    assert task.status == TaskStatus.PENDING
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
