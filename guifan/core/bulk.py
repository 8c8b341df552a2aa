"""Inserting many rows at once, faster than ``bulk_create`` (imports, the journal, draws,
assignments), and the secondary indexes of a big load built after its rows."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import partial
from operator import itemgetter
from typing import Any

from django.db import connection, models
from django.db.backends.postgresql.psycopg_any import is_psycopg3

from guifan.core import clock

# Drivers that store a date as Django would without help: Django's SQLite backend registers
# date.isoformat() with sqlite3, and psycopg sends dates as dates.
_DRIVER_ADAPTS_DATES = ("sqlite", "postgresql")

logger = logging.getLogger(__name__)


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert plain value dicts with one prepared statement.

    ``bulk_create`` spends most of an import compiling SQL and preparing each value through
    every field; here the statement is built once and values need only the date and time
    adaptation of the backend. Missing fields take their model defaults.
    """
    if not rows:
        return
    statement = _Statement(model)
    # Each row over its model's defaults, its values read out in column order, in C.
    defaults = statement.defaults
    names = list(defaults)
    pick = itemgetter(*names) if len(names) > 1 else lambda merged: (merged[names[0]],)
    if statement.adapters:
        params = []
        for row in rows:
            values = list(pick({**defaults, **row}))
            for position, adapt in statement.adapters:
                if values[position] is not None:
                    values[position] = adapt(values[position])
            params.append(values)
    else:
        params = [pick({**defaults, **row}) for row in rows]
    statement.run(params)


def insert_columns(model: type[models.Model], columns: dict[str, list[Any]], count: int) -> None:
    """Insert ``count`` rows given column by column (attname -> one value a row), as
    insert_rows does; a column left out takes its model default. The rows are put together
    in C: no dict per row (on PostgreSQL, COPY's text made column by column)."""
    if not count:
        return
    statement = _Statement(model)
    adapt = dict(statement.adapters)
    ordered = []
    for position, (name, default) in enumerate(statement.defaults.items()):
        column = columns.get(name)
        if column is None:
            column = [default] * count
        elif position in adapt:
            column = _adapted(column, adapt[position])
        elif statement.iso_dates and position in statement.date_positions:
            column = _adapted(column, _iso)  # what the driver's adapter would do
        ordered.append(column)
    if statement.copies and (text := _copy_text(ordered)) is not None:
        statement.run_copy(text)
    else:
        statement.run(list(zip(*ordered, strict=True)))


# COPY's text format: a tab between columns, \N for NULL, these characters escaped.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_SCALARS = {
    type(None): lambda value: "\\N",
    bool: lambda value: "t" if value else "f",
    int: str,
    date: date.isoformat,
    datetime: lambda value: value.isoformat(" "),
    str: lambda value: value.translate(_COPY_ESCAPES),
}


def _copy_text(columns: list[list[Any]]) -> str | None:
    """The rows as COPY text, or None for a value of a type not written here."""
    texts = []
    for column in columns:
        try:
            joined = "".join(column)  # TypeError unless every value is text
        except TypeError:
            table = {}
            for value in set(column):
                write = _COPY_SCALARS.get(type(value))
                if write is None and isinstance(value, str):  # a TextChoices member
                    write = _COPY_SCALARS[str]
                if write is None:
                    return None
                table[value] = write(value)
            texts.append(list(map(table.__getitem__, column)))
            continue
        if any(char in joined for char in "\\\t\n\r"):
            column = [value.translate(_COPY_ESCAPES) for value in column]
        texts.append(column)
    return "\n".join(map("\t".join, zip(*texts, strict=True))) + "\n"


def _adapted(column: list[Any], adapt) -> list[Any]:
    """``adapt`` over a column's values (None kept), each distinct value once."""
    table = {value: adapt(value) for value in set(column) if value is not None}
    table[None] = None
    return list(map(table.__getitem__, column))


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


