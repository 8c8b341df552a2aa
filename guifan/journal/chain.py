"""The journal's hash chain, in plain Python so that anyone can re-check it.

Entry format v1 (a public contract; Merkle proofs will use ``entry_hash`` as leaf data):

    canonical = JSON of {"v": 1, "seq", "at", "actor": {"id", "name"}, "ip", "verb",
                         "target": {"type", "id", "label"}, "payload", "prev"}
                with keys sorted, no spaces, UTF-8, non-ASCII kept as is
    entry_hash = lowercase hex SHA-256 of the canonical bytes

``prev`` is the previous entry's ``entry_hash`` (64 zeros for the first entry), ``at`` is
UTC with microseconds and a trailing "Z". Payload values are strings, integers, booleans,
null, lists and objects; floats are refused because their text differs between languages.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

FORMAT_VERSION = 1
GENESIS_HASH = "0" * 64


def normalise(value: Any) -> Any:
    """Turn a payload into the JSON types the canonical form allows."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        raise TypeError("journal payloads take no floats; use a decimal string")
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [normalise(v) for v in value]
        return sorted(items, key=_dump) if isinstance(value, set | frozenset) else items
    raise TypeError(f"journal payloads cannot hold {type(value).__name__}")


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def dump_payload(payload: Mapping[str, Any] | None) -> str:
    return _dump(normalise(dict(payload or {})))


def format_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("journal times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class EntryFields:
    """One journal entry as stored; ``payload`` is its canonical JSON text."""

    seq: int
    at: datetime
    actor_id: int | None
    actor_name: str
    ip: str
    verb: str
    target_type: str
    target_id: str
    target_label: str
    payload: str
    prev_hash: str


def canonical(entry: EntryFields) -> bytes:
    document = {
        "v": FORMAT_VERSION,
        "seq": entry.seq,
        "at": format_time(entry.at),
        "actor": {"id": entry.actor_id, "name": entry.actor_name},
        "ip": entry.ip,
        "verb": entry.verb,
        "target": {"type": entry.target_type, "id": entry.target_id, "label": entry.target_label},
        "payload": json.loads(entry.payload),
        "prev": entry.prev_hash,
    }
    return _dump(document).encode("utf-8")


def entry_hash(entry: EntryFields) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


@dataclass
class Verdict:
    """The outcome of checking a chain: intact, or the first entry that is not."""

    count: int = 0
    head_hash: str = GENESIS_HASH
    bad_seq: int | None = None
    problem: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.bad_seq is None


# Problem codes; the CLI and the audit screen turn them into sentences.
MISSING = "missing"  # a sequence number is absent: rows deleted or renumbered
BROKEN_LINK = "broken_link"  # prev does not match the entry before: rows removed or reordered
ALTERED = "altered"  # the stored fields do not hash to the stored hash: row edited
UNREADABLE = "unreadable"  # the payload is not valid JSON
HEAD_MISMATCH = "head_mismatch"  # the chain head disagrees with the last entry: tail cut or forged


def verify_chain(
    rows: Iterable[tuple[EntryFields, str]], *, head: tuple[int, str] | None = None
) -> Verdict:
    """Walk ``(fields, stored_hash)`` pairs in sequence order and report the first break."""
    verdict = Verdict()
    expected_seq, prev = 1, GENESIS_HASH
    for fields, stored in rows:
        if fields.seq != expected_seq:
            return _bad(verdict, fields.seq, MISSING, expected=expected_seq)
        if fields.prev_hash != prev:
            return _bad(verdict, fields.seq, BROKEN_LINK)
        try:
            actual = entry_hash(fields)
            # The stored text must be the canonical text itself: a duplicate key or other
            # rewrite that parses to the hashed value would still mislead a reader.
            stored_text_ok = fields.payload == _dump(json.loads(fields.payload))
        except ValueError:
            return _bad(verdict, fields.seq, UNREADABLE)
        if actual != stored or not stored_text_ok:
            return _bad(verdict, fields.seq, ALTERED)
        verdict.count, verdict.head_hash = fields.seq, stored
        expected_seq, prev = fields.seq + 1, stored
    if head is not None and head != (verdict.count, verdict.head_hash):
        return _bad(verdict, verdict.count + 1, HEAD_MISMATCH, head_seq=head[0])
    return verdict


def _bad(verdict: Verdict, seq: int, problem: str, **details: Any) -> Verdict:
    verdict.bad_seq, verdict.problem, verdict.details = seq, problem, details
    return verdict
