"""节假日调整: the office adds holidays and make-up working days for years the official
calendar package does not know yet; every period counted afterwards — in any process —
rolls over them, except in custody; others are refused; each change is journaled."""

from datetime import date

import pytest
from django.core.signals import request_started
from django.test import override_settings
from django.urls import reverse

from guifan.core import deadlines
from guifan.core.deadlines import calendar
from guifan.core.models import CalendarDay
from guifan.core.periods import days_deadline, official_years
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb

pytestmark = pytest.mark.django_db

FRIDAY = date(2040, 1, 27)  # a year the package does not know
START = date(2040, 1, 20)  # 7 days from here end on FRIDAY


def add(client, day, kind, note=""):
    return client.post(reverse("checks:calendar"), {"day": day, "kind": kind, "note": note})


def test_a_deadline_rolls_over_a_holiday_the_office_added(cast, login):
    assert FRIDAY.year not in official_years()
    assert days_deadline(START, 7, calendar(), custody=False) == FRIDAY
    office = login(cast.office)
    add(office, "2040-01-27", "holiday", "2040年春节")
    # The 7 days end on a holiday now: the last day rolls over the weekend to Monday,
    # but not while the person is in custody.
    assert days_deadline(START, 7, calendar(), custody=False) == date(2040, 1, 30)
    assert days_deadline(START, 7, calendar(), custody=True) == FRIDAY
    add(office, "2040-01-28", "workday", "调休上班")  # the Saturday is worked
    assert days_deadline(START, 7, calendar(), custody=False) == date(2040, 1, 28)
    assert calendar().add_working_days(date(2040, 1, 26), 1) == date(2040, 1, 28)
    page = office.get(reverse("checks:calendar")).content.decode()
    assert 'data-day="2040-01-27"' in page and "2040年春节" in page
    sentences = describe(list(Entry.objects.filter(verb=Verb.CALENDAR_DAY_ADD).order_by("seq")))
    assert sentences == [
        "登记节假日调整：2040-01-27 放假（2040年春节）",
        "登记节假日调整：2040-01-28 上班（调休上班）",
    ]
    office.post(reverse("checks:calendar"), {"remove": CalendarDay.objects.get(day=FRIDAY).pk})
    assert not CalendarDay.objects.filter(day=FRIDAY).exists()
    assert Entry.objects.filter(verb=Verb.CALENDAR_DAY_REMOVE).count() == 1


def test_a_day_stored_by_another_process_counts_from_the_next_request(cast, monkeypatch):
    assert calendar().is_workday(FRIDAY)
    # Written straight to the database, as another web worker would: this process reads the
    # office's days once per request, so the next request counts it.
    CalendarDay.objects.create(day=FRIDAY, kind="holiday")
    assert calendar().is_workday(FRIDAY)  # within the same request
    receivers = [receiver() for _key, receiver, *_ in request_started.receivers]
    assert deadlines.forget_office_days in receivers
    deadlines.forget_office_days()  # what the next request starts with
    assert not calendar().is_workday(FRIDAY)
    # A process without requests (the task worker) reads them again after a minute at most.
    CalendarDay.objects.filter(day=FRIDAY).delete()
    monkeypatch.setattr(deadlines, "OFFICE_DAYS_SECONDS", 0)
    assert calendar().is_workday(FRIDAY)
    CalendarDay.objects.create(day=FRIDAY, kind="holiday")
    with override_settings(GUIFAN_HOLIDAYS=["2040-01-26"]):  # read together with the setting
        assert not calendar().is_workday(date(2040, 1, 26))
        assert not calendar().is_workday(FRIDAY)


def test_a_day_already_added_is_refused_and_only_the_office_edits(cast, login):
    add(login(cast.office), "2040-01-27", "holiday")
    again = add(login(cast.office), "2040-01-27", "workday")
    assert "已登记" in again.content.decode()
    assert list(CalendarDay.objects.values_list("kind", flat=True)) == ["holiday"]
    for user in (cast.liaison_a, cast.inspector, cast.handler, cast.sysadmin):
        assert add(login(user), "2040-02-01", "holiday").status_code == 403
        assert login(user).get(reverse("checks:calendar")).status_code == 403
    assert CalendarDay.objects.count() == 1
    assert login(cast.office).post(reverse("checks:calendar"), {"remove": "x"}).status_code == 404
