"""Loading the demo world's cases and their process events into the database.

The rows take the importer's own path — the exported cells parsed by the import specs, then
resolved and stored by the import writers — so the demo holds exactly what importing the
files ``guifan demo export-files`` writes would give, digests included: importing them into
the demo's database changes nothing.

The world is streamed: each batch of cases is generated, written (COPY on PostgreSQL) and
dropped, so memory stays flat in the number of cases. The demo loads into a database without
its cases, so the writers skip looking for stored rows to compare with, and a big world
(``BULK_ROWS`` cases and more) builds the tables' secondary indexes once after its rows.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime
from functools import cache
from itertools import islice
from typing import Any

from django.db import transaction
from django.utils import timezone

from guifan.cases.importing import resolve, writers
from guifan.cases.importing.engine import BULK_ROWS
from guifan.cases.importing.resolve import ParsedRow
from guifan.cases.importing.specs import SPECS
from guifan.cases.importing.writers import EventWriter
from guifan.cases.numbers import normalise_case_no
from guifan.cases.services import refresh_statistics
from guifan.cases.tallies import cases_changed
from guifan.checks.pool import can_fork
from guifan.core.bulk import secondary_indexes_deferred
from guifan.demo.defence import REGISTER_KINDS
from guifan.demo.events import EventGenerator
from guifan.demo.export import CaseValues, cell
from guifan.demo.generator import DemoWorld
from guifan.demo.statistics import StatTally

BATCH = 5000
Progress = Callable[[str], None]


def load_cases(world: DemoWorld, count: int, progress: Progress) -> int:
    """Insert ``count`` cases with their events, in batches of one transaction each."""
    # The case registry's own kinds; the 2015 ledgers are imported with the campaign.
    specs = {
        kind: spec
        for kind, spec in SPECS.items()
        if spec.is_case or spec.is_event or kind in REGISTER_KINDS
    }
    contexts = {kind: resolve.context_for(spec, None) for kind, spec in specs.items()}
    _load_districts(world)
    done = 0
    tally = StatTally(world.seed, world.plans)  # the 2015 统计报表 counted as cases pass
    with ExitStack() as stack:
        if count >= BULK_ROWS:
            for spec in specs.values():
                stack.enter_context(secondary_indexes_deferred(spec.model))
        kinds = [kind for kind in specs if kind != "cases"]
        for raw_cases, raw_events in _generated(world, count, kinds, tally):
            cases = [_parsed("cases", row) for row in raw_cases]
            events = {
                kind: [_parsed(kind, row) for row in rows] for kind, rows in raw_events.items()
            }
            with transaction.atomic():
                _write("cases", cases, contexts)
                stored = _stored_cases([row.key for row in cases])
                for kind, rows in events.items():
                    _write(kind, rows, contexts, stored)
            done += len(cases)
            if done % 100_000 == 0 or done == count:
                progress(f"已生成案件 {done:,} / {count:,}")
        if count >= BULK_ROWS:
            progress("正在建立案件和办案过程数据的索引……")
    _load_stat_reports(tally)
    cases_changed()
    for spec in specs.values():
        refresh_statistics(spec.model)
    return done


def _load_districts(world: DemoWorld) -> None:
    """The units' 院辖区表 (R6-01), before their cases."""
    from guifan.demo.places import jurisdiction_rows

    spec = SPECS["jurisdictions"]
    rows = [
        _parsed("jurisdictions", _raw("jurisdictions", row)) for row in jurisdiction_rows(world)
    ]
    with transaction.atomic():
        _write("jurisdictions", rows, {"jurisdictions": resolve.context_for(spec, None)})


def _load_stat_reports(tally: StatTally) -> None:
    """The units' 2015 统计报表, counted over the cases just loaded (R5-05)."""
    spec = SPECS["stat_reports"]
    rows = [
        ParsedRow(0, [], {c.field: c.parse(cell(row.get(c.field))) for c in spec.columns}, [])
        for row in tally.reports()[0]
    ]
    contexts = {"stat_reports": resolve.context_for(spec, None)}
    with transaction.atomic():
        _write("stat_reports", rows, contexts)


# What crosses from the producer to the writer: each kind's rows as tuples of the generator's
# values in the spec's column order. Pickling them costs a fifth of pickling the parsed rows
# (dicts, aware datetimes), and the parsing moves to the writing process, which waited for
# the producer: both cores do half of the work (bench/README.md, demo_build.py).
RawBatch = tuple[list[tuple], dict[str, list[tuple]]]


