"""Background work of the knowledge base (run by db_worker under `guifan worker`): bringing
the search index up to the database, so that no request waits for a rebuild."""

from __future__ import annotations

from django_tasks import task


@task()
def index_sync_task() -> dict:
    from guifan.knowledge.index import index_sync

    report = index_sync()
    return {"rebuilt": report.rebuilt, "added": report.added, "removed": report.removed}


def index_sync_soon() -> None:
    """Ask the worker to bring the index up to date (a change committed, or a search found
    the index behind or missing)."""
    index_sync_task.enqueue()
