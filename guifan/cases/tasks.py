"""Background work of the case registry (run by db_worker under `guifan worker`)."""

from django_tasks import task

from guifan.cases.models import ImportRun
from guifan.cases.services import import_run_execute


@task()
def run_import(run_id: int) -> None:
    run = ImportRun.objects.select_related("created_by").get(pk=run_id)
    import_run_execute(run)


@task()
def count_ledger(user_id: int, filters: dict) -> int:
    """The exact size of a 台账 view past the page's bounded count (cases.selectors)."""
    from guifan.accounts.models import User
    from guifan.cases.selectors import ledger_total_store

    return ledger_total_store(user=User.objects.get(pk=user_id), filters=filters)
