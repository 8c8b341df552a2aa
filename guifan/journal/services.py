"""Writing to the journal; the only code that inserts entries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from guifan.core import clock
from guifan.core.bulk import insert_rows
from guifan.journal import chain
from guifan.journal.models import Entry, Head, Tally
from guifan.journal.verbs import Verb

MAX_SAMPLES = 5

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


def record_throttled(
    *,
    key: str,
    actor: Any,
    verb: Verb,
    target: Target = None,
    payload: Mapping[str, Any] | None = None,
    ip: str = "",
    sample: str = "",
) -> Entry | None:
    """Journal an event that can come in floods (a refusal, a failed login) at most once per
    ``key`` and minute: the first one at once, the repeats counted and journaled as one entry
    with their count when the minute is over (``tally_flush``). Returns the entry written now,
    or None when the event was only counted."""
    now = clock.now()
    minute = now.replace(second=0, microsecond=0)
    with transaction.atomic():
        tally_flush(before=minute)
        tally, created = Tally.objects.select_for_update().get_or_create(
            key=key[:200],
            minute=minute,
            defaults={
                "verb": verb.value,
                "actor_id": getattr(actor, "pk", None),
                "actor_name": _actor_name(actor),
                "ip": ip or "",
            },
        )
        if created:
            return record(actor=actor, verb=verb, target=target, payload=payload, ip=ip)
        samples = tally.samples.splitlines()
        if sample and sample not in samples and len(samples) < MAX_SAMPLES:
            tally.samples = "\n".join([*samples, sample])
        tally.repeats += 1
        tally.save(update_fields=["repeats", "samples"])
    return None


def tally_flush(*, before=None) -> int:
    """Journal the counted repeats of every minute that is over; returns the entries written.
    Called by each throttled event and by the worker's housekeeping every minute."""
    if before is None:
        before = clock.now().replace(second=0, microsecond=0)
    with transaction.atomic():
        tallies = list(Tally.objects.select_for_update().filter(minute__lt=before))
        for tally in tallies:
            if tally.repeats:
                _append(
                    _Actor(tally.actor_id, tally.actor_name),
                    [(Verb(tally.verb), None, _repeat_payload(tally))],
                    tally.ip,
                )
        Tally.objects.filter(pk__in=[t.pk for t in tallies]).delete()
    return sum(1 for t in tallies if t.repeats)


def _repeat_payload(tally: Tally) -> dict[str, Any]:
    return {
        "repeats": tally.repeats,
        "minute": timezone.localtime(tally.minute).strftime("%Y-%m-%d %H:%M"),
        "samples": tally.samples.splitlines(),
    }


class _Actor:
    """Who a tally belongs to, without loading the account (the journal sits below it)."""

    def __init__(self, pk: int | None, name: str) -> None:
        self.pk, self.name = pk, name

    def get_username(self) -> str:
        return self.name


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
