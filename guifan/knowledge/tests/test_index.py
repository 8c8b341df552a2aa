"""The search index is rebuilt by the worker, never inside a request: a lost index answers
nothing (and says so) until the task has run, a stale one answers from what it holds."""

import shutil

import pytest
from django_tasks import default_task_backend

from guifan.knowledge import index
from guifan.knowledge.selectors import kb_ask
from guifan.knowledge.services import document_upload
from guifan.knowledge.tasks import index_sync_task

QUESTION = "回头看是从哪天开始的"


@pytest.fixture
def queued(settings, tmp_path):
    """Tasks wait in a queue, as under the worker, in an index directory of this test's own."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.GUIFAN_KB_INDEX_DIR = tmp_path / "index"
    default_task_backend.clear()
    index._open.pop("asked", None)
    return default_task_backend


def _run_queued(backend) -> None:
    waiting = [r for r in backend.results if r.task.name == index_sync_task.name]
    assert waiting, "no index sync was queued"
    backend.clear()
    index_sync_task.call()


def _index_dirs() -> list:
    return sorted(index.base_dir().glob("index-*"))


def test_a_lost_index_is_rebuilt_by_the_worker_not_by_the_request(cast, login, seed, queued):
    client = login(cast.liaison_b)
    page = client.get("/kb/", {"q": QUESTION}).content.decode()
    assert 'data-testid="kb-index-behind"' in page and "3月14日" not in page
    assert _index_dirs() == []  # the request built nothing
    _run_queued(queued)
    page = client.get("/kb/", {"q": QUESTION}).content.decode()
    assert "3月14日" in page and 'data-testid="kb-index-behind"' not in page
    assert queued.results == []  # an index up to date asks for nothing

    shutil.rmtree(_index_dirs()[0])  # lost from under a running site
    page = client.get("/kb/", {"q": QUESTION}).content.decode()
    assert 'data-testid="kb-index-behind"' in page and _index_dirs() == []
    _run_queued(queued)
    assert "3月14日" in client.get("/kb/", {"q": QUESTION}).content.decode()


def test_a_stale_index_still_answers_while_the_worker_catches_up(cast, seed, queued):
    index_sync_task.call()
    document_upload(
        by=cast.office, name="阅卷通知.txt", data="阅卷通知\n律师阅卷一律当日安排。".encode()
    )
    before = kb_ask(user=cast.liaison_b, question=QUESTION)
    assert before.index_behind and "3月14日" in before.found[0].passage.text
    stale = kb_ask(user=cast.liaison_b, question="律师阅卷当日安排").found
    assert all("当日安排" not in f.passage.text for f in stale)
    _run_queued(queued)
    after = kb_ask(user=cast.liaison_b, question="律师阅卷当日安排")
    assert not after.index_behind and "当日安排" in after.found[0].passage.text


def test_asking_twice_queues_one_sync(cast, seed, queued):
    kb_ask(user=cast.liaison_b, question=QUESTION)
    kb_ask(user=cast.liaison_b, question="什么叫瑕疵案件")
    assert [r.task.name for r in queued.results] == [index_sync_task.name]
