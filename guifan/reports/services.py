"""Writes of the reports app: asking for a 总结报告 or 通报, and building it in the background."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.campaigns.models import Campaign, CampaignStatus
from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.reports.documents import bulletin_docx, summary_docx
from guifan.reports.models import BuildStatus, CampaignDocument, DocumentKind

BUILDERS = {DocumentKind.SUMMARY: summary_docx, DocumentKind.BULLETIN: bulletin_docx}


def documents_dir():
    path = settings.DATA_DIR / "files" / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def document_request(
    *, campaign: Campaign, kind: str, by, next_steps: str = ""
) -> CampaignDocument:
    """The office of the issuing unit asks for a document; a task builds it."""
    if not scope_of(by).acts_as(Role.OFFICE, campaign.issuing_unit_id):
        raise PermissionDenied
    if kind not in DocumentKind.values:
        raise ValidationError(_("未知的文件类型。"))
    if campaign.status == CampaignStatus.DRAFT:
        raise ValidationError(_("活动尚未启动，还没有可以总结的数据。"))
    if len(next_steps) > 5000:
        raise ValidationError(_("下一步工作不能超过 5000 字。"))
    with transaction.atomic():
        document = CampaignDocument.objects.create(
            campaign=campaign, kind=kind, next_steps=next_steps.strip(), requested_by=by
        )
        record(
            actor=by,
            verb=Verb.DOCUMENT_REQUEST,
            target=campaign,
            payload={"kind": kind, "kind_label": document.get_kind_display(), "id": document.pk},
        )
        transaction.on_commit(lambda: _enqueue(document.pk))
    return document


def _enqueue(document_id: int) -> None:
    from guifan.reports.tasks import build_document

    build_document.enqueue(document_id)


def document_build(document: CampaignDocument) -> None:
    """Build the file with the requesting user's figures, saying how far it got."""

    def progress(percent: int, step: str) -> None:
        CampaignDocument.objects.filter(pk=document.pk).update(progress=percent, step=step)

    CampaignDocument.objects.filter(pk=document.pk).update(status=BuildStatus.RUNNING)
    try:
        data = BUILDERS[DocumentKind(document.kind)](
            campaign=document.campaign,
            user=document.requested_by,
            next_steps=document.next_steps,
            progress=progress,
        )
    except Exception as error:  # the page shows why instead of spinning for ever
        CampaignDocument.objects.filter(pk=document.pk).update(
            status=BuildStatus.FAILED, failure=f"{type(error).__name__}: {error}"[:1000],
            finished_at=clock.now(),
        )  # fmt: skip
        raise
    path = documents_dir() / f"{secrets.token_hex(16)}.docx"
    path.write_bytes(data)
    CampaignDocument.objects.filter(pk=document.pk).update(
        status=BuildStatus.DONE, progress=100, step="", stored_path=str(path),
        finished_at=clock.now(),
    )  # fmt: skip
