"""The one source of "now" for business rules, so that tests can move time."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from django.utils import timezone

_frozen: datetime | None = None


def now() -> datetime:
    return _frozen if _frozen is not None else timezone.now()


def today() -> date:
    return timezone.localdate(now())


def localdate(moment: datetime) -> date:
    return timezone.localdate(moment)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    global _frozen
    previous, _frozen = _frozen, moment
    try:
        yield
    finally:
        _frozen = previous
