"""The demo's cases reach the database in batches made by one stream: in a forked process
(the second core) or here, the same rows in the same order."""

import pytest

from guifan.demo import loading
from guifan.demo.generator import DemoWorld
from guifan.demo.statistics import StatTally


def _rows(batches):
    """The batches as the writing process parses them."""
    parsed = loading._parsed
    return [
        (
            [(row.key, row.values) for row in (parsed("cases", raw) for raw in cases)],
            {
                kind: [(row.key, row.values) for row in (parsed(kind, raw) for raw in rows)]
                for kind, rows in events.items()
            },
        )
        for cases, events in batches
    ]


@pytest.mark.django_db
def test_batches_made_in_a_forked_process_are_those_made_here(monkeypatch):
    monkeypatch.setattr(loading, "BATCH", 40)
    kinds = ["suspects", "measures", "interrogations", "documents", "inquiries"]
    world = DemoWorld(cases=150)
    counted_here, counted_there = StatTally(world.seed, world.plans), StatTally(0, world.plans)
    here = _rows(loading._batches(world, 150, kinds, counted_here))
    monkeypatch.setattr(loading, "can_fork", lambda: True)
    forked = _rows(loading._generated(DemoWorld(cases=150), 150, kinds, counted_there))
    assert [len(cases) for cases, _events in forked] == [40, 40, 40, 30]
    assert forked == here
    # The 2015 统计报表 counted in the producer come back with its last batch.
    assert counted_there.figures == counted_here.figures and counted_here.figures
    assert all(sum(len(events[kind]) for _cases, events in here) for kind in kinds)


@pytest.mark.django_db
def test_a_failing_generator_is_reported_in_the_loading_process(monkeypatch):
    monkeypatch.setattr(loading, "BATCH", 10)
    monkeypatch.setattr(loading, "can_fork", lambda: True)
    monkeypatch.setattr(loading, "_raw", lambda kind, row: 1 / 0)
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        world = DemoWorld(cases=30)
        list(loading._generated(world, 30, ["suspects"], StatTally(world.seed, world.plans)))
