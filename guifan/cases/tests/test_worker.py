"""The background worker is supervised: a dead worker is restarted, the import it was running
is marked failed in words, a stuck queue is shown, and old import files are deleted."""

import json
import socket
import subprocess
import sys
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from guifan.cases.housekeeping import import_files_purge
from guifan.cases.models import ImportRun, ImportStatus
from guifan.cases.worker import Supervisor
from guifan.core.clock import frozen_at
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.web.todos import todos_for


def _dead_process() -> str:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{socket.gethostname()}:{child.pid}"


def _run(user, **fields) -> ImportRun:
    return ImportRun.objects.create(
        kind="cases", file_name="案件.xlsx", file_sha256="0" * 64, created_by=user, **fields
    )


def test_a_worker_that_dies_is_restarted_and_its_import_marked_failed(cast):
    running = _run(cast.liaison_a, status=ImportStatus.RUNNING, worker=_dead_process())
    elsewhere = _run(cast.liaison_b, status=ImportStatus.RUNNING, worker="other-host:1")
    supervisor = Supervisor([sys.executable, "-c", "import sys; sys.exit(134)"], log=lambda _: 0)
    supervisor.start()
    supervisor.child.wait()
    supervisor.step()
    running.refresh_from_db()
    assert running.status == ImportStatus.FAILED
    assert "后台任务进程在导入过程中意外退出" in running.failure
    elsewhere.refresh_from_db()
    assert elsewhere.status == ImportStatus.RUNNING  # another machine's process: not ours to judge
    restart = Entry.objects.get(verb=Verb.WORKER_RESTART)
    assert json.loads(restart.payload) == {"exit_code": 134, "failed_imports": 1}
    assert json.loads(Entry.objects.get(verb=Verb.IMPORT).payload)["status"] == "worker_died"
    # It starts a new worker once the back-off is over (2 s after a quick death).
    assert supervisor.child is None
    supervisor.next_start = 0
    supervisor.step()
    assert supervisor.child is not None
    supervisor.stop()


def test_a_stuck_queue_is_shown_on_the_import_page_and_the_offices_todo(cast, login):
    run = _run(cast.liaison_a)
    page = login(cast.liaison_a).get(reverse("cases:import"))
    assert 'data-testid="queue-stalled"' not in page.text
    ImportRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(minutes=9))
    page = login(cast.liaison_a).get(reverse("cases:import"))
    assert "后台任务进程可能没有运行" in page.text
    assert any("导入队列停滞" in todo.title for todo in todos_for(cast.office))
    assert not any("导入队列停滞" in todo.title for todo in todos_for(cast.liaison_a))


def test_import_files_are_deleted_after_the_keeping_period_and_journaled(cast, tmp_path):
    upload, report = tmp_path / "run-1.xlsx", tmp_path / "run-1-errors.xlsx"
    upload.write_bytes(b"PK"), report.write_bytes(b"PK")
    old = _run(
        cast.liaison_a,
        status=ImportStatus.DONE,
        stored_path=str(upload),
        errors_path=str(report),
        finished_at=timezone.now() - timedelta(days=31),
    )
    recent_file = tmp_path / "run-2.csv"
    recent_file.write_text("x")
    recent = _run(
        cast.liaison_a,
        status=ImportStatus.DONE,
        stored_path=str(recent_file),
        finished_at=timezone.now() - timedelta(days=3),
    )
    assert import_files_purge() == 1
    assert not upload.exists() and not report.exists() and recent_file.exists()
    old.refresh_from_db()
    assert (old.stored_path, old.errors_path) == ("", "")
    assert old.files_deleted_at is not None
    entry = Entry.objects.get(verb=Verb.IMPORT_FILE_DELETE)
    assert (entry.target_id, json.loads(entry.payload)["files"]) == (str(old.pk), 2)
    assert import_files_purge() == 0  # once only
    recent.refresh_from_db()
    assert recent.files_deleted_at is None


def test_the_supervisor_journals_counted_refusals_once_their_minute_is_over(cast, login):
    client = login(cast.liaison_a)
    for _ in range(3):
        client.get("/cases/987654/")
    supervisor = Supervisor([sys.executable, "-c", "pass"], log=lambda _: 0)
    with frozen_at(timezone.now() + timedelta(minutes=2)):
        supervisor.step()  # its first round runs every job
    supervisor.stop()
    summary = Entry.objects.filter(verb=Verb.ACCESS_DENIED).order_by("seq").last()
    assert json.loads(summary.payload)["repeats"] == 2
