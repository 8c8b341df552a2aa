"""The evaluation period: fixed by the office, deadlines and 评查方式 follow it, an
evaluator with more cases than fit is warned about, and a move that would overload refused."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from guifan.evaluation import period, services
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb


def test_the_office_fixes_the_period_and_overloads_show(assigned, cast, login):
    with pytest.raises(PermissionDenied):
        period.period_set(
            campaign=assigned, by=cast.inspector, start=date(2016, 3, 28), end=date(2016, 3, 31)
        )
    with pytest.raises(ValidationError, match="开始日期不能晚于结束日期"):
        period.period_set(
            campaign=assigned, by=cast.office, start=date(2016, 3, 31), end=date(2016, 3, 28)
        )
    with pytest.raises(ValidationError, match="不能晚于案件评查环节的截止日期"):
        period.period_set(
            campaign=assigned, by=cast.office, start=date(2016, 3, 28), end=date(2016, 12, 30)
        )
    fixed = period.period_set(
        campaign=assigned,
        by=cast.office,
        start=date(2016, 3, 28),
        end=date(2016, 3, 31),
        cases_per_day=3,
        mode="paper",
    )
    assert period.capacity(fixed) == 12  # four working days
    assert set(assigned.assignments.values_list("deadline", "mode")) == {
        (date(2016, 3, 31), "paper")
    }
    assert Entry.objects.filter(verb=Verb.PERIOD_SET).count() == 1
    assert period.overloads(assigned) == []
    period.period_set(
        campaign=assigned,
        by=cast.office,
        start=date(2016, 3, 31),
        end=date(2016, 3, 31),
        cases_per_day=1,
    )
    warnings = [o.text() for o in period.overloads(assigned)]
    assert warnings and "评查期内最多能评查 1 件" in warnings[0]
    page = login(cast.office).get(reverse("evaluation:assign", args=[assigned.pk])).text
    assert 'data-testid="overload"' in page and "每人每个工作日 1 件" in page


def test_a_move_that_would_overload_is_refused(assigned, cast):
    period.period_set(
        campaign=assigned,
        by=cast.office,
        start=date(2016, 3, 31),
        end=date(2016, 3, 31),
        cases_per_day=1,
    )
    from guifan.org.models import Person

    loaded = assigned.assignments.values_list("evaluator", flat=True).distinct()
    pairs = (
        (task, person)
        for person in Person.objects.filter(pk__in=loaded).order_by("pk")
        for task in assigned.assignments.exclude(evaluator=person).order_by("pk")
        if not services.why_not(campaign=assigned, person=person, case=task.case)
        and not assigned.assignments.filter(case=task.case, evaluator=person).exists()
    )
    task, busy = next(pairs)  # a move recusal allows, onto someone with a full period
    with pytest.raises(ValidationError, match="最多能评查 1 件，不能再增加"):
        services.assignment_move(assignment=task, to=busy, reason="均衡", by=cast.office)


def test_only_the_office_posts_the_period(assigned, cast, login):
    url = reverse("evaluation:period", args=[assigned.pk])
    data = {
        "period-start": "2016-03-28",
        "period-end": "2016-03-31",
        "period-cases_per_day": "3",
        "period-mode": "online",
    }
    for who in ("inspector", "liaison_a", "evaluator", "team_lead"):
        assert login(getattr(cast, who)).post(url, data).status_code == 403, who
    assert login(cast.office).post(url, data).status_code == 302
    assert period.period_of(assigned).end == date(2016, 3, 31)
