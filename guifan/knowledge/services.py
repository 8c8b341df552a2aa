"""Every change to the knowledge base: loading laws and notices from a directory, the
office's uploads and replacements, the data other apps provide. Each change is atomic,
journaled, and tells the search index it is behind."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.knowledge.extract import SUFFIXES, Unreadable, extract_text
from guifan.knowledge.models import Document, SourceKind, Version, new_stamp
from guifan.knowledge.provided import sync_provided
from guifan.knowledge.segment import Piece, segment, short_law_name
from guifan.knowledge.storing import LoadReport, digest, store_version
from guifan.org.models import Unit

DATED_NAME = re.compile(r"[（(](\d{4}-\d{2}-\d{2})[)）]$")
DATED_LABEL = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def law_base_name(title: str) -> str:
    """The name a law keeps across its versions: a trial text (试行) is the same regulation's
    earlier version (高检规则 2012 试行 → 2019)."""
    return re.sub(r"[（(]试行[)）]", "", short_law_name(title)).strip()


def _file_document(path: Path, text: str, by) -> tuple[Document, list[Piece], str, bool]:
    stem = DATED_NAME.sub("", path.stem).strip()
    parsed = segment(text, title=stem)
    if parsed.shape == "law":
        title = short_law_name(parsed.title or stem)
        short = law_base_name(title)
        key, kind = f"law:{short}", SourceKind.LAW
    else:
        title = parsed.title or stem
        key, kind, short = f"notice:{stem}", SourceKind.NOTICE, stem
    document, created = Document.objects.get_or_create(
        key=key,
        defaults={
            "title": title,
            "short_name": short,
            "kind": kind,
            "created_at": clock.now(),
            "created_by": by,
        },
    )
    return document, parsed.pieces, DATED_NAME.search(path.stem), created


def knowledge_load(*, paths: list[Path], by=None) -> LoadReport:
    """Load every law and notice under ``paths`` (files or directories). Loading the same
    files again changes nothing; a changed file becomes the new version."""
    report = LoadReport()
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES
                and p.is_file()
                and not p.name.upper().startswith("README")
            )
        elif path.is_file():
            files.append(path)
    for path in files:
        try:
            text = extract_text(path.name, path.read_bytes())
        except (Unreadable, OSError) as exc:
            report.refused.append((str(path), str(exc)))
            continue
        _load_file(path, text, by, report)
    sync_provided(by, report)
    return report


@transaction.atomic
def _load_file(path: Path, text: str, by, report: LoadReport) -> None:
    document, pieces, dated, created = _file_document(path, text, by)
    sha256 = digest(text)
    if document.versions.filter(sha256=sha256).exists():
        report.unchanged += 1
        return
    if not pieces:
        report.refused.append((str(path), _("没有可检索的段落")))
        return
    label = dated.group(1) if dated else clock.today().isoformat()
    current = document.versions.filter(current=True).first()
    # A law's file names carry its date: the latest text is the current one, whatever
    # order the files come in.
    newer = current is None or not (
        dated and DATED_LABEL.match(current.label) and label < current.label
    )
    version = store_version(
        document,
        pieces,
        text=text,
        sha256=sha256,
        file_name=path.name,
        by=by,
        label=label,
        current=newer,
    )
    if newer and document.kind == SourceKind.LAW:
        title = segment(text).title or document.title
        Document.objects.filter(pk=document.pk).update(title=short_law_name(title))
    (report.added if created or current is None else report.replaced).append(document.title)
    record(
        actor=by,
        verb=Verb.KB_LOAD,
        target=document,
        payload={"version": version.number, "file": path.name, "passages": len(pieces)},
    )


def uploader_units(user) -> frozenset[int]:
    """Units whose office may upload documents restricted to them: the office's own
    units and everything below."""
    return scope_of(user).units_for(Role.OFFICE)


@transaction.atomic
def document_upload(
    *,
    by,
    name: str,
    data: bytes,
    title: str = "",
    unit: Unit | None = None,
    replaces: Document | None = None,
) -> Version:
    """The office adds a notice or regulation (or a new version of one it added before);
    ``unit`` restricts it to that unit's people and those who oversee the unit."""
    offices = uploader_units(by)
    owner = Unit.objects.filter(pk__in=offices).order_by("path").first()
    if owner is None:
        raise PermissionDenied(_("只有专项整治办可以上传知识库文档"))
    if replaces is not None and replaces.owner_id not in offices:
        raise PermissionDenied(_("只能替换本院上传的文档"))
    if unit is not None and unit.pk not in offices:
        raise ValidationError(_("只能限定为本院或下级院"))
    if len(data) > settings.GUIFAN_ATTACHMENT_MAX_MB * 1024 * 1024:
        raise ValidationError(_("文件超过 %(mb)s MB") % {"mb": settings.GUIFAN_ATTACHMENT_MAX_MB})
    try:
        text = extract_text(name, data)
    except Unreadable as exc:
        raise ValidationError(str(exc)) from None
    parsed = segment(text, title=title.strip() or Path(name).stem)
    if not parsed.pieces:
        raise ValidationError(_("文件中没有可检索的段落"))
    if replaces is None:
        kind = SourceKind.LAW if parsed.shape == "law" else SourceKind.NOTICE
        label = title.strip() or parsed.title or Path(name).stem
        short = law_base_name(label) if kind == SourceKind.LAW else label
        document = Document.objects.create(
            key=f"upload:{new_stamp()}",
            title=label[:200],
            short_name=short[:100],
            kind=kind,
            unit=unit,
            owner=owner,
            created_at=clock.now(),
            created_by=by,
        )
    else:
        document = replaces
        if title.strip():
            document.title = title.strip()[:200]
        document.unit = unit
        document.save(update_fields=["title", "unit"])
    version = store_version(
        document,
        parsed.pieces,
        text=text,
        sha256=digest(text),
        file_name=name,
        label=clock.today().isoformat(),
        by=by,
    )
    record(
        actor=by,
        verb=Verb.KB_UPLOAD,
        target=document,
        payload={
            "version": version.number,
            "file": name,
            "passages": len(parsed.pieces),
            "unit": unit.code if unit else None,
        },
    )
    return version
