"""Inserting many rows at once, faster than ``bulk_create`` (imports, the journal, draws,
assignments), and the secondary indexes of a big load built after its rows."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from operator import itemgetter
from typing import Any

from django.db import connection, models

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
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ops, now = connection.ops, clock.now()
    getters, adapters = [], []
    for position, f in enumerate(fields):
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            # Rows never carry these; adapt the one shared value once.
            getters.append((f.attname, ops.adapt_datetimefield_value(now)))
            continue
        if isinstance(f, models.DateTimeField):
            adapters.append((position, ops.adapt_datetimefield_value))
        elif isinstance(f, models.JSONField):
            adapters.append((position, partial(f.get_db_prep_value, connection=connection)))
        elif isinstance(f, models.DateField) and connection.vendor not in _DRIVER_ADAPTS_DATES:
            adapters.append((position, ops.adapt_datefield_value))
        getters.append((f.attname, f.get_default()))
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
    # Each row over its model's defaults, its values read out in column order, in C.
    defaults = dict(getters)
    names = list(defaults)
    pick = itemgetter(*names) if len(names) > 1 else lambda merged: (merged[names[0]],)
    if adapters:
        params = []
        for row in rows:
            values = list(pick({**defaults, **row}))
            for position, adapt in adapters:
                if values[position] is not None:
                    values[position] = adapt(values[position])
            params.append(values)
    else:
        params = [pick({**defaults, **row}) for row in rows]
    with connection.cursor() as cursor:
        raw = getattr(cursor, "cursor", None)
        if connection.vendor == "postgresql" and hasattr(raw, "copy"):
            # psycopg 3: COPY is several times faster than row-by-row INSERTs on PostgreSQL
            # and its relatives; other drivers take the portable path below.
            table = ops.quote_name(model._meta.db_table)
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in params:
                    copy.write_row(values)
        else:
            cursor.executemany(sql, params)


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
