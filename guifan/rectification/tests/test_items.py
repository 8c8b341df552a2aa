"""The rectification list: taken over from its sources, worked by the unit, verified or
returned by the right side, chased up, and journaled at every step."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.rectification import services
from guifan.rectification.models import Item, ItemStatus, Source, StepAction
from guifan.rectification.tests.conftest import RUDENESS, evidence, on


def test_a_self_examination_problem_goes_on_the_list_as_recorded(record_problem, cast):
    item = record_problem()
    assert item.source == Source.SELF_EXAM and item.status == ItemStatus.OPEN
    assert (item.unit, item.category, item.deadline) == (
        cast.unit_a,
        "执行办案规范和纪律不严",
        date(2016, 5, 31),
    )
    assert (item.measures, item.responsible, item.found_on) == (
        "重申同录规定",
        "反贪污贿赂局",
        date(2016, 3, 20),
    )
    assert services.item_from_problem(item.problem) == item  # once only
    assert Item.objects.count() == 1
    assert Entry.objects.filter(verb=Verb.RECTIFY_CREATE, target_id=str(item.pk)).exists()


def test_the_unit_works_the_office_returns_then_closes_it(record_problem, cast):
    item = record_problem()
    with on(4, 1):
        services.item_start(
            item=item, by=cast.liaison_a, measures="逐次核对录像起止时间", responsible="张局长"
        )
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS and item.started_at is not None
    with pytest.raises(ValidationError, match="整改落实情况"):
        services.item_submit(item=item, by=cast.liaison_a, outcome=" ")
    with pytest.raises(ValidationError, match="请上传整改材料"):
        services.item_submit(item=item, by=cast.liaison_a, outcome="已整改")
    with pytest.raises(ValidationError, match="只有已报送"):
        services.item_verify(item=item, by=cast.office)
    with on(4, 15):
        services.item_submit(
            item=item, by=cast.liaison_a, outcome="已印发制度", uploads=[evidence()]
        )
    item.refresh_from_db()
    assert item.status == ItemStatus.DONE and item.evidence.count() == 1
    with pytest.raises(ValidationError, match="退回理由"):
        services.item_return(item=item, by=cast.office, reason="")
    with on(4, 16):
        services.item_return(item=item, by=cast.office, reason="缺逐案核查台账")
    item.refresh_from_db()
    assert (item.status, item.returns) == (ItemStatus.IN_PROGRESS, 1)
    with on(4, 18):
        services.item_submit(item=item, by=cast.liaison_a, outcome="补充台账", uploads=[evidence()])
    with on(4, 20):
        services.item_verify(item=item, by=cast.office, comment="抽查属实")
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED and item.closed_by == cast.office
    actions = list(item.steps.values_list("action", flat=True))
    assert actions == [
        StepAction.CREATE,
        StepAction.START,
        StepAction.SUBMIT,
        StepAction.RETURN,
        StepAction.SUBMIT,
        StepAction.CLOSE,
    ]
    verbs = set(Entry.objects.filter(target_id=str(item.pk)).values_list("verb", flat=True))
    assert {
        Verb.RECTIFY_CREATE,
        Verb.RECTIFY_START,
        Verb.RECTIFY_SUBMIT,
        Verb.RECTIFY_RETURN,
        Verb.RECTIFY_CLOSE,
    } <= verbs
    with pytest.raises(ValidationError):
        services.item_start(item=item, by=cast.liaison_a, measures="x", responsible="y")


def test_conduct_matters_are_closed_by_discipline_inspection_not_the_office(record_problem, cast):
    item = record_problem(category=RUDENESS, text="接待群众态度生硬")
    services.item_submit(item=item, by=cast.liaison_a, outcome="已整改", uploads=[evidence()])
    with pytest.raises(PermissionDenied):
        services.item_verify(item=item, by=cast.office)
    services.item_verify(item=item, by=cast.inspector)
    other = record_problem(text="同录问题")
    services.item_submit(item=other, by=cast.liaison_a, outcome="已整改", uploads=[evidence()])
    with pytest.raises(PermissionDenied):
        services.item_verify(item=other, by=cast.inspector)


def test_only_the_units_own_liaison_works_on_its_items(record_problem, cast):
    item = record_problem()
    for outsider in (cast.liaison_b, cast.office, cast.evaluator):
        with pytest.raises(PermissionDenied):
            services.item_start(item=item, by=outsider, measures="x", responsible="y")
        with pytest.raises(PermissionDenied):
            services.item_submit(item=item, by=outsider, outcome="x", uploads=[evidence()])
    services.item_submit(item=item, by=cast.liaison_a, outcome="已整改", uploads=[evidence()])
    for outsider in (cast.liaison_a, cast.liaison_b, cast.handler):
        with pytest.raises(PermissionDenied):
            services.item_verify(item=item, by=outsider)


def test_overdue_items_are_chased_up_and_shown_on_the_units_workbench(
    record_problem, cast, campaign, login
):
    late = record_problem()
    record_problem(unit=cast.unit_b, text="乙县的问题")
    with on(6, 1):
        assert services.items_chase_up(campaign=campaign, by=cast.office) == 2
        services.item_submit(item=late, by=cast.liaison_a, outcome="已整改", uploads=[evidence()])
        assert services.items_chase_up(campaign=campaign, by=cast.office) == 1  # only 乙县 owes
        with pytest.raises(PermissionDenied):
            services.items_chase_up(campaign=campaign, by=cast.liaison_a)
        page = login(cast.liaison_b).get("/").content.decode()
    assert "1 项问题待整改（已催办 2 次）" in page
    assert Entry.objects.filter(verb=Verb.RECTIFY_CHASE).count() == 3
