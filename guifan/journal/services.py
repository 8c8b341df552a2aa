"""Writing to the journal; the only code that inserts entries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models, transaction

from guifan.core import clock
from guifan.core.bulk import insert_rows
from guifan.journal import chain
from guifan.journal.models import Entry, Head
from guifan.journal.verbs import Verb

Target = models.Model | tuple[str, str, str] | None
Item = tuple[Verb, Target, Mapping[str, Any] | None]


def record(
    *,
    actor: Any,
    verb: Verb,
    target: Target = None,
    payload: Mapping[str, Any] | None = None,
    ip: str = "",
) -> Entry:
    """Append one entry in the caller's transaction; it commits or rolls back with the change."""
    row = _append(actor, [(verb, target, payload)], ip)[0]
    entry = Entry(**row)
    entry._state.adding = False  # stored already: saving it again is refused like any change
    return entry


def record_many(*, actor: Any, items: Sequence[Item], ip: str = "") -> int:
    """Append several entries under one lock (bulk changes such as an import batch)."""
    return len(_append(actor, items, ip)) if items else 0


def serialise_writers() -> None:
    """Hold the journal's lock until the caller's transaction ends, so that a write which
    reads before it decides (an import batch) is not interleaved with another one."""
    Head.objects.select_for_update().get_or_create(pk=1)


def _append(actor: Any, items: Sequence[Item], ip: str) -> list[dict[str, Any]]:
    for verb, _, _ in items:
        if not isinstance(verb, Verb):
            raise TypeError(f"unknown journal verb {verb!r}; add it to guifan.journal.verbs.Verb")
    actor_id, actor_name = getattr(actor, "pk", None), _actor_name(actor)
    with transaction.atomic():
        head, _ = Head.objects.select_for_update().get_or_create(pk=1)
        seq, prev, now = head.seq, head.entry_hash, clock.now()
        rows = []
        for verb, target, payload in items:
            target_type, target_id, target_label = _target(target)
            seq += 1
            fields = chain.EntryFields(
                seq=seq,
                at=now,
                actor_id=actor_id,
                actor_name=actor_name,
                ip=ip or "",
                verb=verb.value,
                target_type=target_type,
                target_id=target_id,
                target_label=target_label[:200],
                payload=chain.dump_payload(payload),
                prev_hash=prev,
            )
            prev = chain.entry_hash(fields)
            rows.append({**vars(fields), "entry_hash": prev})
        # One prepared statement (COPY on PostgreSQL): bulk_create spent most of an import's
        # journaling preparing each value through its field.
        insert_rows(Entry, rows)
        head.seq, head.entry_hash = seq, prev
        head.save(update_fields=["seq", "entry_hash"])
    return rows


def _actor_name(actor: Any) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return actor.get_username()


def _target(target: Target) -> tuple[str, str, str]:
    if target is None:
        return "", "", ""
    if isinstance(target, tuple):
        return target
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}", str(target.pk), str(target)
