"""Loading the demo world's cases and their process events into the database.

The rows take the importer's own path — the exported cells parsed by the import specs, then
resolved and stored by the import writers — so the demo holds exactly what importing the
files ``guifan demo export-files`` writes would give, digests included: importing them into
the demo's database changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from typing import Any

from django.db import transaction

from guifan.cases.importing import resolve
from guifan.cases.importing.resolve import ParsedRow
from guifan.cases.importing.specs import SPECS
from guifan.cases.numbers import normalise_case_no
from guifan.cases.services import refresh_statistics
from guifan.cases.tallies import cases_changed
from guifan.demo.defence import REGISTER_KINDS
from guifan.demo.events import EventGenerator
from guifan.demo.export import CaseValues, cell
from guifan.demo.generator import DemoWorld
from guifan.demo.statistics import StatTally

BATCH = 5000
Progress = Callable[[str], None]


def load_cases(world: DemoWorld, count: int, progress: Progress) -> int:
    """Insert ``count`` cases with their events, in batches of one transaction each."""
    stream = EventGenerator(world).cases_with_events(count)
    case_values = CaseValues(world)
    # The case registry's own kinds; the 2015 ledgers are imported with the campaign.
    specs = {
        kind: spec
        for kind, spec in SPECS.items()
        if spec.is_case or spec.is_event or kind in REGISTER_KINDS
    }
    contexts = {kind: resolve.context_for(spec, None) for kind, spec in specs.items()}
    _load_districts(world)
    done = 0
    tally = StatTally(world.seed, world.plans)
    while batch := list(islice(stream, BATCH)):
        for case, _events in batch:
            tally.add(case)
        with transaction.atomic():
            rows = [_parsed("cases", case_values(case, events)) for case, events in batch]
            _write("cases", rows, contexts)
            for kind in specs:
                if kind != "cases":
                    rows = [
                        _parsed(kind, row) for _case, events in batch for row in events.rows[kind]
                    ]
                    _write(kind, rows, contexts)
        done += len(batch)
        if done % 100_000 == 0 or done == count:
            progress(f"已生成案件 {done:,} / {count:,}")
    _load_stat_reports(tally)
    cases_changed()
    for spec in specs.values():
        refresh_statistics(spec.model)
    return done


def _load_districts(world: DemoWorld) -> None:
    """The units' 院辖区表 (R6-01), before their cases."""
    from guifan.demo.places import jurisdiction_rows

    spec = SPECS["jurisdictions"]
    rows = [_parsed("jurisdictions", row) for row in jurisdiction_rows(world)]
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


def _parsed(kind: str, row: dict[str, Any]) -> ParsedRow:
    spec = SPECS[kind]
    values = {column.field: column.parse(cell(row.get(column.field))) for column in spec.columns}
    if spec.key:  # a register: keyed by its 登记编号 (or by its unit, set by the writer)
        return ParsedRow(0, [], values, [], values[spec.key] if isinstance(spec.key, str) else None)
    norm = normalise_case_no(values["case_no"])
    if spec.is_case:
        values["case_no_norm"] = norm
        return ParsedRow(0, [], values, [], norm)
    return ParsedRow(0, [], values, [], (norm, values["seq"]))


def _write(kind: str, rows: list[ParsedRow], contexts) -> None:
    spec = SPECS[kind]
    outcome = resolve.writer_for(spec)(spec, contexts[kind]).write(rows)
    if outcome.rejected:  # the generator made a row the importer refuses: a bug to fix
        _line, (column, reason) = next(iter(outcome.rejected.items()))
        raise RuntimeError(f"demo {kind} row refused by the importer: {column} {reason}")
