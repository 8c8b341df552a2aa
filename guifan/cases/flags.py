"""选案标记 by hand: the office (at or above the case's unit) or the unit's liaison adds a mark
the flags import did not bring, or removes a wrong one with the reason. Both journaled.

Hand-entered marks are numbered from 1001, so an import's own numbering (1, 2, …) never
meets them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from guifan.cases.models import Case, CaseFlag, FlagKind
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb

HAND_SEQ = 1001


def may_flag(user, case: Case) -> bool:
    """The office over the case's unit, or the unit's own liaison."""
    scope = scope_of(user)
    return scope.acts_as(Role.OFFICE, case.unit_id) or scope.acts_as(Role.LIAISON, case.unit_id)


@transaction.atomic
def flag_add(*, case: Case, by, kind: str, flagged_on: date, source: str) -> CaseFlag:
    if by is not None and not may_flag(by, case):
        raise PermissionDenied
    if kind not in FlagKind.values:
        raise ValidationError(_("标记类型不正确。"))
    source = source.strip()
    if not source:
        raise ValidationError(_("请写明标记的依据（来文、登记表或其他记录）。"))
    Case.objects.select_for_update().filter(pk=case.pk).exists()  # one number at a time
    last = CaseFlag.objects.filter(case=case).aggregate(n=Max("seq"))["n"] or 0
    flag = CaseFlag.objects.create(
        case=case, seq=max(last + 1, HAND_SEQ), kind=kind, flagged_on=flagged_on, source=source
    )
    record(
        actor=by,
        verb=Verb.CASE_FLAG_ADD,
        target=case,
        payload={
            "kind": str(FlagKind(kind).label),
            "flagged_on": flagged_on.isoformat(),
            "source": source,
        },
    )
    return flag


@transaction.atomic
def flag_remove(*, flag: CaseFlag, by, reason: str) -> None:
    if by is not None and not may_flag(by, flag.case):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("删除选案标记须写明理由。"))
    payload = {
        "kind": flag.get_kind_display(),
        "flagged_on": flag.flagged_on.isoformat(),
        "source": flag.source,
        "reason": reason,
    }
    case = flag.case
    flag.delete()
    record(actor=by, verb=Verb.CASE_FLAG_REMOVE, target=case, payload=payload)
