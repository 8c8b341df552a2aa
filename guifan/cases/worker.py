"""``guifan worker``: django-tasks' ``db_worker`` under supervision.

The supervisor starts ``db_worker`` as a child process and, every couple of seconds, checks
that it still runs. When it has died (an import that exhausted memory, a kill), the runs it
left "running" are marked failed with a reason the importer can act on, the restart is
journaled, and a new ``db_worker`` is started (waiting longer after each quick death, so a
worker that cannot start does not spin). Between checks it does the housekeeping that must
happen even when nobody uses the site: journaling the refusals counted in the last minute
and deleting import files past their keeping period.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from django.db import close_old_connections

from guifan.cases.housekeeping import import_files_purge, import_runs_orphaned
from guifan.journal.services import record, tally_flush
from guifan.journal.verbs import Verb

DB_WORKER = [
    sys.executable, "-m", "guifan.cli", "manage", "db_worker",
    "--no-startup-delay", "--no-reload", "--interval", "1", "-v", "0",
]  # fmt: skip
JOBS: list[tuple[int, Callable[[], object]]] = [
    (60, tally_flush),  # seconds between runs, job
    (3600, import_files_purge),
]


def die_with_parent() -> None:
    """In the child, before it runs: end when the supervisor ends, even by SIGKILL, so that a
    restarted supervisor never finds an orphaned worker beside its own (Linux only)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Supervisor:
    def __init__(
        self, command: Sequence[str] = DB_WORKER, *, log: Callable[[str], None] = print
    ) -> None:
        self.command, self.log = list(command), log
        self.child: subprocess.Popen | None = None
        self.restarts, self.started_at = 0, 0.0
        self.next_start = 0.0
        self.due = dict.fromkeys(range(len(JOBS)), 0.0)
        self.stopping = False

    def start(self) -> None:
        self.child = subprocess.Popen(self.command, env={**os.environ}, preexec_fn=die_with_parent)
        self.started_at = time.monotonic()

    def step(self) -> None:
        """One round: look after the child, then run the housekeeping that is due."""
        now = time.monotonic()
        if self.child is not None and self.child.poll() is not None:
            self._died(self.child.returncode, now)
        if self.child is None and now >= self.next_start and not self.stopping:
            self.start()
        for index, (every, job) in enumerate(JOBS):
            if now >= self.due[index]:
                self.due[index] = now + every
                self._safely(job)

    def _died(self, code: int, now: float) -> None:
        self.child = None
        self.restarts += 1
        quick = now - self.started_at < 60
        # 1, 2, 4 … 60 seconds while it keeps dying within a minute of starting.
        self.next_start = now + (min(60, 2 ** min(self.restarts, 6)) if quick else 1)
        orphans = self._safely(import_runs_orphaned) or 0
        self.log(f"后台任务进程已退出（退出码 {code}），{orphans} 个导入标记为失败，即将重启")
        self._safely(
            lambda: record(
                actor=None,
                verb=Verb.WORKER_RESTART,
                payload={"exit_code": code, "failed_imports": orphans},
            )
        )

    def _safely(self, job: Callable[[], object]) -> object:
        try:
            return job()
        except Exception as exc:  # the database may be down for a while; try next round
            self.log(f"后台维护任务出错：{type(exc).__name__}: {exc}")
            return None

    def run(self, *, interval: float = 2.0) -> None:
        """Until SIGTERM or SIGINT: then stop the child and return."""

        def stop(signum, frame) -> None:
            self.stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self._safely(import_runs_orphaned)  # left over from before a restart of the server
        while not self.stopping:
            self.step()
            close_old_connections()
            time.sleep(interval)
        self.stop()

    def stop(self) -> None:
        self.stopping = True
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()
            try:
                self.child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.child.kill()
