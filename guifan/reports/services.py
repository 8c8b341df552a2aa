"""Writes of the reports app: asking for a 总结报告 or 通报, and building it in the background."""

from __future__ import annotations

import secrets
from pathlib import Path

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
from guifan.reports.models import BuildStatus, CampaignDocument, DocumentKind, Narrative
from guifan.reports.narrative import KEYS, LONGEST, label, narrative_texts

BUILDERS = {DocumentKind.SUMMARY: summary_docx, DocumentKind.BULLETIN: bulletin_docx}


def documents_dir():
    path = settings.DATA_DIR / "files" / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _office_of(by, campaign: Campaign) -> None:
    if not scope_of(by).acts_as(Role.OFFICE, campaign.issuing_unit_id):
        raise PermissionDenied


def narrative_save(*, campaign: Campaign, texts: dict[str, str], by) -> Narrative:
    """The office keeps its narrative as a new version (a section left out keeps its text);
    the journal says which sections changed."""
    _office_of(by, campaign)
    too_long = [label(key) for key in KEYS if len(str(texts.get(key, ""))) > LONGEST]
    if too_long:
        raise ValidationError(_("每节不能超过 5000 字：%(s)s。") % {"s": "、".join(too_long)})
    with transaction.atomic():
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()  # one saver a time
        before = narrative_texts(campaign)
        texts = {key: str(texts.get(key, before[key])).strip() for key in KEYS}
        changed = [label(key) for key in KEYS if texts[key] != before[key].strip()]
        if not changed:
            raise ValidationError(_("文稿没有改动，未保存新版本。"))
        latest = campaign.narratives.order_by("-number").first()
        narrative = Narrative.objects.create(
            campaign=campaign, number=(latest.number if latest else 0) + 1, texts=texts,
            saved_by=by,
        )  # fmt: skip
        record(
            actor=by,
            verb=Verb.NARRATIVE_SAVE,
            target=campaign,
            payload={"version": narrative.number, "changed": changed},
        )
    return narrative


def document_request(
    *, campaign: Campaign, kind: str, by, next_steps: str = "", pdf: bool = False
) -> CampaignDocument:
    """The office of the issuing unit asks for a document (with its narrative as saved and,
    where LibreOffice is installed, a PDF); a task builds it."""
    from guifan.evaluation.export import pdf_available

    _office_of(by, campaign)
    if kind not in DocumentKind.values:
        raise ValidationError(_("未知的文件类型。"))
    if campaign.status == CampaignStatus.DRAFT:
        raise ValidationError(_("活动尚未启动，还没有可以总结的数据。"))
    if len(next_steps) > LONGEST:
        raise ValidationError(_("下一步工作不能超过 5000 字。"))
    if pdf and not pdf_available():
        raise ValidationError(_("服务器上没有安装 LibreOffice，无法生成 PDF。"))
    texts = narrative_texts(campaign)
    if next_steps.strip():
        texts["next_steps"] = next_steps.strip()
    with transaction.atomic():
        document = CampaignDocument.objects.create(
            campaign=campaign, kind=kind, next_steps=texts["next_steps"], narrative=texts,
            pdf=pdf, requested_by=by,
        )  # fmt: skip
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
            narrative=document.narrative,
            progress=progress,
        )
        pdf = _pdf(data) if document.pdf else None
    except Exception as error:  # the page shows why instead of spinning for ever
        CampaignDocument.objects.filter(pk=document.pk).update(
            status=BuildStatus.FAILED, failure=f"{type(error).__name__}: {error}"[:1000],
            finished_at=clock.now(),
        )  # fmt: skip
        raise
    path = documents_dir() / f"{secrets.token_hex(16)}.docx"
    path.write_bytes(data)
    pdf_path = ""
    if pdf is not None:
        pdf_path = str(path.with_suffix(".pdf"))
        Path(pdf_path).write_bytes(pdf)
    CampaignDocument.objects.filter(pk=document.pk).update(
        status=BuildStatus.DONE, progress=100, step="", stored_path=str(path),
        pdf_path=pdf_path, finished_at=clock.now(),
    )  # fmt: skip


def _pdf(data: bytes) -> bytes:
    from guifan.evaluation.export import to_pdf

    return to_pdf(data)
