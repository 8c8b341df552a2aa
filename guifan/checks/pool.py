"""Chunks judged by forked worker processes, one per core (the machine the project targets
has two): each worker opens its own database connection, reads its chunks and judges them;
the parent takes the results back in chunk order, so the outcome is the same as a run in
one process.

A fork only sees committed rows through its own connection, and an in-memory SQLite
database cannot be shared, so work stays in the calling process inside a transaction (the
tests), on an in-memory database, or in a process that runs other threads (a web server's
or the task worker's: a fork copies only the calling thread, and a lock another thread
holds at that moment would stay held for ever in the child).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db import connection, connections

_JOB: Callable[[int], Any] | None = None


def _run(index: int):
    assert _JOB is not None
    return _JOB(index)


def _own_connections() -> None:
    """In a new worker: forget any connection inherited from the parent (without closing
    it, which would end the parent's session), so that the first query opens its own."""
    for conn in connections.all(initialized_only=True):
        conn.connection = None


def can_fork() -> bool:
    if connection.in_atomic_block or threading.active_count() > 1:
        return False
    if connection.vendor == "sqlite":
        return not connection.is_in_memory_db()
    return connection.vendor == "postgresql"


def mapped(job: Callable[[int], Any], count: int, workers: int | None = None) -> Iterator[Any]:
    """``job(0) … job(count - 1)`` in order, in ``workers`` processes (the setting
    GUIFAN_CHECKS_WORKERS by default) where forking is safe, else here."""
    global _JOB
    workers = min(settings.GUIFAN_CHECKS_WORKERS if workers is None else workers, count)
    if workers <= 1 or not can_fork():
        yield from (job(i) for i in range(count))
        return
    connections.close_all()  # each worker opens its own
    _JOB = job
    try:
        with multiprocessing.get_context("fork").Pool(workers, _own_connections) as pool:
            yield from pool.imap(_run, range(count))
    finally:
        _JOB = None
