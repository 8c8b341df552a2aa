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

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, Excel 97-2003 and WPS files
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # .docx, .xlsx, .ofd and .zip are zip containers
# What the first bytes of a file of each type are: an .exe renamed .pdf starts with "MZ".
MAGIC = {
    ".pdf": (b"%PDF",),
    ".doc": (_OLE,),
    ".wps": (_OLE,),
    ".xls": (_OLE,),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".ofd": _ZIP,
    ".zip": _ZIP,
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def clean_name(name: str) -> str:
    """A display name without paths, control characters or characters Windows refuses."""
    name = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    name = _UNSAFE.sub("_", name).strip(" .")
    return name[:200] or "附件"


def attachment_check(upload) -> str:
    """Refuse an upload by size, type or content before anything is written; returns its
    safe name. The content must start the way files of its extension do."""
    limit = settings.GUIFAN_ATTACHMENT_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise ValidationError(_("附件超过 %(n)d MB。") % {"n": limit})
    name = clean_name(upload.name)
    if not upload.size:
        raise ValidationError(_("附件“%(n)s”是空文件，请重新选择。") % {"n": name})
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError(
            _("不支持的附件类型（%(s)s），可上传 PDF、Word、WPS、Excel、OFD、图片或 ZIP。")
            % {"s": suffix or _("无扩展名")}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(MAGIC[suffix]):
        raise ValidationError(
            _("附件“%(n)s”的内容不是 %(s)s 文件（扩展名与内容不符），请检查后重新上传。")
            % {"n": name, "s": suffix.lstrip(".").upper()}
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
