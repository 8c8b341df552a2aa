"""Periods as the Criminal Procedure Law counts them, checked by hand against the calendar."""

from datetime import date, datetime

import pytest

from guifan.core.periods import (
    Calendar,
    add_months,
    days_deadline,
    hours_deadline,
    late,
    months_deadline,
    official_years,
    working_days_deadline,
)

CAL = Calendar()


def test_the_official_calendar_knows_the_years_the_demo_and_the_rules_need():
    assert {2012, 2015, 2016, 2018, 2025} <= set(official_years())


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2015, 9, 2), True),  # an ordinary Wednesday
        (date(2015, 9, 3), False),  # 抗战胜利70周年纪念日, a one-off holiday
        (date(2015, 9, 4), False),  # the Friday added to it
        (date(2015, 9, 5), False),  # Saturday
        (date(2015, 9, 6), True),  # the Sunday worked in exchange (调休上班)
        (date(2015, 10, 1), False),
        (date(2015, 10, 7), False),
        (date(2015, 10, 10), True),  # a Saturday worked for National Day
        (date(2016, 2, 6), True),  # a Saturday worked for the Spring Festival
        (date(2016, 2, 8), False),  # 春节
    ],
)
def test_working_days_follow_the_official_calendar(day, working):
    assert CAL.is_workday(day) is working


def test_a_deployment_adds_its_own_holidays_and_worked_days():
    local = Calendar(holidays=[date(2015, 9, 2)], workdays=[date(2015, 9, 5)])
    assert not local.is_workday(date(2015, 9, 2))
    assert local.is_workday(date(2015, 9, 5))
    without = Calendar(official=False)
    assert without.is_workday(date(2015, 10, 8))  # a Thursday: no official holidays known


def test_the_start_day_is_not_counted():
    # Received on Monday 2015-03-02: 7 days run to Monday 2015-03-09.
    assert days_deadline(date(2015, 3, 2), 7, CAL, custody=False) == date(2015, 3, 9)
    assert days_deadline(datetime(2015, 3, 2, 23, 50), 7, CAL, custody=False) == date(2015, 3, 9)


def test_a_last_day_on_a_rest_day_rolls_to_the_next_working_day():
    # 2015-03-07 + 7 = Saturday 2015-03-14 → Monday 2015-03-16.
    assert days_deadline(date(2015, 3, 7), 7, CAL, custody=False) == date(2015, 3, 16)
    # 2015-09-27 + 7 = 2015-10-04, inside National Day → 2015-10-08 (Thursday).
    assert days_deadline(date(2015, 9, 27), 7, CAL, custody=False) == date(2015, 10, 8)


def test_a_rolled_period_stops_on_a_make_up_working_day():
    # 2015-08-30 + 7 = 2015-09-06, a Sunday that was worked: no roll-over.
    assert days_deadline(date(2015, 8, 30), 7, CAL, custody=False) == date(2015, 9, 6)
    # 2015-08-27 + 7 = 2015-09-03, the one-off holiday → 09-04 off, 09-05 Saturday,
    # 09-06 the worked Sunday.
    assert days_deadline(date(2015, 8, 27), 7, CAL, custody=False) == date(2015, 9, 6)


def test_in_custody_the_period_ends_on_its_last_day_even_on_a_holiday():
    # Detained, the 7 days of 审查逮捕 from 2015-09-27 end on 2015-10-04 (a holiday).
    assert days_deadline(date(2015, 9, 27), 7, CAL, custody=True) == date(2015, 10, 4)
    assert late(date(2015, 10, 8), days_deadline(date(2015, 9, 27), 7, CAL, custody=True))
    assert not late(date(2015, 10, 8), days_deadline(date(2015, 9, 27), 7, CAL, custody=False))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2015, 3, 10), 1, date(2015, 4, 10)),
        (date(2015, 1, 31), 1, date(2015, 2, 28)),  # no 31st in February: its last day
        (date(2016, 1, 31), 1, date(2016, 2, 29)),  # a leap year
        (date(2015, 8, 31), 1, date(2015, 9, 30)),
        (date(2015, 12, 15), 1, date(2016, 1, 15)),  # over the year's end
        (date(2015, 1, 30), 2, date(2015, 3, 30)),
        (date(2015, 6, 30), -1, date(2015, 5, 30)),
    ],
)
def test_a_month_ends_on_the_same_date_or_the_months_last_day(start, months, expected):
    assert add_months(start, months) == expected


def test_month_periods_roll_over_and_take_extensions():
    # 审查起诉 accepted 2015-09-01: one month to 2015-10-01 (National Day) → 2015-10-08.
    assert months_deadline(date(2015, 9, 1), 1, CAL, custody=False) == date(2015, 10, 8)
    assert months_deadline(date(2015, 9, 1), 1, CAL, custody=True) == date(2015, 10, 1)
    # Extended by 15 days with the chief's approval: 2015-10-16, a Friday.
    assert months_deadline(date(2015, 9, 1), 1, CAL, custody=True, extra_days=15) == date(
        2015, 10, 16
    )


def test_working_day_periods_count_only_working_days():
    # RULES-AND-PROCESS §6.5: asked Friday 2015-05-08, arranged Tuesday 2015-05-12: 2 working
    # days, within the 3 (which end on Wednesday 2015-05-13).
    assert CAL.working_days_between(date(2015, 5, 8), date(2015, 5, 12)) == 2
    assert working_days_deadline(date(2015, 5, 8), 3, CAL) == date(2015, 5, 13)
    # Asked Wednesday 2015-09-30: 10-01..07 off, 10-08 and 10-09 worked, 10-10 (Saturday) worked.
    assert working_days_deadline(datetime(2015, 9, 30, 16), 3, CAL) == date(2015, 10, 10)
    # Asked Wednesday 2015-09-02: 09-03/04 off, 09-05 Saturday off, 09-06 worked.
    assert working_days_deadline(date(2015, 9, 2), 1, CAL) == date(2015, 9, 6)
    assert working_days_deadline(date(2015, 9, 2), 3, CAL) == date(2015, 9, 8)


def test_hours_run_from_the_moment():
    assert hours_deadline(datetime(2015, 3, 2, 21, 0), 24) == datetime(2015, 3, 3, 21, 0)


def test_done_on_the_last_day_is_in_time():
    deadline = date(2015, 3, 9)
    assert not late(datetime(2015, 3, 9, 23, 59), deadline)
    assert late(datetime(2015, 3, 10, 0, 1), deadline)
    assert not late(None, deadline)


def test_beyond_the_precomputed_years_working_days_are_still_counted():
    far = Calendar(official=False)
    assert far.add_working_days(date(2040, 1, 5), 1) == date(2040, 1, 6)  # Thursday → Friday
    assert far.add_working_days(date(2040, 1, 6), 1) == date(2040, 1, 9)  # Friday → Monday
