"""``guifan backup`` / ``guifan restore``: one archive file holding the database and the data
directory's files, restored only into an empty database and then checked.

The archive is a plain tar (the dump is compressed already, attachments mostly are):
``manifest.json`` (engine, row count of every table from the dump's own snapshot, the dump's
SHA-256, the files), the dump (``database.dump`` from pg_dump, or ``database.sqlite3``), and
``data/…``: uploads and attachments (``files/``), the journal's signing key and checkpoints,
the secret key. The collected static files and the knowledge search index are rebuilt
(``guifan serve``, ``guifan kb load --rebuild``) and left out.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from guifan import __version__
from guifan.core.cli import CommandError
from guifan.ops import engines

FORMAT = "guifan-backup-1"
# Rebuilt from the database or the installed package; the database file travels as the dump.
LEFT_OUT = ("static", "knowledge-index", "guifan.sqlite3")
# Written by any start of Guifan on an empty directory, or harmless to replace.
REPLACEABLE = ("secret_key", "world-date", "static")
WORK_PREFIX = ".guifan-backup-"


class Refused(CommandError):
    """A restore that would mix or overwrite data."""


def backup(out: Path) -> dict:
    out = out.resolve()
    if out.exists():
        raise CommandError(f"{out} 已存在：请换一个文件名，备份不会覆盖已有文件")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=out.parent) as work:
        dump = Path(work) / engines.dump_name()
        try:
            tables = engines.dump(dump)
        except engines.EngineError as exc:
            raise CommandError(str(exc)) from None
        files = _data_files(exclude=out)
        manifest = {
            "format": FORMAT,
            "version": __version__,
            "engine": engines.engine(),
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {"file": dump.name, "sha256": _sha256(dump), "bytes": dump.stat().st_size},
            "tables": tables,
            "rows": sum(tables.values()),
            "journal_entries": tables.get(_journal_table(), 0),
            "files": len(files),
            "file_bytes": sum(path.stat().st_size for path in files),
        }
        partial = Path(work) / "archive.tar"
        with tarfile.open(partial, "w") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            tar.add(dump, arcname=dump.name)
            for path in files:
                tar.add(path, arcname=f"data/{path.relative_to(settings.DATA_DIR).as_posix()}")
        os.chmod(partial, 0o600)  # the dump holds everything; the files the signing key
        partial.replace(out)
    return {"archive": str(out), "bytes": out.stat().st_size, **_summary(manifest)}


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:") as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
    except (OSError, KeyError, tarfile.TarError, ValueError):
        raise CommandError(f"{archive} 不是 guifan backup 生成的备份文件") from None
    if manifest.get("format") != FORMAT:
        raise CommandError(f"{archive} 的格式（{manifest.get('format')}）本版本不能恢复")
    return manifest


def restore(archive: Path) -> dict:
    archive = archive.resolve()
    manifest = read_manifest(archive)
    if manifest["engine"] != engines.engine():
        names = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
        raise Refused(
            f"备份来自 {names[manifest['engine']]}，当前配置的数据库是 "
            f"{names[engines.engine()]}：请把 DATABASE_URL 设为同一种数据库"
        )
    if not engines.is_empty():
        raise Refused(
            "数据库中已有数据表：恢复只能在新建的空库中进行，以免新旧数据混在一起"
            "（请新建一个空库，把 DATABASE_URL 指向它后再恢复）"
        )
    data = Path(settings.DATA_DIR)
    taken = sorted(p.name for p in data.iterdir() if not _replaceable(p.name) and _has_files(p))
    if taken:
        raise Refused(
            f"数据目录 {data} 中已有文件（{'、'.join(taken)}）：请把 GUIFAN_DATA_DIR 指向一个空目录"
        )
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=data) as work:
        with tarfile.open(archive, "r:") as tar:
            tar.extractall(work, filter="data")
        dump = Path(work) / manifest["database"]["file"]
        if _sha256(dump) != manifest["database"]["sha256"]:
            raise CommandError("备份中的数据库文件与其摘要不符：备份文件已损坏")
        try:
            engines.load(dump)
        except engines.EngineError as exc:
            raise CommandError(str(exc)) from None
        for entry in (Path(work) / "data").iterdir() if (Path(work) / "data").exists() else ():
            target = data / entry.name
            if target.is_dir():
                shutil.rmtree(target)  # only an empty or rebuilt folder (checked above)
            shutil.move(entry, target)
    restored = engines.row_counts()
    mismatches = [
        {"table": table, "backup": rows, "restored": restored.get(table)}
        for table, rows in manifest["tables"].items()
        if restored.get(table) != rows
    ]
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)  # a backup from an older version
    from guifan.ops.verify import journal_after_restore

    journal = journal_after_restore(manifest["journal_entries"])
    return {
        "ok": not mismatches and journal["ok"],
        "archive": str(archive),
        **_summary(manifest),
        "mismatches": mismatches,
        "journal": journal,
    }


def _summary(manifest: dict) -> dict:
    return {
        "engine": manifest["engine"],
        "created": manifest["created"],
        "tables": len(manifest["tables"]),
        "rows": manifest["rows"],
        "journal_entries": manifest["journal_entries"],
        "files": manifest["files"],
        "file_bytes": manifest["file_bytes"],
    }


def _data_files(*, exclude: Path) -> list[Path]:
    root = Path(settings.DATA_DIR)
    found = []
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        if here == root:
            dirs[:] = [d for d in dirs if d not in LEFT_OUT and not d.startswith(WORK_PREFIX)]
            names = [n for n in names if not n.startswith(LEFT_OUT[-1])]
        found += [here / n for n in names if (here / n) != exclude and (here / n).is_file()]
    return sorted(found)


def _replaceable(name: str) -> bool:
    return name in REPLACEABLE or name.startswith(LEFT_OUT) or name.startswith(WORK_PREFIX)


def _has_files(path: Path) -> bool:
    if path.is_file():
        return True
    return any(p.is_file() for p in path.rglob("*"))


def _journal_table() -> str:
    from guifan.journal.models import Entry

    return Entry._meta.db_table


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, text: str) -> None:
    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))
