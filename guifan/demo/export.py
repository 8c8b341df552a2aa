"""The demo world's cases and process events written as the import files units send in.

One CSV (UTF-8 with BOM, as Excel saves it) and one XLSX workbook per kind, with the Chinese
headers of the import specs, written case by case as they are generated so that a million
cases need no more memory than one.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from guifan.cases.importing.specs import SPECS
from guifan.cases.models import CaseStatus, Grade
from guifan.demo.events import CaseEvents, EventGenerator
from guifan.demo.generator import CaseRow, DemoWorld
from guifan.demo.statistics import StatTally
from guifan.org.models import Tier

FORMATS = ("csv", "xlsx")
XLSX_MAX_ROWS = 1_048_576  # per sheet, header included; further rows go on the next sheet
SUPERVISION = {"": "", "province": "省院", "city": "市院"}
Progress = Callable[[str], None]


def export_files(
    directory: Path,
    *,
    cases: int,
    seed: int = 2016,
    formats: Sequence[str] = FORMATS,
    kinds: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write ``cases.csv``/``.xlsx`` and ``<kind>.csv``/``.xlsx`` for every event kind of the
    first ``cases`` cases of ``DemoWorld(seed)``, and the 2015 ledgers (or only ``kinds``);
    return the rows written per kind."""
    from guifan.demo.baseline import BASELINE_KINDS, baseline_rows
    from guifan.demo.places import jurisdiction_rows

    kinds = tuple(SPECS) if kinds is None else tuple(kinds)
    if set(kinds) - set(SPECS):
        raise ValueError(f"kinds must be chosen from {tuple(SPECS)}")
    unknown = set(formats) - set(FORMATS)
    if unknown or not formats:
        raise ValueError(f"formats must be chosen from {FORMATS}, not {sorted(unknown)}")
    directory.mkdir(parents=True, exist_ok=True)
    world = DemoWorld(seed, cases)
    generator = EventGenerator(world)
    case_values = CaseValues(world)
    counts = dict.fromkeys(kinds, 0)
    for kind, rows in baseline_rows(world).items():
        if kind in kinds:
            write_rows(directory, kind, rows, formats)
            counts[kind] = len(rows)
    with ExitStack() as stack:
        sinks = {
            kind: _open_sinks(stack, directory, kind, formats)
            for kind in kinds
            if kind not in (*BASELINE_KINDS, "stat_reports", "jurisdictions")
        }
        tally = StatTally(seed, world.plans)
        for done, (case, events) in enumerate(generator.cases_with_events(cases), 1):
            tally.add(case)
            if "cases" in sinks:
                _write(sinks["cases"], "cases", [case_values(case, events)])
                counts["cases"] += 1
            for kind, rows in events.rows.items():
                if kind in sinks:
                    _write(sinks[kind], kind, rows)
                    counts[kind] += len(rows)
            if progress and (done % 100_000 == 0 or done == cases):
                progress(f"已导出案件 {done:,} / {cases:,}")
    if "jurisdictions" in kinds:  # the 院辖区表 (demo/places.py)
        rows = jurisdiction_rows(world)
        write_rows(directory, "jurisdictions", rows, formats)
        counts["jurisdictions"] = len(rows)
    if "stat_reports" in kinds:  # counted over the cases exported (demo/statistics.py)
        rows = tally.reports()[0]
        write_rows(directory, "stat_reports", rows, formats)
        counts["stat_reports"] = len(rows)
    return counts


def write_rows(
    directory: Path, kind: str, rows: Iterable[dict[str, Any]], formats: Sequence[str]
) -> None:
    """One kind's rows (by field name) as ``<kind>.csv``/``.xlsx`` in ``directory``."""
    with ExitStack() as stack:
        _write(_open_sinks(stack, directory, kind, formats), kind, rows)


def cell(value: Any) -> str:
    """A value as the case-management exports show it."""
    kind = type(value)
    if kind is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if kind is datetime and value.tzinfo is None:
        return value.isoformat(" ", "minutes")  # %Y-%m-%d %H:%M, several times faster
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if kind is date:
        return value.isoformat()
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


