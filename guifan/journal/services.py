"""Writing to the journal; the only code that inserts entries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction

from guifan.core import clock
from guifan.journal import chain
from guifan.journal.models import Entry, Head
from guifan.journal.verbs import Verb

Target = models.Model | tuple[str, str, str] | None


def record(
    *,
    actor: Any,
    verb: Verb,
    target: Target = None,
    payload: Mapping[str, Any] | None = None,
    ip: str = "",
) -> Entry:
    """Append one entry in the caller's transaction; it commits or rolls back with the change."""
    if not isinstance(verb, Verb):
        raise TypeError(f"unknown journal verb {verb!r}; add it to guifan.journal.verbs.Verb")
    target_type, target_id, target_label = _target(target)
    with transaction.atomic():
        head, _ = Head.objects.select_for_update().get_or_create(pk=1)
        entry = Entry(
            seq=head.seq + 1,
            at=clock.now(),
            actor_id=getattr(actor, "pk", None),
            actor_name=_actor_name(actor),
            ip=ip or "",
            verb=verb.value,
            target_type=target_type,
            target_id=target_id,
            target_label=target_label[:200],
            payload=chain.dump_payload(payload),
            prev_hash=head.entry_hash,
        )
        entry.entry_hash = chain.entry_hash(entry.fields())
        entry.save()
        head.seq, head.entry_hash = entry.seq, entry.entry_hash
        head.save(update_fields=["seq", "entry_hash"])
    return entry


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
