"""The database half of a backup, per engine: a consistent dump with the row count of every
table taken from the same snapshot, the "is it empty" question, and loading a dump back.

PostgreSQL: ``pg_dump`` in its custom format, run against a snapshot exported by a
repeatable-read transaction that also counts the rows, so that the counts describe exactly
the dumped data while the system keeps running; ``pg_restore`` in one transaction.
SQLite: the online backup API (a page-by-page copy that sees one consistent state), counted
from the copy.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class EngineError(Exception):
    """A dump or restore the engine refused (message in Chinese, for the operator)."""


def engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def dump_name() -> str:
    return "database.dump" if engine() == "postgresql" else "database.sqlite3"


def dump(target: Path) -> dict[str, int]:
    """Write the database to ``target``; return {table: rows} of the dumped state."""
    return _pg_dump(target) if engine() == "postgresql" else _sqlite_dump(target)


def row_counts() -> dict[str, int]:
    """{table: rows} of the database Django is connected to."""
    with connection.cursor() as cursor:
        return {table: _count(cursor, table) for table in _tables()}


def is_empty() -> bool:
    return not _tables()


def load(source: Path) -> None:
    """Load a dump made by ``dump`` into the (empty) database Django points at."""
    if engine() == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction",
              "--dbname", _pg_env()["PGDATABASE"], str(source)])  # fmt: skip
        return
    connection.close()
    name = str(connection.settings_dict["NAME"])
    copy, into = sqlite3.connect(source), sqlite3.connect(name)
    try:
        with into:
            copy.backup(into)
    finally:
        copy.close()
        into.close()


def _ours(names) -> list[str]:
    """The database's own tables, sorted: not SQLite's (sqlite_stat1 appears after an ANALYZE)."""
    return sorted(name for name in names if not name.startswith("sqlite_"))


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return _ours(connection.introspection.table_names(cursor))


def _count(cursor, table: str) -> int:
    cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
    return cursor.fetchone()[0]


def _sqlite_dump(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        with copy:
            connection.connection.backup(copy)
        names = copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {
            name: copy.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name in _ours(name for (name,) in names)
        }
    finally:
        copy.close()


def _pg_dump(target: Path) -> dict[str, int]:
    import psycopg

    libpq = {"PGDATABASE": "dbname", "PGHOST": "host", "PGPORT": "port", "PGUSER": "user",
             "PGPASSWORD": "password", "PGSSLMODE": "sslmode"}  # fmt: skip
    params = {libpq[key]: value for key, value in _pg_env().items()}
    with psycopg.connect(**params) as snapshot:
        snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        exported = snapshot.execute("SELECT pg_export_snapshot()").fetchone()[0]
        tables = snapshot.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        ).fetchall()
        counts = {
            name: snapshot.execute(
                f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}"
            ).fetchone()[0]
            for (name,) in tables
        }
        # The snapshot lives as long as this transaction: pg_dump sees exactly what was counted.
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--snapshot={exported}",
              "--file", str(target)])  # fmt: skip
    return counts


def _pg_env() -> dict[str, str]:
    """libpq's environment for the client programs: no password on their command line."""
    settings = connection.settings_dict
    env = {
        "PGDATABASE": settings["NAME"],
        "PGHOST": settings.get("HOST") or "",
        "PGPORT": str(settings.get("PORT") or ""),
        "PGUSER": settings.get("USER") or "",
        "PGPASSWORD": settings.get("PASSWORD") or "",
    }
    if sslmode := settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return {key: value for key, value in env.items() if value}


def _run(command: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")} | _pg_env()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise EngineError(
            f"找不到 {command[0]}：请安装与数据库版本相同或更新的 PostgreSQL 客户端程序"
        ) from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["（无输出）"])[-1]
        raise EngineError(f"{command[0]} 失败（退出码 {done.returncode}）：{reason}")
