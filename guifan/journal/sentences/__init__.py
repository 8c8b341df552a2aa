"""The audit log's 内容 in words: one Chinese sentence per journal entry, from its verb and
payload (the raw JSON stays in the entry and in the export)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from guifan.journal.sentences import evaluation, system, work  # noqa: F401  (they register)
from guifan.journal.sentences.base import SENTENCES, Names, parse

logger = logging.getLogger(__name__)


def describe(entries: Iterable) -> list[str]:
    """The sentence of each entry, in order; unit and person names read once for all."""
    entries = list(entries)
    payloads = [parse(entry.payload) for entry in entries]
    names = Names.for_payloads(payloads)
    return [
        _sentence(entry, payload, names) for entry, payload in zip(entries, payloads, strict=True)
    ]


def _sentence(entry, payload: dict, names: Names) -> str:
    render = SENTENCES.get(entry.verb)
    if render is None:
        return entry.payload
    try:
        return render(entry.target_label, payload, names)
    except (KeyError, TypeError, ValueError, AttributeError, LookupError):
        # An old entry whose payload no longer fits: show it as it is rather than fail.
        logger.warning("journal entry %s: no sentence for its payload", entry.seq)
        return entry.payload


__all__ = ["SENTENCES", "describe"]