class CaseValues:
    """Turns a ``CaseRow`` into the values of the case file, choices by their Chinese label."""

    def __init__(self, world: DemoWorld) -> None:
        self.unit_names = {u.code: u.name for u in world.units}
        self.people = {p.staff_no: p.name for p in world.people}
        self.status = _labels(CaseStatus.choices)
        self.tier = {"": "", **_labels(Tier.choices)}
        self.grade = {"": "", **_labels(Grade.choices)}

    def __call__(self, case: CaseRow, events: CaseEvents) -> dict[str, Any]:
        return {
            "case_no": case.case_no,
            "unified_no": case.unified_no,
            "name": case.name,
            "category": case.category,
            "cause": case.cause,
            "unit_code": case.unit_code,
            "unit_name": self.unit_names[case.unit_code],
            "department_name": case.department,
            "handler_staff_no": case.handler_staff_no,
            "handler_name": self.people[case.handler_staff_no],
            "accept_date": case.accept_date,
            "filing_date": events.case_fields["filing_date"],
            "close_date": case.close_date,
            "close_type": case.close_type,
            "retrial_applied_on": events.case_fields["retrial_applied_on"],
            "retrial_ruled_on": events.case_fields["retrial_ruled_on"],
            "status": self.status[case.status],
            "is_self_investigation": case.is_self_investigation,
            "is_major_bribery": events.case_fields["is_major_bribery"],
            "crime_place": events.case_fields["crime_place"],
            "police_place": events.case_fields["police_place"],
            "designated": events.case_fields["designated"],
            "supervision": SUPERVISION[case.supervision],
            "prior_eval_year": case.prior_eval_year,
            "prior_eval_tier": self.tier[case.prior_eval_tier],
            "prior_eval_grade": self.grade[case.prior_eval_grade],
            "reviewers": ",".join(case.reviewers),
            "prior_evaluators": ",".join(case.prior_evaluators),
        }


def _labels(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _open_sinks(stack: ExitStack, directory: Path, kind: str, formats: Sequence[str]) -> list:
    spec = SPECS[kind]
    header = [column.header for column in spec.columns]
    sinks: list[_CsvSink | _XlsxSink] = []
    if "csv" in formats:
        sinks.append(stack.enter_context(_CsvSink(directory / f"{kind}.csv", header)))
    if "xlsx" in formats:
        sinks.append(stack.enter_context(_XlsxSink(directory / f"{kind}.xlsx", spec.label, header)))
    return sinks


def _write(sinks: list, kind: str, rows: Iterable[dict[str, Any]]) -> None:
    fields = [column.field for column in SPECS[kind].columns]
    for row in rows:
        cells = [cell(row.get(name)) for name in fields]
        for sink in sinks:
            sink.write(cells)


class _CsvSink:
    def __init__(self, path: Path, header: list[str]) -> None:
        self.handle = path.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.handle)
        self.writer.writerow(header)

    def write(self, cells: list[str]) -> None:
        self.writer.writerow(cells)

    def __enter__(self) -> _CsvSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


class _XlsxSink:
    """A workbook written row by row (xlsxwriter's constant memory mode), every cell text."""

    def __init__(self, path: Path, label: str, header: list[str]) -> None:
        self.book = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.bold = self.book.add_format({"bold": True})
        self.label, self.header = label, header
        self.sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self.sheets += 1
        name = self.label if self.sheets == 1 else f"{self.label}{self.sheets}"
        self.sheet = self.book.add_worksheet(name)
        self.sheet.set_column(0, len(self.header) - 1, 18)
        self.sheet.freeze_panes(1, 0)
        for col, name in enumerate(self.header):
            self.sheet.write_string(0, col, name, self.bold)
        self.row = 1

    def write(self, cells: list[str]) -> None:
        if self.row == XLSX_MAX_ROWS:
            self._new_sheet()
        for col, text in enumerate(cells):
            if text:
                self.sheet.write_string(self.row, col, text)
        self.row += 1

    def __enter__(self) -> _XlsxSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.book.close()
