"""``guifan backup`` then ``guifan restore`` into an empty database gives the same rows in every
table, the same attachment files and a journal that verifies with its checkpoint; a second
restore into the now filled database is refused. Runs on whichever database the suite uses
(SQLite, or PostgreSQL through DATABASE_URL)."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from guifan.attachments.services import attachment_store
from guifan.journal.checkpoints import checkpoint_sign
from guifan.journal.models import Entry
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.ops import engines
from guifan.ops.archive import backup, read_manifest

pytestmark = pytest.mark.django_db(transaction=True)
EVIDENCE = b"%PDF-1.7\n" + "整改证据".encode() * 100


@pytest.fixture
def data_dir(tmp_path, settings):
    folder = tmp_path / "data"
    folder.mkdir()
    settings.DATA_DIR = folder
    settings.MEDIA_ROOT = folder / "files"
    settings.GUIFAN_WITNESS_DIR = folder / "witness"
    settings.GUIFAN_JOURNAL_KEY = folder / "keys" / "journal.pem"
    (folder / "static").mkdir()
    (folder / "static" / "rebuilt.css").write_text("left out")
    return folder


@pytest.fixture
def target(tmp_path):
    """An empty database and data directory for the restore, as a process environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUIFAN_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["GUIFAN_DATA_DIR"] = str(tmp_path / "restored")
    if connection.vendor != "postgresql":
        yield env, lambda: sqlite3.connect(tmp_path / "restored" / "guifan.sqlite3")
        return
    import psycopg

    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    env["DATABASE_URL"] = f"postgres://{auth}@{s['HOST']}:{s['PORT'] or 5432}/{name}"
    opened = []

    def connect():
        opened.append(psycopg.connect(env["DATABASE_URL"]))
        return opened[-1]

    yield env, connect
    for c in opened:
        c.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _guifan(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "guifan.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_backup_then_restore_into_an_empty_database_gives_the_same_data(
    cast, data_dir, target, tmp_path
):
    stored = attachment_store(
        upload=SimpleUploadedFile("整改证据.pdf", EVIDENCE), unit=cast.unit_a, by=cast.office
    )
    checkpoint_sign(by=None)
    record(actor=cast.office, verb=Verb.ATTACHMENT_DOWNLOAD, target=stored)  # after the checkpoint
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as after an import: SQLite adds its sqlite_stat1 table
    before = engines.row_counts()

    summary = backup(tmp_path / "guifan.tar")
    manifest = read_manifest(tmp_path / "guifan.tar")
    assert manifest["tables"] == before
    assert summary["journal_entries"] == Entry.objects.count() >= 3
    assert not any("static" in name for name in _members(tmp_path / "guifan.tar"))

    env, connect = target
    done = _guifan(env, "restore", str(tmp_path / "guifan.tar"), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["ok"] and result["mismatches"] == []
    assert result["journal"]["ok"] and result["journal"]["entries"] == summary["journal_entries"]
    assert [c["ok"] for c in result["journal"]["checkpoints"]] == [True]

    restored = connect()
    for table, rows in before.items():  # counted in the restored database by the test itself
        assert restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == rows, table
    files = tmp_path / "restored" / "files" / "attachments" / stored.stored_name
    assert files.read_bytes() == EVIDENCE
    assert (tmp_path / "restored" / "keys" / "journal.pem").exists()

    again = _guifan(env, "restore", str(tmp_path / "guifan.tar"))
    assert again.returncode == 1
    assert "数据库中已有数据表：恢复只能在新建的空库中进行" in again.stderr


def test_a_restore_refuses_a_data_directory_with_files_and_a_foreign_archive(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUIFAN_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["GUIFAN_DATA_DIR"] = str(tmp_path / "used")
    (tmp_path / "used" / "files").mkdir(parents=True)
    (tmp_path / "used" / "files" / "old.pdf").write_bytes(b"%PDF")
    (tmp_path / "not-a-backup.tar").write_bytes(b"plain text")
    foreign = _guifan(env, "restore", str(tmp_path / "not-a-backup.tar"))
    assert foreign.returncode == 1
    assert "不是 guifan backup 生成的备份文件" in foreign.stderr
    manifest_only = tmp_path / "backup.tar"
    _tar_with_manifest(manifest_only)
    taken = _guifan(env, "restore", str(manifest_only))
    assert taken.returncode == 1
    assert "中已有文件（files）：请把 GUIFAN_DATA_DIR 指向一个空目录" in taken.stderr


def _tar_with_manifest(path) -> None:
    import io
    import tarfile

    data = json.dumps({"format": "guifan-backup-1", "engine": "sqlite"}).encode()
    with tarfile.open(path, "w") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


def _members(path) -> list[str]:
    import tarfile

    with tarfile.open(path) as tar:
        return tar.getnames()
