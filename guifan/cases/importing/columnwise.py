"""Parsing a batch of rows column by column: the import's hot loop, run in C where it can.

A batch of well-formed rows (as wide as the header, no NUL, no runaway cell) is turned
into columns; each column is converted with one ``map()`` of its parser (each distinct
cell once: parsers must be pure functions of the cell) and checked for blanks and lengths
at once. Only a column that holds a bad cell is walked cell by cell, to
give each bad cell the same reason, in the same column order, as the row-by-row parser
(engine.Importer._parse), which still reads every other row. The results are the same
``ParsedRow``s; only the order of the work differs.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from guifan.cases.importing.resolve import ParsedRow
from guifan.cases.importing.table import MAX_CELL_CHARS
from guifan.cases.importing.values import blank, text


class Cell(NamedTuple):
    """How to read one column of the file, worked out once per import."""

    index: int
    field: str
    parse: Callable[[Any], Any]
    required: bool
    limit: int | None
    header: str


Errors = dict[int, list[tuple[str, str]]]  # position in the batch -> (column, reason)


def well_formed(batch: list[tuple[int, list[Any]]], width: int) -> bool:
    """True when every row is a list of text cells as wide as the header, none holding a
    NUL or more than MAX_CELL_CHARS characters: the rows this module may take."""
    return transposed(batch, width) is not None


def transposed(batch: list[tuple[int, list[Any]]], width: int) -> list[tuple[Any, ...]] | None:
    """The batch's columns when its rows are well formed (well_formed), else None."""
    if set(map(len, map(itemgetter(1), batch))) != {width}:
        return None
    columns = list(zip(*(cells for _line, cells in batch), strict=True))
    for column in columns:
        try:
            joined = "".join(column)  # TypeError for a number or date of an XLSX sheet
        except TypeError:
            return None
        if "\x00" in joined:
            return None
        if len(joined) > MAX_CELL_CHARS and max(map(len, column)) > MAX_CELL_CHARS:
            return None
    return columns


def parse_columns(
    batch: list[tuple[int, list[Any]]], plan: list[Cell]
) -> tuple[list[ParsedRow], Errors]:
    """The batch's rows with their values; the reasons of the bad cells by position."""
    values, errors = parse_to_columns(batch, plan)
    names, parsed = list(values), list(values.values())
    rows = [
        ParsedRow(line, cells, dict(zip(names, row, strict=True)), errors.get(position, []))
        for position, ((line, cells), row) in enumerate(
            zip(batch, zip(*parsed, strict=True), strict=True)
        )
    ]
    return rows, errors


def parse_to_columns(
    batch: list[tuple[int, list[Any]]], plan: list[Cell], columns: list[tuple] | None = None
) -> tuple[dict[str, list[Any]], Errors]:
    """The batch's values column by column (field -> one value a row; a bad cell's value is
    unused) and the reasons of the bad cells by position. ``columns``: the batch's cells
    already transposed."""
    if columns is None:
        columns = list(zip(*(cells for _line, cells in batch), strict=True))
    errors: Errors = {}
    return {cell.field: _column(columns[cell.index], cell, errors) for cell in plan}, errors


def _column(raw: tuple[str, ...], cell: Cell, errors: Errors) -> list[Any]:
    """One column's values; a bad cell's reason goes to ``errors`` (its value is unused)."""
    _index, _field, parse, required, limit, header = cell
    if parse is text:
        values = list(map(str.strip, raw))
        if required and "" in values:
            _mark(errors, header, [p for p, v in enumerate(values) if v == ""], _("必填项为空"))
    else:
        try:
            values = _convert(raw, parse)
        except ValueError:
            return _slow_column(raw, cell, errors)
        if required and ("" in map(str.strip, raw) or "" in values):
            return _slow_column(raw, cell, errors)
    if limit:
        try:
            too_long = max(map(len, values), default=0) > limit
        except TypeError:  # a parser that gives numbers or dates
            too_long = any(type(v) is str and len(v) > limit for v in values)
        if too_long:
            long = [p for p, v in enumerate(values) if type(v) is str and len(v) > limit]
            _mark(errors, header, long, _("超过 %(n)d 个字符") % {"n": limit})
    return values


def _convert(raw: tuple[str, ...], parse: Callable[[Any], Any]) -> list[Any]:
    """``parse`` over a column. Parsers are pure functions of the cell, and most columns
    repeat a few values (dates, categories, yes/no): each distinct cell is parsed once."""
    distinct = set(raw)
    if len(distinct) * 2 > len(raw):
        return list(map(parse, raw))
    table = {cell: parse(cell) for cell in distinct}
    return list(map(table.__getitem__, raw))


def _slow_column(raw: tuple[str, ...], cell: Cell, errors: Errors) -> list[Any]:
    """Cell by cell, exactly as the row-by-row parser words each problem."""
    _index, _field, parse, required, limit, header = cell
    values: list[Any] = []
    for position, value in enumerate(raw):
        problem = None
        if required and blank(value):
            problem = _("必填项为空")
        else:
            try:
                value = parse(value)
            except ValueError as exc:
                problem = str(exc)
            else:
                if required and value == "":
                    problem = _("必填项为空")
                elif limit and type(value) is str and len(value) > limit:
                    problem = _("超过 %(n)d 个字符") % {"n": limit}
        if problem is not None:
            errors.setdefault(position, []).append((header, problem))
        values.append(value)
    return values


def _mark(errors: Errors, header: str, positions: list[int], reason: str) -> None:
    for position in positions:
        errors.setdefault(position, []).append((header, reason))
