"""Background work of the reports app (run by db_worker under `guifan worker`)."""

from django_tasks import task

from guifan.reports.models import CampaignDocument
from guifan.reports.services import document_build


@task()
def build_document(document_id: int) -> None:
    document = CampaignDocument.objects.select_related(
        "campaign__issuing_unit", "requested_by"
    ).get(pk=document_id)
    document_build(document)
