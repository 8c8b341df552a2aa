"""The office's additions to the working-day calendar (节假日调整): a 节假日 or a 调休上班
day for a year the official calendar package does not know yet. Stored as
``core.CalendarDay`` and read by ``core.deadlines.calendar()``, so every period counted
after the change — in every process — rolls over the added day. Journaled."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.core.deadlines import forget_office_days
from guifan.core.models import CalendarDay, DayKind
from guifan.core.periods import official_years
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb

EDITORS = (Role.OFFICE,)


def may_edit(user) -> bool:
    return user is None or scope_of(user).has(*EDITORS)


def _payload(day: CalendarDay) -> dict:
    return {"day": day.day.isoformat(), "kind": day.kind, "note": day.note}


@transaction.atomic
def calendar_day_add(*, by, day: date, kind: str, note: str = "") -> CalendarDay:
    if not may_edit(by):
        raise PermissionDenied
    if kind not in DayKind.values:
        raise ValidationError(_("请选择放假或上班。"))
    if CalendarDay.objects.filter(day=day).exists():
        raise ValidationError(_("%(day)s 已登记，请先删除原登记。") % {"day": day.isoformat()})
    added = CalendarDay.objects.create(day=day, kind=kind, note=(note or "").strip()[:60])
    forget_office_days()  # this process at once, every other one from its next request
    record(actor=by, verb=Verb.CALENDAR_DAY_ADD, target=added, payload=_payload(added))
    return added


@transaction.atomic
def calendar_day_remove(*, by, day: CalendarDay) -> None:
    if not may_edit(by):
        raise PermissionDenied
    payload = _payload(day)
    record(actor=by, verb=Verb.CALENDAR_DAY_REMOVE, target=day, payload=payload)
    day.delete()
    forget_office_days()  # this process at once, every other one from its next request


def known_years() -> str:
    """The years the official calendar package covers, e.g. "2004—2026"."""
    years = official_years()
    return f"{years.start}—{years.stop - 1}" if years else "—"