def _batches(
    world: DemoWorld, count: int, kinds: list[str], tally: StatTally
) -> Iterator[RawBatch]:
    """The world's cases and event rows as the exported files' values, ``BATCH`` cases at a
    time, each case counted in ``tally``. Plain Python: no database."""
    stream = EventGenerator(world).cases_with_events(count)
    case_values = CaseValues(world)
    while batch := list(islice(stream, BATCH)):
        for case, _events in batch:
            tally.add(case)
        cases = [_raw("cases", case_values(case, events)) for case, events in batch]
        rows = {
            kind: [_raw(kind, row) for _case, events in batch for row in events.rows[kind]]
            for kind in kinds
        }
        yield cases, rows


def _generated(
    world: DemoWorld, count: int, kinds: list[str], tally: StatTally
) -> Iterator[RawBatch]:
    """_batches(), made in a forked process while this one writes the previous batch (the
    second core), when forking is safe (checks.pool.can_fork); else here. The same batches
    in the same order either way: one stream, one producer; the producer's tally comes back
    after its last batch."""
    if count < 2 * BATCH or not can_fork():
        yield from _batches(world, count, kinds, tally)
        return
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=2)
    producer = context.Process(
        target=_produce, args=(queue, world, count, kinds, tally), daemon=True
    )
    producer.start()
    try:
        while (item := queue.get()) is not None:
            if isinstance(item, str):
                raise RuntimeError(f"demo generator failed:\n{item}")
            if isinstance(item, dict):  # the producer's tally, after the last batch
                tally.figures = item
                continue
            yield item
    finally:
        if producer.is_alive():
            producer.terminate()
        producer.join()


def _produce(queue, world: DemoWorld, count: int, kinds: list[str], tally: StatTally) -> None:
    try:
        for item in _batches(world, count, kinds, tally):
            queue.put(item)
        queue.put(tally.figures)
        queue.put(None)
    except BaseException:
        queue.put(traceback.format_exc())


def _parsed(kind: str, row: tuple) -> ParsedRow:
    """A row of the generator's values as the importer parses its exported cells."""
    spec = SPECS[kind]
    values = {
        field: parse(cell(value)) for (field, parse), value in zip(_parsers(kind), row, strict=True)
    }
    if spec.key:  # a register: keyed by its 登记编号 (or by its unit, set by the writer)
        return ParsedRow(0, [], values, [], values[spec.key] if isinstance(spec.key, str) else None)
    norm = normalise_case_no(values["case_no"])
    if spec.is_case:
        values["case_no_norm"] = norm
        return ParsedRow(0, [], values, [], norm)
    # What the event writer's aware() does, with the zone looked up once rather than per value.
    zone = _zone()
    for field, value in values.items():
        if type(value) is datetime:
            values[field] = value.replace(tzinfo=zone)
    return ParsedRow(0, [], values, [], (norm, values["seq"]))


def _raw(kind: str, row: dict[str, Any]) -> tuple:
    """A generated row's values in the order of its kind's columns."""
    return tuple([row.get(field) for field, _parse in _parsers(kind)])


@cache
def _parsers(kind: str) -> list[tuple[str, Callable[[str], Any]]]:
    return [(column.field, column.parse) for column in SPECS[kind].columns]


@cache
def _zone():
    return timezone.get_default_timezone()


def _stored_cases(norms: list[str]) -> dict[str, tuple[int, int]]:
    """The batch's cases just stored, by normalised number: (id, unit)."""
    return {norm: (pk, unit) for norm, (pk, _hash, unit) in writers.stored_cases(norms).items()}


_FRESH: dict[type, type] = {}


def _fresh(writer: type[writers._Writer]) -> type[writers._Writer]:
    """The kind's writer with nothing stored to compare with: the demo's rows are new."""
    if writer not in _FRESH:

        def existing(self, keys: list) -> dict:
            return {}

        attrs: dict[str, Any] = {"existing": existing}
        if writer is EventWriter:  # its cases are the batch's (others look up more)

            def cases(self, norms: set[str]) -> dict[str, tuple[int, int]]:
                return self.stored

            attrs["_cases"] = cases
        _FRESH[writer] = type(f"Fresh{writer.__name__}", (writer,), attrs)
    return _FRESH[writer]


def _write(kind: str, rows: list[ParsedRow], contexts, stored=None) -> None:
    spec = SPECS[kind]
    writer = _fresh(writers.writer_for(spec))(spec, contexts[kind])
    writer.stored = stored
    outcome = writer.write(rows)
    if outcome.rejected:  # the generator made a row the importer refuses: a bug to fix
        _line, (column, reason) = next(iter(outcome.rejected.items()))
        raise RuntimeError(f"demo {kind} row refused by the importer: {column} {reason}")
