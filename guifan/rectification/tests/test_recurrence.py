"""改后又复发: the same problem (taxonomy code, or near-identical text) in the same unit (and
department or handler, as configured) within N months of an item being closed is a recurrence."""

import json
from datetime import date

import pytest

from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.rectification import services
from guifan.rectification.models import Recurrence, Source
from guifan.rectification.tests.conftest import RUDENESS, evidence, on


@pytest.fixture
def closed(record_problem, cast):
    """甲区's recording problem, closed out on 2016-04-20."""
    item = record_problem()
    with on(4, 15):
        services.item_submit(item=item, by=cast.liaison_a, outcome="已整改", uploads=[evidence()])
    with on(4, 20):
        services.item_verify(item=item, by=cast.office)
    item.refresh_from_db()
    return item


def test_the_same_problem_again_within_the_window_is_a_recurrence(closed, record_problem, cast):
    again = record_problem(text="又有讯问未同步录像", when=(5, 10))
    recurrence = again.recurrence
    assert recurrence.earlier == closed and recurrence.pending
    assert (recurrence.matched_on, recurrence.months) == ("unit", 12)
    payload = json.loads(Entry.objects.get(verb=Verb.RECURRENCE_DETECT).payload)
    assert (payload["earlier"], payload["earlier_closed"]) == (closed.pk, "2016-04-20")


@pytest.mark.parametrize(
    ("when", "year", "expected"),
    [
        ((4, 20), 2016, True),  # the day it was closed
        ((4, 20), 2017, True),  # twelve months on, to the day
        ((4, 21), 2017, False),  # a day later
        ((4, 19), 2016, False),  # found before it was closed: the same problem, not back again
    ],
)
def test_the_window_is_counted_from_the_closure(closed, cast, when, year, expected):
    from guifan.rectification.services import Draft, _create

    with on(*when, year=year):
        draft = Draft(
            category=closed.category,
            description="又出现讯问未全程同步录音录像",
            deadline=date(year, 12, 31),
            found_on=date(year, *when),
        )
        item = _create(
            campaign=closed.campaign,
            unit=cast.unit_a,
            source=Source.SELF_EXAM,
            draft=draft,
            by=None,
        )
    assert Recurrence.objects.filter(item=item).exists() is expected


def test_another_category_or_another_unit_is_not_a_recurrence(closed, record_problem, cast):
    other_category = record_problem(category=RUDENESS, text="态度生硬", when=(5, 10))
    other_unit = record_problem(unit=cast.unit_b, text="乙县也未同步录像", when=(5, 10))
    assert not Recurrence.objects.filter(item__in=[other_category, other_unit]).exists()


def test_an_item_not_yet_closed_does_not_count(record_problem, cast):
    record_problem()
    again = record_problem(text="又有讯问未同步录像", when=(5, 10))
    assert not Recurrence.objects.filter(item=again).exists()


def test_the_window_and_the_match_are_settings(closed, record_problem, cast, settings):
    settings.GUIFAN_RECURRENCE_MONTHS = 0
    assert not Recurrence.objects.filter(item=record_problem(when=(5, 10))).exists()
    settings.GUIFAN_RECURRENCE_MONTHS = 12
    settings.GUIFAN_RECURRENCE_MATCH = "department"
    # Self-examination problems name no department: nothing to match on that level.
    assert not Recurrence.objects.filter(item=record_problem(when=(5, 11))).exists()


def test_matching_on_the_handler(closed, cast, settings):
    from guifan.rectification.services import Draft, _create

    settings.GUIFAN_RECURRENCE_MATCH = "handler"
    person = cast.handler.person
    closed.handler = person
    closed.save(update_fields=["handler"])

    def found(handler):
        with on(5, 10):
            draft = Draft(
                category=closed.category,
                description="又出现讯问未全程同步录音录像",
                deadline=date(2016, 6, 30),
                found_on=date(2016, 5, 10),
                handler_id=handler.pk if handler else None,
            )
            return _create(
                campaign=closed.campaign,
                unit=cast.unit_a,
                source=Source.EVALUATION,
                draft=draft,
                by=None,
            )

    assert Recurrence.objects.filter(item=found(person)).exists()
    assert not Recurrence.objects.filter(item=found(cast.liaison_a.person)).exists()
    assert not Recurrence.objects.filter(item=found(None)).exists()


def test_a_recurrence_is_escalated_until_it_is_dealt_with(closed, record_problem, cast, login):
    again = record_problem(text="又有讯问未同步录像", when=(5, 10))
    for who in (cast.office, cast.inspector):
        page = login(who).get("/").content.decode()
        assert "改后又复发：甲区“执行办案规范和纪律不严”类问题再次出现" in page
    assert "改后又复发" not in login(cast.liaison_b).get("/").content.decode()
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        services.recurrence_handle(recurrence=again.recurrence, by=cast.liaison_a, handling="x")
    with pytest.raises(ValidationError, match="处置意见"):
        services.recurrence_handle(recurrence=again.recurrence, by=cast.inspector, handling=" ")
    services.recurrence_handle(
        recurrence=again.recurrence, by=cast.inspector, handling="约谈局长，通报批评"
    )
    again.recurrence.refresh_from_db()
    assert not again.recurrence.pending
    assert "改后又复发" not in login(cast.office).get("/").content.decode()
    assert Entry.objects.filter(verb=Verb.RECURRENCE_HANDLE).exists()


def test_the_same_category_but_another_problem_is_not_a_recurrence(closed, record_problem):
    other = record_problem(text="指定居所监视居住未每两个月审查必要性", when=(5, 10))
    assert not Recurrence.objects.filter(item=other).exists()


def test_the_same_problem_filed_under_another_category_is_a_recurrence(closed, record_problem):
    again = record_problem(category=RUDENESS, text="讯问时未全程同步录音录像", when=(5, 10))
    assert again.recurrence.earlier == closed
    assert again.code == closed.code == "2-01"
