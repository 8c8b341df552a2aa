"""Background work of the case registry (run by db_worker under `guifan worker`)."""

from django_tasks import task

from guifan.cases.models import ImportRun
from guifan.cases.services import import_run_execute


@task()
def run_import(run_id: int) -> None:
    run = ImportRun.objects.select_related("created_by").get(pk=run_id)
    import_run_execute(run)
