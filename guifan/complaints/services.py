"""Registering complaints and linking them to problems; journaled."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.complaints.models import Complaint
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb

REGISTRARS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)


@transaction.atomic
def complaint_register(*, by, unit, problem=None, **fields) -> Complaint:
    if by is not None:
        scope = scope_of(by)
        if not scope.has(*REGISTRARS) or unit.pk not in scope.business_unit_ids:
            raise PermissionDenied
    complaint = Complaint(unit=unit, created_by=by, **fields)
    complaint.full_clean()
    complaint.save()
    record(
        actor=by,
        verb=Verb.COMPLAINT_REGISTER,
        target=complaint,
        payload={"unit": unit.code, "channel": complaint.channel},
    )
    if problem is not None:
        complaint_link(complaint=complaint, problem=problem, by=by)
    return complaint


@transaction.atomic
def complaint_link(*, complaint: Complaint, problem, by) -> Complaint:
    """Link the complaint to the self-examination problem it gave rise to or confirms."""
    if by is not None and complaint.unit_id not in scope_of(by).business_unit_ids:
        raise PermissionDenied
    if problem.unit_id != complaint.unit_id:
        raise ValidationError(_("只能关联同一单位的问题。"))
    complaint.problem = problem
    complaint.save(update_fields=["problem"])
    record(actor=by, verb=Verb.COMPLAINT_LINK, target=complaint, payload={"problem": problem.pk})
    return complaint
