"""What the background worker's supervisor looks after for imports: runs whose worker died,
uploaded files past their keeping period, and whether the queue is moving at all.

Import runs are stamped with real time (``created_at``/``finished_at``), not the business
clock, so these compare against ``timezone.now()`` as well.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guifan.cases.models import ImportRun, ImportStatus
from guifan.journal.services import record
from guifan.journal.verbs import Verb


def worker_died() -> str:
    return _(
        "后台任务进程在导入过程中意外退出（可能是文件过大或服务器内存不足），已完成的批次已保存；"
        "请检查文件（或拆分后）重新导入，如再次发生请联系系统管理员"
    )


def _alive(worker: str) -> bool:
    """Whether the process "host:pid" still runs; a process on another host is assumed to."""
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def import_runs_orphaned() -> int:
    """Mark as failed every run still "running" in a process of this host that is gone,
    with a reason the importer can act on; returns how many."""
    running = ImportRun.objects.filter(status=ImportStatus.RUNNING)
    orphans = [run for run in running if not _alive(run.worker)]
    for run in orphans:
        with transaction.atomic():
            updated = ImportRun.objects.filter(pk=run.pk, status=ImportStatus.RUNNING).update(
                status=ImportStatus.FAILED, failure=worker_died(), finished_at=timezone.now()
            )
            if updated:
                record(
                    actor=None,
                    verb=Verb.IMPORT,
                    target=("cases.importrun", str(run.pk), run.file_name),
                    payload={"status": "worker_died", "worker": run.worker},
                )
    return len(orphans)


def import_files_purge(*, now: datetime | None = None) -> int:
    """Delete uploaded import files and error reports older than GUIFAN_IMPORT_KEEP_DAYS,
    one journal entry per import; returns how many imports lost their files."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.GUIFAN_IMPORT_KEEP_DAYS)
    runs = ImportRun.objects.filter(
        files_deleted_at__isnull=True,
        status__in=[ImportStatus.DONE, ImportStatus.FAILED],
        finished_at__lt=cutoff,
    )
    count = 0
    for run in runs.iterator():
        with transaction.atomic():
            deleted = [p for p in (run.stored_path, run.errors_path) if p and _unlink(p)]
            ImportRun.objects.filter(pk=run.pk).update(
                files_deleted_at=timezone.now(), stored_path="", errors_path=""
            )
            record(
                actor=None,
                verb=Verb.IMPORT_FILE_DELETE,
                target=("cases.importrun", str(run.pk), run.file_name),
                payload={
                    "sha256": run.file_sha256,
                    "files": len(deleted),
                    "keep_days": settings.GUIFAN_IMPORT_KEEP_DAYS,
                },
            )
        count += 1
    return count


def _unlink(path: str) -> bool:
    try:
        Path(path).unlink()
    except FileNotFoundError:
        return False
    return True


@dataclass(frozen=True)
class QueueState:
    waiting: int
    since: datetime


def import_queue_stalled() -> QueueState | None:
    """Imports queued longer than GUIFAN_QUEUE_STUCK_MINUTES: the worker is not taking them."""
    cutoff = timezone.now() - timedelta(minutes=settings.GUIFAN_QUEUE_STUCK_MINUTES)
    queued = ImportRun.objects.filter(status=ImportStatus.QUEUED, created_at__lt=cutoff)
    oldest = queued.order_by("created_at").values_list("created_at", flat=True).first()
    return QueueState(queued.count(), oldest) if oldest else None
