"""The data other apps provide (campaign templates, rubrics, campaigns as set up), kept in
step with the knowledge base: stored when it changes, removed when no provider yields it."""

from __future__ import annotations

from django.db import transaction

from guifan.core import clock
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.knowledge.models import Document
from guifan.knowledge.registry import Provided, provided
from guifan.knowledge.segment import Piece
from guifan.knowledge.storing import LoadReport, digest, index_changed, store_version


def _provided_pieces(item: Provided) -> list[Piece]:
    return [Piece(p.kind, p.heading, p.citation, p.text, p.article) for p in item.passages]


def sync_provided(by, report: LoadReport) -> None:
    """Store what source providers yield (campaign templates, rubrics, later the rule
    catalog); a document no provider yields any more is removed."""
    keys = set()
    for item in provided():
        keys.add(item.key)
        with transaction.atomic():
            _store_provided(item, by, report)
    gone = Document.objects.filter(keeps_history=False).exclude(key__in=keys)
    with transaction.atomic():
        for document in gone:
            record(actor=by, verb=Verb.KB_REMOVE, target=document, payload={"key": document.key})
            document.delete()
            index_changed()


def _store_provided(item: Provided, by, report: LoadReport) -> None:
    pieces = _provided_pieces(item)
    text = "\n\n".join(f"{' › '.join(p.heading)}\n{p.citation}\n{p.kind}\n{p.text}" for p in pieces)
    sha256 = digest(f"{item.title}\n{item.unit_id}\n{item.campaign_id}\n{item.secondary}\n{text}")
    document, created = Document.objects.get_or_create(
        key=item.key,
        defaults={
            "title": item.title,
            "short_name": item.short_name or item.title,
            "kind": item.kind,
            "keeps_history": False,
            "created_at": clock.now(),
            "secondary": item.secondary,
            "unit_id": item.unit_id,
            "campaign_id": item.campaign_id,
        },
    )
    current = document.versions.filter(current=True).first()
    if current is not None and current.sha256 == sha256:
        report.unchanged += 1
        return
    Document.objects.filter(pk=document.pk).update(
        title=item.title,
        unit_id=item.unit_id,
        campaign_id=item.campaign_id,
        secondary=item.secondary,
    )
    store_version(
        document,
        pieces,
        text=text,
        sha256=sha256,
        label=clock.today().isoformat(),
        file_name="",
        by=by,
    )
    (report.added if created else report.replaced).append(item.title)
    record(actor=by, verb=Verb.KB_LOAD, target=document, payload={"key": item.key})
