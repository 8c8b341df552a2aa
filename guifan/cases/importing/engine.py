"""Importing a case list or an event list: every valid row stored, every bad row explained.

The file is read in batches; each batch is one transaction (its inserts, updates and
journal entries commit together). Re-importing a file changes nothing: each stored row
keeps a digest of its imported values, and a row whose digest is unchanged is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from guifan.cases.importing import resolve, writers
from guifan.cases.importing.casecolumns import Batch, finish, write_batch
from guifan.cases.importing.columns import Spec
from guifan.cases.importing.columnwise import (
    Cell,
    parse_columns,
    parse_to_columns,
    transposed,
    well_formed,
)
from guifan.cases.importing.header import map_header
from guifan.cases.importing.reading import (
    MAX_CELL_CHARS,
    FileRefused,
    Table,
    is_bad_row,
    open_table,
)
from guifan.cases.importing.report import ErrorReport
from guifan.cases.importing.resolve import ParsedRow
from guifan.cases.importing.result import (
    MAX_ERRORS_KEPT,
    ImportResult,
    RowError,
    bad_text,
    file_sha256,
)
from guifan.cases.importing.values import blank, text
from guifan.cases.numbers import normalise_case_no
from guifan.core.bulk import (
    collections_spaced,
    restore_secondary_indexes,
    secondary_indexes_deferred,
)
from guifan.journal.services import record, record_many, serialise_writers
from guifan.journal.verbs import Verb

BATCH = 2000
BULK_ROWS = 100_000  # from here a load into an empty table builds its indexes afterwards

Progress = Callable[[int, int], None]


class Importer:
    """Imports one file of one kind (cases, or one kind of event) for one user."""

    def __init__(
        self,
        spec: Spec,
        *,
        user=None,
        ip: str = "",
        errors_path: Path | None = None,
        progress: Progress | None = None,
        batch_size: int = BATCH,
        bulk: bool | None = None,
    ) -> None:
        self.spec, self.user, self.ip = spec, user, ip
        self.errors_path = errors_path
        self.progress = progress or (lambda done, total: None)
        self.batch_size = batch_size
        self.bulk = bulk
        self._report: ErrorReport | None = None

    def run(
        self,
        path: Path,
        *,
        sheet: str | None = None,
        encoding: str | None = None,
        file_name: str | None = None,
    ) -> ImportResult:
        result = ImportResult(self.spec.kind, file_name or path.name, file_sha256(path))
        self.context = resolve.context_for(self.spec, self.user)
        table = open_table(path, sheet=sheet, encoding=encoding)
        result.encoding = table.encoding
        columns = map_header(self.spec, table, result)
        plan = [
            Cell(
                index,
                column.field,
                column.parse,
                column.required,
                self.context.max_lengths.get(column.field),
                table.header[index],
            )
            for index, column in columns
        ]
        self.header = table.header
        self.seen: dict[Any, int] = {}
        rows = iter(table.rows)
        bulk = self._bulk(table.total)
        self.context.fresh = self.spec.is_case and not self.spec.model.objects.exists()
        # Journaled before the first batch commits, so that no stored row lacks its import.
        self._journal(result, "started")
        try:
            with (
                secondary_indexes_deferred(self.spec.model) if bulk else nullcontext(),
                collections_spaced(),
            ):
                self._import_rows(rows, plan, table, result)
        except Exception:
            self._journal(result, "failed")
            raise
        finally:
            if self._report is not None:
                self._report.close()
                result.errors_path = self._report.path
        result.warnings.extend(table.notes)
        self._journal(result, "done")
        return result

    def _bulk(self, total: int) -> bool:
        """Whether to load with the table's secondary indexes built afterwards: when asked,
        or for a big file (BULK_ROWS) into an empty table, which then belongs to this import
        (docs/DECISIONS.md). Otherwise an interrupted big load's indexes come back first."""
        if self.bulk is not None:
            return self.bulk
        if total >= BULK_ROWS and not self.spec.model.objects.exists():
            return True
        restore_secondary_indexes(self.spec.model)
        return False

    def _import_rows(self, rows, plan: list[Cell], table: Table, result: ImportResult) -> None:
        while batch := list(islice(rows, self.batch_size)):
            self._import_batch(self._parse_batch(batch, plan), result)
            result.rows += len(batch)
            self.progress(result.rows, table.total)

    def _journal(self, result: ImportResult, status: str) -> None:
        payload = {k: v for k, v in result.as_dict().items() if k != "errors"}
        record(
            actor=self.user,
            verb=Verb.IMPORT,
            ip=self.ip,
            target=("cases.importrun", "", result.file_name),
            payload={**payload, "status": status},
        )

    # --- header --------------------------------------------------------------------------
    # --- rows ----------------------------------------------------------------------------
    def _parse_batch(
        self, batch: list[tuple[int, list[Any]]], plan: list[Cell]
    ) -> list[ParsedRow] | Batch:
        """Column by column for the rows as wide as the header (columnwise), row by row for
        the others and for a batch with a suspect cell; the same rows either way. A batch
        of cases stays in columns (casecolumns) when every row is well formed."""
        width = len(self.header)
        if set(map(len, map(itemgetter(1), batch))) == {width}:
            regular = batch
        else:
            regular = [item for item in batch if len(item[1]) == width]
        columnar = self.spec.is_case and self.spec.writer is None
        if columnar and regular is batch and (columns := transposed(batch, width)):
            values, errors = parse_to_columns(batch, plan, columns)
            parsed = Batch(list(map(itemgetter(0), batch)), list(map(itemgetter(1), batch)), values)
            parsed.errors = errors
            finish(self.spec, parsed, self.seen)
            return parsed
        if not regular or not well_formed(regular, width):
            rows = [self._parse(line, cells, plan) for line, cells in batch]
        else:
            rows = self._parse_mixed(batch, regular, plan)
        if columnar:
            return Batch.of_rows(rows, [cell.field for cell in plan] + ["case_no_norm"])
        return rows

    def _parse_mixed(self, batch, regular, plan: list[Cell]) -> list[ParsedRow]:
        parsed, _errors = parse_columns(regular, plan)
        by_line = {row.line: row for row in parsed}
        rows = []
        for line, cells in batch:  # in file order: the first of two duplicates is kept
            row = by_line.get(line)
            if row is None:
                row = self._parse(line, cells, plan)
            elif not row.errors:
                self._finish(row)
            rows.append(row)
        return rows

    def _parse(self, line: int, cells: list[Any], plan: list[Cell]) -> ParsedRow:
        row = ParsedRow(line, cells, {}, [])
        if bad := is_bad_row(cells):
            row.errors.append(("", bad))
            return row
        values, width = row.values, len(cells)
        # A row of text cells (every CSV row) is checked for NULs and runaway cells at once,
        # in C; the loop then checks cells one by one only for the rows that need it.
        try:
            suspect = "\x00" in "".join(cells) or max(map(len, cells), default=0) > MAX_CELL_CHARS
        except TypeError:  # numbers and dates of an XLSX sheet
            suspect = True
        # The hot loop of an import: one pass per cell, no lookups that could be done once.
        for index, name, parse, required, limit, header in plan:
            raw = cells[index] if index < width else None
            if suspect and type(raw) is str and ("\x00" in raw or len(raw) > MAX_CELL_CHARS):
                row.errors.append((header, bad_text(raw)))
                continue
            if parse is text and type(raw) is str:
                value = raw.strip()
            else:
                if required and blank(raw):
                    row.errors.append((header, _("必填项为空")))
                    continue
                try:
                    value = parse(raw)
                except ValueError as exc:
                    row.errors.append((header, str(exc)))
                    continue
            if required and value == "":
                row.errors.append((header, _("必填项为空")))
            elif limit and type(value) is str and len(value) > limit:
                row.errors.append((header, _("超过 %(n)d 个字符") % {"n": limit}))
            else:
                values[name] = value
        if width > len(self.header):
            extra = [c for c in cells[len(self.header) :] if not blank(c)]
            if extra:
                row.errors.append(
                    ("", _("本行比表头多出 %(n)d 列内容，请检查是否错位") % {"n": len(extra)})
                )
        if not row.errors:
            self._finish(row)
        return row

    def _finish(self, row: ParsedRow) -> None:
        """The checks across a parsed row's values, then its key (duplicates in the file)."""
        for check in self.spec.checks:
            if problem := check(row.values):
                row.errors.append(problem)
        if not row.errors:
            self._resolve_key(row)

    def _resolve_key(self, row: ParsedRow) -> None:
        if self.spec.key:
            fields = self.spec.key_fields
            row.key = "\x1f".join(str(row.values.get(f) or "").strip() for f in fields)
            first = self.seen.setdefault(row.key, row.line)
            if first != row.line:
                column = next(c.header for c in self.spec.columns if c.field == fields[-1])
                row.errors.append((column, _("与第 %(line)d 行重复") % {"line": first}))
            return
        norm = normalise_case_no(row.values["case_no"])
        if self.spec.is_case:
            row.values["case_no_norm"] = norm
            row.key = norm
        else:
            row.key = (norm, row.values["seq"])
        first = self.seen.setdefault(row.key, row.line)
        if first != row.line:
            what = _("同一案件") if self.spec.is_case else _("同一案件的同一序号")
            row.errors.append(
                (
                    "部门受案号",
                    _("与第 %(line)d 行重复（%(what)s）") % {"line": first, "what": what},
                )
            )

    def _import_batch(self, rows: list[ParsedRow] | Batch, result: ImportResult) -> None:
        with transaction.atomic():
            # Two imports of overlapping files must not both decide "new row" and collide.
            serialise_writers()
            if isinstance(rows, Batch):
                outcome = write_batch(self.spec, self.context, rows.take(rows.good()))
            else:
                outcome = writers.writer_for(self.spec)(self.spec, self.context).write(
                    [r for r in rows if not r.errors]
                )
            if outcome.changes:
                record_many(actor=self.user, items=outcome.changes, ip=self.ip)
        result.imported += outcome.inserted
        result.updated += outcome.updated
        result.unchanged += outcome.unchanged
        if isinstance(rows, Batch):
            for position, line in enumerate(rows.lines):
                problems = rows.errors.get(position)
                if problems is None and line in outcome.rejected:
                    problems = [outcome.rejected[line]]
                if problems:
                    self._reject(ParsedRow(line, rows.cells[position], {}, problems), result)
            return
        for row in rows:
            if not row.errors and row.line in outcome.rejected:
                row.errors.append(outcome.rejected[row.line])
            if row.errors:
                self._reject(row, result)

    def _reject(self, row: ParsedRow, result: ImportResult) -> None:
        result.rejected += 1
        reason = "；".join(f"{col}：{why}" if col else why for col, why in row.errors)
        if len(result.errors) < MAX_ERRORS_KEPT:
            result.errors.append(
                RowError(row.line, "、".join(c for c, _ in row.errors if c), reason)
            )
        if self.errors_path is not None:
            if self._report is None:
                self._report = ErrorReport(self.errors_path, self.header)
            self._report.add(row.line, reason, row.cells)


__all__ = ["FileRefused", "ImportResult", "Importer", "RowError", "file_sha256"]
