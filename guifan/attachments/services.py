"""Storing and serving attachments: size and type limits, sanitised names, journaled reads."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.attachments.models import Attachment
from guifan.journal.services import record
from guifan.journal.verbs import Verb

ALLOWED = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".wps": "application/vnd.ms-works",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ofd": "application/ofd",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".zip": "application/zip",
}
_UNSAFE = re.compile(r'[\x00-\x1f\\/:*?"<>|]+')


def clean_name(name: str) -> str:
    """A display name without paths, control characters or characters Windows refuses."""
    name = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    name = _UNSAFE.sub("_", name).strip(" .")
    return name[:200] or "附件"


def attachment_check(upload) -> str:
    """Refuse an upload by size or type before anything is written; returns its safe name."""
    limit = settings.GUIFAN_ATTACHMENT_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise ValidationError(_("附件超过 %(n)d MB。") % {"n": limit})
    name = clean_name(upload.name)
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError(
            _("不支持的附件类型（%(s)s），可上传 PDF、Word、WPS、Excel、OFD、图片或 ZIP。")
            % {"s": suffix or _("无扩展名")}
        )
    return name


@transaction.atomic
def attachment_store(*, upload, unit, by=None, oversight_only: bool = False) -> Attachment:
    name = attachment_check(upload)
    suffix = Path(name).suffix.lower()
    stored = f"{secrets.token_hex(16)}{suffix}"
    target = settings.MEDIA_ROOT / "attachments" / stored
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with target.open("wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    attachment = Attachment.objects.create(
        unit=unit,
        name=name,
        stored_name=stored,
        size=upload.size,
        content_type=ALLOWED[suffix],
        sha256=digest.hexdigest(),
        uploaded_by=by,
        oversight_only=oversight_only,
    )
    record(
        actor=by,
        verb=Verb.ATTACHMENT_UPLOAD,
        target=attachment,
        payload={"unit": unit.code, "size": upload.size, "sha256": attachment.sha256},
    )
    return attachment


def attachment_download_logged(*, attachment: Attachment, by, ip: str = "") -> None:
    record(
        actor=by,
        verb=Verb.ATTACHMENT_DOWNLOAD,
        target=attachment,
        ip=ip,
        payload={"sha256": attachment.sha256},
    )
