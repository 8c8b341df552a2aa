"""A hand-made campaign whose figures are known: the tests below count them by hand.

On 2016-04-05 (after the 3月31日 deadline of every track):
- tasks: 甲区 handed in 查遗补缺 on 3/20 and 开展情况报送 on 4/2 (late); everything else owed;
- problems: 甲区 two (执行办案规范…), 乙县 one (司法作风…), and one of 乙县 found on 4/10,
  which must not be counted on 4/5; one of 甲区's items closed late, the other overdue;
- results: 甲区 优质 (新评查, final) and 合格 (重点评查 by two evaluators, final), 乙县 瑕疵
  (复查, approved: in the objection period) and one form still being filled in.
"""

from datetime import date, datetime

import pytest
from django.utils import timezone

from guifan.campaigns import services as campaigns
from guifan.campaigns.models import TaskStatus, UnitTask
from guifan.cases.models import Grade
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


def _form(campaign, case, *, reasons="随机抽查", recheck=False, status, grade, final=""):
    assignment = Assignment.objects.create(
        campaign=campaign, case=case, evaluator=PersonFactory(unit=campaign.issuing_unit),
        reasons=reasons, recheck=recheck, deadline=date(2016, 4, 15),
    )  # fmt: skip
    return EvaluationForm.objects.create(
        assignment=assignment, rubric=rubric_for(campaign), status=status, grade=grade,
        final_grade=final, submitted_at=at(3, 28),
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
    _form(campaign, case_a1, status=final, grade=Grade.PASS, final=Grade.EXCELLENT)
    _form(campaign, case_a2, reasons="重点评查", status=final, grade=Grade.PASS)
    _form(campaign, case_a2, reasons="重点评查", status=final, grade=Grade.PASS)
    _form(campaign, case_b1, reasons="复查", recheck=True, status=FormStatus.APPROVED,
          grade=Grade.FLAWED)  # fmt: skip
    _form(campaign, case_b2, status=FormStatus.IN_PROGRESS, grade="")
    with on(4, 5):
        yield campaign
