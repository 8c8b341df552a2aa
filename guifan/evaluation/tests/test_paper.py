"""调卷: the unit hands the paper 卷宗 over, the evaluator acknowledges it, the unit records it
back; each step by its own person, with dates, journaled; overdue shown on both pages."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from guifan.core.clock import frozen_at
from guifan.evaluation import paper, period
from guifan.evaluation.models import EvaluationMode, PaperFile
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb

from .test_forms import _task, team  # noqa: F401


def _at(*day):
    return timezone.make_aware(datetime(*day, 10))


@pytest.fixture
def on_paper(team, cast):  # noqa: F811
    """The campaign read on paper from 3月21日 to 3月31日; the cast evaluator's unit A task."""
    with frozen_at(_at(2016, 3, 18)):
        period.period_set(
            campaign=team, by=cast.office, start=date(2016, 3, 21), end=date(2016, 3, 31),
            cases_per_day=3, mode=EvaluationMode.PAPER,
        )  # fmt: skip
    task = _task(team, cast)
    task.refresh_from_db()
    assert task.mode == EvaluationMode.PAPER
    return task


def test_the_three_steps_each_by_its_own_person_with_dates(on_paper, cast):
    task = on_paper
    with frozen_at(_at(2016, 3, 22)):
        for wrong in (cast.evaluator, cast.liaison_b, cast.office):
            with pytest.raises(PermissionDenied):
                paper.paper_hand_over(task=task, by=wrong, on=date(2016, 3, 22))
        with pytest.raises(ValidationError, match="不能晚于今天"):
            paper.paper_hand_over(task=task, by=cast.liaison_a, on=date(2016, 3, 23))
        with pytest.raises(ValidationError, match="尚未登记移交"):
            paper.paper_receive(task=task, by=cast.evaluator, on=date(2016, 3, 22))
        record = paper.paper_hand_over(task=task, by=cast.liaison_a, on=date(2016, 3, 22),
                                       volumes=3)  # fmt: skip
        assert record.return_due == date(2016, 3, 31)  # the last day of the period
        with pytest.raises(ValidationError, match="已登记移交"):
            paper.paper_hand_over(task=task, by=cast.liaison_a, on=date(2016, 3, 22))
        for wrong in (cast.liaison_a, cast.team_lead, cast.office):
            with pytest.raises(PermissionDenied):
                paper.paper_receive(task=task, by=wrong, on=date(2016, 3, 22))
        with pytest.raises(ValidationError, match="尚未签收"):
            paper.paper_return(task=task, by=cast.liaison_a, on=date(2016, 3, 22))
    with frozen_at(_at(2016, 3, 23)):
        with pytest.raises(ValidationError, match="不能早于上一环节"):
            paper.paper_receive(task=task, by=cast.evaluator, on=date(2016, 3, 21))
        paper.paper_receive(task=task, by=cast.evaluator, on=date(2016, 3, 23))
    with frozen_at(_at(2016, 4, 4)):
        assert PaperFile.objects.get().overdue == 4
        with pytest.raises(PermissionDenied):
            paper.paper_return(task=task, by=cast.evaluator, on=date(2016, 4, 4))
        paper.paper_return(task=task, by=cast.liaison_a, on=date(2016, 4, 4))
    record = PaperFile.objects.get()
    assert (record.handed_over_on, record.received_on, record.returned_on) == (
        date(2016, 3, 22), date(2016, 3, 23), date(2016, 4, 4),
    )  # fmt: skip
    assert record.overdue == 0
    entries = Entry.objects.filter(
        verb__in=[Verb.PAPER_HAND_OVER, Verb.PAPER_RECEIVE, Verb.PAPER_RETURN]
    ).order_by("seq")
    case = task.case.case_no_norm
    assert describe(list(entries)) == [
        f"案件 {case} 的纸质卷宗 3 册于 2016-03-22 移交评查人员，应于 2016-03-31 前归还",
        f"评查人员于 2016-03-23 签收案件 {case} 的纸质卷宗",
        f"案件 {case} 的纸质卷宗于 2016-04-04 归还承办单位",
    ]


def test_an_online_task_needs_no_paper(team, cast):  # noqa: F811
    task = _task(team, cast)
    with pytest.raises(ValidationError, match="网上评查"):
        paper.paper_hand_over(task=task, by=cast.liaison_a, on=date(2016, 3, 25))


def test_the_pages_show_the_steps_and_what_is_overdue(on_paper, cast, login):
    task = on_paper
    liaison = login(cast.liaison_a)
    with frozen_at(_at(2016, 3, 22)):
        url = reverse("evaluation:paper", args=[task.campaign_id])
        body = liaison.get(url).content.decode()
        assert task.case.case_no in body and cast.evaluator.person.name not in body
        liaison.post(reverse("evaluation:paper_hand_over", args=[task.pk]),
                     {"on": "2016-03-22", "volumes": "2"})  # fmt: skip
    # The other unit's liaison neither sees nor records unit A's 卷宗.
    other = login(cast.liaison_b)
    assert task.case.case_no not in other.get(url).content.decode()
    assert other.post(reverse("evaluation:paper_return", args=[task.pk]), {"on": "2016-03-22"}
                      ).status_code == 404  # fmt: skip
    evaluator = login(cast.evaluator)
    with frozen_at(_at(2016, 3, 23)):
        assert 'data-testid="receive"' in evaluator.get(reverse("evaluation:mine")).content.decode()
        evaluator.post(reverse("evaluation:paper_receive", args=[task.pk]), {"on": "2016-03-23"})
    assert PaperFile.objects.get().received_on == date(2016, 3, 23)
    with frozen_at(_at(2016, 4, 3)):
        mine = evaluator.get(reverse("evaluation:mine")).content.decode()
        assert "逾期 3 天" in mine
        office = login(cast.office).get(url).content.decode()
        assert "1 件卷宗逾期未归还" in office and cast.evaluator.person.name in office
    # The evaluator may not record the return; the unit's liaison does.
    assert evaluator.post(reverse("evaluation:paper_return", args=[task.pk]), {"on": "2016-04-03"}
                          ).status_code == 403  # fmt: skip
