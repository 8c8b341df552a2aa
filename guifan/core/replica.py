"""A read replica for dashboards and exports (docs/DEPLOY.md, 只读副本).

With ``GUIFAN_REPLICA_URL`` set, settings add ``DATABASES["replica"]`` and
``GUIFAN_READ_REPLICA = "replica"``. Code that only reads and may be a few seconds behind —
the statistics pages and the exports — runs under ``replica_reads`` (a decorator or a
``with`` block); the router sends its reads to the replica. Everything else, every write,
and every read inside a transaction on the primary (a write's own reads, row locks, the
journal's chain) goes to ``default``. Without a replica nothing changes.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_reading = ContextVar("guifan_replica_reads", default=False)


@contextmanager
def replica_reads():
    """Reads inside go to the read replica when one is configured."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def read_alias() -> str:
    replica = getattr(settings, "GUIFAN_READ_REPLICA", None)
    if replica and _reading.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return replica
    return DEFAULT_DB_ALIAS


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        return read_alias()

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the primary's rows: one database for relations

    def allow_migrate(self, db, app_label, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema by replication
