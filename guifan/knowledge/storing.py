"""Storing a version of a document with its passages, the one way every source (a loaded
file, an upload, the system's data) enters the knowledge base, and telling the search index
that it is behind."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import transaction
from django.db.models import Max

from guifan.core import clock
from guifan.knowledge.index import stamp_changed
from guifan.knowledge.models import Document, IndexState, Passage, Version, new_stamp
from guifan.knowledge.segment import Piece
from guifan.knowledge.tasks import index_sync_soon
from guifan.knowledge.text import words


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "refused": [{"file": f, "reason": r} for f, r in self.refused],
        }


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@lru_cache(maxsize=16384)
def _words(text: str) -> str:
    # Cutting is most of a load's time; the same law texts come back in every demo start.
    return " ".join(words(text))


def index_changed() -> None:
    """Mark the search index behind, and have the worker bring it up to date once the change
    commits (never the request that made it: a law's load re-indexes thousands of passages)."""
    IndexState.objects.update_or_create(pk=1, defaults={"stamp": new_stamp()})
    stamp_changed()
    transaction.on_commit(index_sync_soon)


def store_version(
    document: Document,
    pieces: list[Piece],
    *,
    text: str,
    sha256: str,
    label: str,
    file_name: str,
    by,
    current: bool = True,
) -> Version:
    """A new version with its passages. A new current version makes the previous one 旧版
    (or removes it, for data the system provides); an older text loaded later is stored as
    旧版 straight away."""
    if current:
        previous = document.versions.filter(current=True)
        if document.keeps_history:
            previous.update(current=False)
        else:
            previous.delete()
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = Version.objects.create(
        document=document,
        number=number,
        label=label,
        current=current,
        file_name=file_name,
        sha256=sha256,
        text=text,
        created_at=clock.now(),
        created_by=by,
    )
    Passage.objects.bulk_create(
        Passage(
            version=version,
            document=document,
            position=position,
            kind=piece.kind,
            heading=" › ".join(piece.heading)[:500],
            citation=piece.citation[:300],
            article=piece.article,
            article_sub=piece.article_sub,
            text=piece.text,
            words=_words(piece.text),
        )
        for position, piece in enumerate(pieces)
    )
    index_changed()
    return version