class _Statement:
    """The INSERT (COPY on PostgreSQL) of a model's concrete fields but its primary key."""

    def __init__(self, model: type[models.Model]) -> None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        ops, now = connection.ops, clock.now()
        self.defaults: dict[str, Any] = {}
        self.adapters: list[tuple[int, Any]] = []
        self.date_positions: set[int] = set()
        for position, f in enumerate(fields):
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                # Rows never carry these; adapt the one shared value once.
                self.defaults[f.attname] = ops.adapt_datetimefield_value(now)
                continue
            if isinstance(f, models.DateTimeField):
                self.adapters.append((position, ops.adapt_datetimefield_value))
            elif isinstance(f, models.JSONField):
                prepare = partial(f.get_db_prep_value, connection=connection)
                self.adapters.append((position, prepare))
            elif isinstance(f, models.DateField):
                if connection.vendor not in _DRIVER_ADAPTS_DATES:
                    self.adapters.append((position, ops.adapt_datefield_value))
                else:
                    self.date_positions.add(position)
            self.defaults[f.attname] = f.get_default()
        # SQLite's adapter is a Python call per date; a column maps each distinct date once.
        self.iso_dates = connection.vendor == "sqlite"
        self.copies = connection.vendor == "postgresql" and is_psycopg3
        table = ops.quote_name(model._meta.db_table)
        columns = ", ".join(ops.quote_name(f.column) for f in fields)
        self.copy_sql = f"COPY {table} ({columns}) FROM STDIN"
        marks = ", ".join(["%s"] * len(fields))
        self.insert_sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"

    def run_copy(self, text: str) -> None:
        """COPY rows already written in its text format (PostgreSQL)."""
        with (
            connection.cursor() as cursor,
            connection.wrap_database_errors,
            cursor.cursor.copy(self.copy_sql) as copy,
        ):
            copy.write(text)

    def run(self, params: list) -> None:
        # Driver errors as Django's (IntegrityError…): COPY goes past Django's cursor.
        with connection.cursor() as cursor, connection.wrap_database_errors:
            if self.copies:
                # psycopg 3: COPY is several times faster than row-by-row INSERTs on
                # PostgreSQL and its relatives; other drivers take the portable path below.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for values in params:
                        copy.write_row(values)
            else:
                cursor.executemany(self.insert_sql, params)


# -- the garbage collector during a big load -------------------------------------------------

_spaced = {"depth": 0, "threshold": (0, 0, 0)}
_spaced_lock = threading.Lock()


@contextmanager
def collections_spaced(young: int = 50_000) -> Iterator[None]:
    """Collect garbage less often while loading: a batch makes tens of thousands of short-lived
    tuples and lists, and with the default threshold (700) the collector ran every few
    hundred of them, walking the long-lived objects too (a tenth of an import's time).
    What exists beforehand is frozen out of the collections meanwhile; cycles made during
    the load are still collected, only later."""
    with _spaced_lock:
        if _spaced["depth"] == 0:
            _spaced["threshold"] = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(young, *_spaced["threshold"][1:])
        _spaced["depth"] += 1
    try:
        yield
    finally:
        with _spaced_lock:
            _spaced["depth"] -= 1
            if _spaced["depth"] == 0:
                gc.set_threshold(*_spaced["threshold"])
                gc.unfreeze()


# -- big loads: secondary indexes built once after the rows instead of row by row -------------


def _declared_indexes(model: type[models.Model]) -> dict[str, str]:
    """The model's secondary (non-unique) indexes as its migrations create them, by name:
    Meta.indexes and each field's own (db_index, PostgreSQL's pattern-ops twin)."""
    # Only to build SQL: entered, the editor would refuse to run inside a transaction on SQLite.
    editor = connection.schema_editor()
    statements = [index.create_sql(model, editor) for index in model._meta.indexes]
    for field in model._meta.local_fields:
        statements.extend(editor._field_indexes_sql(model, field))
    return {str(s.parts["name"]).strip('"'): str(s) for s in statements}


def _present_indexes(model: type[models.Model]) -> set[str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {name for name, c in found.items() if c["index"] and not c["unique"]}


def drop_secondary_indexes(model: type[models.Model]) -> list[str]:
    """Drop the model's declared secondary indexes (never a unique one: those keep the data
    right); returns their names. ``restore_secondary_indexes`` builds them again."""
    dropped = sorted(_declared_indexes(model).keys() & _present_indexes(model))
    _run([f"DROP INDEX {connection.ops.quote_name(name)}" for name in dropped])
    return dropped


def restore_secondary_indexes(model: type[models.Model]) -> list[str]:
    """Create whichever of the model's declared secondary indexes are missing (after a big
    load, or one that was interrupted); returns their names."""
    declared = _declared_indexes(model)
    missing = sorted(declared.keys() - _present_indexes(model))
    _run([declared[name] for name in missing])
    return missing


def _run(statements: list[str]) -> None:
    """DDL on a table, also inside a transaction that wrote to it: PostgreSQL refuses to
    index a table with foreign-key checks still deferred, so those are made first."""
    if not statements:
        return
    settle = connection.vendor == "postgresql" and connection.in_atomic_block
    with connection.cursor() as cursor:
        if settle:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in statements:
            cursor.execute(statement)
        if settle:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextmanager
def secondary_indexes_deferred(model: type[models.Model]) -> Iterator[None]:
    """Load rows into ``model``'s table without its secondary indexes, then build them once:
    each batch still commits on its own, and the indexes come back even if the load fails."""
    drop_secondary_indexes(model)
    try:
        yield
    except BaseException:
        try:
            restore_secondary_indexes(model)
        except Exception:
            # The load's own error is the one to report; the next import builds them.
            logger.exception("rebuilding the indexes of %s", model._meta.db_table)
        raise
    restore_secondary_indexes(model)
