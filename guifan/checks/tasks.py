"""Background work of the checks (run by db_worker under `guifan worker`)."""

from django_tasks import task

from guifan.checks.models import Run
from guifan.checks.services import run_execute


@task()
def run_checks(run_id: int) -> None:
    run_execute(Run.objects.select_related("unit", "created_by").get(pk=run_id))
