"""A hand-made campaign whose figures are known: the tests below count them by hand.

On 2016-04-05 (after the 3月31日 deadline of every track):
- tasks: 甲区 handed in 查遗补缺 on 3/20 and 开展情况报送 on 4/2 (late); everything else owed;
- problems: 甲区 two (执行办案规范…), 乙县 one (司法作风…), and one of 乙县 found on 4/10,
  which must not be counted on 4/5; one of 甲区's items closed late, the other overdue;
- results: 甲区 优质 (新评查, final) and 合格 (重点评查 by two evaluators, final), 乙县 瑕疵
  (复查, approved: in the objection period) and one form still being filled in;
- 回头看 answers (规范意识是否提高): 甲区 是, 是, 部分; 乙县 否 (and 是 on the unfinished form,
  not counted); 案件整改是否到位: 甲区 否; 制度执行是否有力: 乙县 是;
- check findings (fixture ``checked``): R1-03 in 甲区 confirmed twice and pending once, R1-04
  in 乙县 dismissed once and pending-but-no-longer-holding once.
"""

from datetime import date, datetime

import pytest
from django.utils import timezone

from guifan.campaigns import services as campaigns
from guifan.campaigns.models import TaskStatus, UnitTask
from guifan.cases.models import Grade
from guifan.checks.models import Finding, Run, RunStatus
from guifan.core.clock import frozen_at
from guifan.evaluation.models import Assignment, EvaluationForm, FormStatus
from guifan.evaluation.workflow import rubric_for
from guifan.rectification.models import Item, ItemStatus
from guifan.testing.factories import CaseFactory, PersonFactory

RECORDING = "执行办案规范和纪律不严"
RUDENESS = "司法作风简单粗暴"


def at(month: int, day: int, hour: int = 10):
    return timezone.make_aware(datetime(2016, month, day, hour))


def on(month: int, day: int):
    return frozen_at(at(month, day))


@pytest.fixture
def campaign(cast):
    with on(3, 14):
        campaign = campaigns.campaign_create_from_template(
            template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
        )
        campaigns.campaign_start(campaign=campaign, by=cast.office)
    return campaign


def record_problem(campaign, unit, liaison, category, when):
    with on(*when):
        problem = campaigns.problem_record(
            campaign=campaign, unit=unit, by=liaison,
            heading=campaign.checklist.get(kind="heading", label="制度执行"),
            category=campaign.checklist.get(kind="category", label=category),
            description="讯问未全程同步录音录像", responsible="反贪污贿赂局",
            measure="重申同录规定", deadline=date(2016, 5, 31),
        )  # fmt: skip
    return problem.rectification


Q1, Q2, Q3 = "规范意识是否提高", "案件整改是否到位", "制度执行是否有力"


def _answers(**choices) -> dict:
    names = {"q1": Q1, "q2": Q2, "q3": Q3}
    return {names[k]: {"choice": v, "note": "见卷宗"} for k, v in choices.items()}


def _form(campaign, case, *, reasons="随机抽查", recheck=False, status, grade, final="",
          answers=None):  # fmt: skip
    assignment = Assignment.objects.create(
        campaign=campaign, case=case, evaluator=PersonFactory(unit=campaign.issuing_unit),
        reasons=reasons, recheck=recheck, deadline=date(2016, 4, 15),
    )  # fmt: skip
    return EvaluationForm.objects.create(
        assignment=assignment, rubric=rubric_for(campaign), status=status, grade=grade,
        final_grade=final, submitted_at=at(3, 28), answers=answers or {},
    )  # fmt: skip


@pytest.fixture
def world(cast, campaign):
    tasks = UnitTask.objects.filter(track__campaign=campaign, unit=cast.unit_a)
    tasks.filter(track__position=0).update(status=TaskStatus.SUBMITTED, submitted_at=at(3, 20))
    tasks.filter(track__position=3).update(status=TaskStatus.ACCEPTED, submitted_at=at(4, 2))
    a1 = record_problem(campaign, cast.unit_a, cast.liaison_a, RECORDING, (3, 20))
    a2 = record_problem(campaign, cast.unit_a, cast.liaison_a, RECORDING, (3, 21))
    record_problem(campaign, cast.unit_b, cast.liaison_b, RUDENESS, (3, 21))
    record_problem(campaign, cast.unit_b, cast.liaison_b, RUDENESS, (4, 10))  # after "today"
    Item.objects.filter(pk=a1.pk).update(
        status=ItemStatus.CLOSED, deadline=date(2016, 4, 1), closed_at=at(4, 3)
    )
    Item.objects.filter(pk=a2.pk).update(status=ItemStatus.IN_PROGRESS, deadline=date(2016, 4, 1))
    case_a1, case_a2 = CaseFactory(unit=cast.unit_a), CaseFactory(unit=cast.unit_a)
    case_b1 = CaseFactory(unit=cast.unit_b, prior_eval_grade=Grade.PASS)  # re-checked: 瑕疵
    case_b2 = CaseFactory(unit=cast.unit_b)
    final = FormStatus.FINAL
    _form(campaign, case_a1, status=final, grade=Grade.PASS, final=Grade.EXCELLENT,
          answers=_answers(q1="是", q2="否"))  # fmt: skip
    _form(campaign, case_a2, reasons="重点评查", status=final, grade=Grade.PASS,
          answers=_answers(q1="是"))  # fmt: skip
    _form(campaign, case_a2, reasons="重点评查", status=final, grade=Grade.PASS,
          answers=_answers(q1="部分"))  # fmt: skip
    _form(campaign, case_b1, reasons="复查", recheck=True, status=FormStatus.APPROVED,
          grade=Grade.FLAWED, answers=_answers(q1="否", q3="是"))  # fmt: skip
    _form(campaign, case_b2, status=FormStatus.IN_PROGRESS, grade="", answers=_answers(q1="是"))
    with on(4, 5):
        yield campaign


@pytest.fixture
def checked(cast, world):
    """The check findings of the module docstring, found on 3/22."""
    run = Run.objects.create(unit=cast.city, as_of=date(2016, 3, 22), status=RunStatus.DONE)

    def finding(unit, rule, status, holds=True):
        with on(3, 22):
            return Finding.objects.create(
                rule=rule, case=CaseFactory(unit=unit), unit=unit, explanation="超时",
                status=status, holds=holds, first_run=run, last_run=run,
                decided_at=None if status == "pending" else at(3, 23),
            )  # fmt: skip

    confirmed, pending, dismissed = "confirmed", "pending", "dismissed"
    finding(cast.unit_a, "R1-03", confirmed)
    finding(cast.unit_a, "R1-03", confirmed)
    finding(cast.unit_a, "R1-03", pending)
    finding(cast.unit_b, "R1-04", dismissed)
    finding(cast.unit_b, "R1-04", pending, holds=False)
    return world
