"""The one source of "now" for business rules, so that tests can move time and a demo or
training deployment can live on its world's date.

``GUIFAN_TODAY`` (an ISO date) fixes the business date for the whole deployment: deadlines,
traffic lights, "超期 N 天", working days and the time stamps of actions all use it, with the
real time of day. Unset, the real clock rules. Security timers (lockout, idle logout, sessions)
stay on the real clock.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

_frozen: datetime | None = None


def business_date() -> date | None:
    """The deployment's fixed business date (演示日期), or None on the real clock."""
    return getattr(settings, "GUIFAN_TODAY", None)


def now() -> datetime:
    if _frozen is not None:
        return _frozen
    real = timezone.now()
    fixed = business_date()
    if fixed is None:
        return real
    local = timezone.localtime(real)
    return timezone.make_aware(datetime.combine(fixed, local.time().replace(tzinfo=None)))


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
