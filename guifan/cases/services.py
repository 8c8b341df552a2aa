"""Writes to the case registry: imports (CLI, web task and API all come through here)."""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from guifan.cases.importing.engine import FileRefused, Importer
from guifan.cases.importing.result import ImportResult
from guifan.cases.importing.specs import SPECS
from guifan.cases.models import ImportRejection, ImportRun, ImportStatus
from guifan.cases.tallies import cases_changed
from guifan.core import clock

logger = logging.getLogger(__name__)
ANALYZE_AFTER = 10_000  # rows written by one import


def kind_for_file(path: Path) -> str:
    """Guess the import kind from a file name such as interrogations.csv or 讯问.xlsx."""
    stem = path.stem.lower()
    for kind, spec in SPECS.items():
        if stem.startswith(kind) or spec.label in path.stem:
            return kind
    return "cases"


def cases_import(
    *,
    path: Path,
    kind: str,
    user=None,
    sheet: str | None = None,
    encoding: str | None = None,
    errors_path: Path | None = None,
    file_name: str | None = None,
    ip: str = "",
    progress=None,
    bulk: bool | None = None,
) -> ImportResult:
    """Import one file; raises FileRefused when it cannot be read at all. ``bulk``: load
    with the table's secondary indexes rebuilt afterwards (None: decided by the importer
    for big files into an empty table, see Importer)."""
    if kind not in SPECS:
        raise FileRefused(
            _("未知的导入类型“%(k)s”，可选：%(all)s") % {"k": kind, "all": "、".join(SPECS)}
        )
    spec = SPECS[kind]
    importer = Importer(
        spec, user=user, ip=ip, errors_path=errors_path, progress=progress, bulk=bulk
    )
    try:
        result = importer.run(path, sheet=sheet, encoding=encoding, file_name=file_name)
        if result.imported + result.updated >= ANALYZE_AFTER:
            refresh_statistics(spec.model)
    except BaseException:
        # Even a failed import may have written batches: cached counts must not hide them.
        # Should that fail too, the import's own error is the one to report.
        try:
            cases_changed(tallies=spec.is_case)
        except Exception:
            logger.exception("refreshing the case counts after a failed import")
        raise
    # Cached counts follow every import, and the 工作台's closed tallies every one of cases.
    cases_changed(tallies=spec.is_case)
    if spec.after is not None and result.imported + result.updated:
        spec.after(user)
    return result


def refresh_statistics(model) -> None:
    """After a bulk load the planner's row estimates are stale; on PostgreSQL a filtered
    ledger page went from 1.5 s to 70 ms at a million cases once they were refreshed."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def this_process() -> str:
    """Which process runs an import, as the worker's supervisor can check it."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def import_dir() -> Path:
    path = settings.DATA_DIR / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


UPLOAD_SUFFIXES = (".csv", ".txt", ".xlsx")


def check_upload(*, name: str, size: int) -> None:
    """Refuse an upload before it is stored: too large, or not a spreadsheet."""
    limit = settings.GUIFAN_IMPORT_MAX_MB
    if size > limit * 1024 * 1024:
        raise FileRefused(_("文件超过 %(n)d MB，请拆分后分批导入。") % {"n": limit})
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise FileRefused(_("只能导入 .csv、.txt 或 .xlsx 文件。"))


@transaction.atomic
def import_run_create(*, user, upload, kind: str, sheet: str = "") -> ImportRun:
    """Keep an uploaded file outside the web root and queue its import."""
    from guifan.cases.importing.result import file_sha256

    if kind not in SPECS:
        raise FileRefused(_("未知的导入类型“%(k)s”") % {"k": kind})
    check_upload(name=upload.name, size=upload.size)
    suffix = Path(upload.name).suffix.lower()
    run = ImportRun.objects.create(
        kind=kind,
        file_name=Path(upload.name).name[:255],
        file_sha256="",
        sheet=sheet,
        created_by=user,
        unit=user.person.unit if user.person_id else None,
    )
    stored = import_dir() / f"run-{run.pk}{suffix}"
    with stored.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    run.stored_path, run.file_sha256 = str(stored), file_sha256(stored)
    run.save(update_fields=["stored_path", "file_sha256"])
    return run


def _fail(run: ImportRun, reason: str) -> ImportRun:
    run.status, run.failure, run.finished_at = ImportStatus.FAILED, reason, clock.now()
    run.save()
    return run


def _keep_rejections(run: ImportRun, result: ImportResult) -> None:
    """The first rejected rows (engine.MAX_ERRORS_KEPT), readable on the import's page."""
    ImportRejection.objects.bulk_create(
        (
            ImportRejection(run=run, line=e.line, columns=e.column[:200], reason=e.reason)
            for e in result.errors
        ),
        batch_size=500,
    )


def import_run_execute(run: ImportRun) -> ImportRun:
    """Run a queued import (in the background worker), recording progress as it goes."""
    run.status, run.worker = ImportStatus.RUNNING, this_process()
    run.save(update_fields=["status", "worker"])
    if run.created_by is None:
        # The uploader's account is gone; importing with nobody's scope would mean everyone's.
        return _fail(run, _("提交导入的账号已不存在，导入未执行"))

    def progress(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(processed_rows=done, total_rows=total)

    try:
        result = cases_import(
            path=Path(run.stored_path),
            kind=run.kind,
            user=run.created_by,
            sheet=run.sheet or None,
            errors_path=import_dir() / f"run-{run.pk}-errors.xlsx",
            file_name=run.file_name,
            progress=progress,
        )
    except FileRefused as exc:
        return _fail(run, str(exc))
    except Exception as exc:  # the worker must survive and the user must learn what happened
        logger.exception("import run %s failed", run.pk)
        return _fail(
            run,
            _("导入中途出错（%(e)s），已完成的批次已保存，请联系系统管理员查看日志后重新导入")
            % {"e": type(exc).__name__},
        )
    else:
        run.status = ImportStatus.DONE
        run.total_rows = run.processed_rows = result.rows
        run.imported, run.updated = result.imported, result.updated
        run.unchanged, run.rejected = result.unchanged, result.rejected
        run.warnings = "\n".join(result.warnings)
        run.errors_path = str(result.errors_path or "")
        _keep_rejections(run, result)
    run.finished_at = clock.now()
    run.save()
    return run
