"""Reading the journal in tests, counting the repeats that throttled events fold together."""

import json
from datetime import timedelta

from guifan.core import clock
from guifan.journal.models import Entry
from guifan.journal.services import tally_flush
from guifan.journal.verbs import Verb


def flush() -> None:
    """Journal every counted repeat now, as the worker does once their minute is over."""
    tally_flush(before=clock.now() + timedelta(minutes=1))


def counted(verb: Verb, **filters) -> int:
    """How many events the journal accounts for: its entries plus the repeats they carry."""
    flush()
    total = 0
    for payload in Entry.objects.filter(verb=verb, **filters).values_list("payload", flat=True):
        total += json.loads(payload).get("repeats", 1)
    return total
