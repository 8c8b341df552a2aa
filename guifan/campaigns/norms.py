"""The register of new norms: the office registers a 高检院/省院 document and hands it to the
units taking part; each unit records how it put it into practice or the rule it issued."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from guifan.attachments.services import attachment_store
from guifan.campaigns.models import OPEN_STATUSES, AdoptionStatus, Norm, NormAdoption
from guifan.campaigns.services import liaison_of, office_of
from guifan.core import clock
from guifan.journal.services import record
from guifan.journal.verbs import Verb


@transaction.atomic
def norm_register(
    *, campaign, by, issuer: str, number: str, issued_on: date, title: str, upload=None
) -> Norm:
    office_of(by, campaign)
    if campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("活动未在进行中，不能登记规范。"))
    if campaign.norms.filter(number=number.strip()).exists():
        raise ValidationError(_("文号“%(n)s”已登记。") % {"n": number.strip()})
    norm = Norm(
        campaign=campaign,
        issuer=issuer,
        number=number.strip(),
        issued_on=issued_on,
        title=title.strip(),
        created_by=by,
    )
    if upload is not None:
        norm.document = attachment_store(upload=upload, unit=campaign.issuing_unit, by=by)
    norm.full_clean()
    norm.save()
    units = list(campaign.participants.values_list("unit_id", flat=True))
    NormAdoption.objects.bulk_create([NormAdoption(norm=norm, unit_id=u) for u in units])
    record(
        actor=by,
        verb=Verb.NORM_REGISTER,
        target=norm,
        payload={"campaign": campaign.pk, "number": norm.number, "units": len(units)},
    )
    return norm


@transaction.atomic
def adoption_record(
    *, adoption: NormAdoption, by, status: str, note: str = "", rule_title: str = "", upload=None
) -> NormAdoption:
    """贯彻落实 needs how; 细化 needs the unit's own rule, named and attached."""
    liaison_of(by, adoption.unit_id)
    adoption = NormAdoption.objects.select_for_update().get(pk=adoption.pk)
    if adoption.norm.campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("活动未在进行中，不能填报。"))
    if status == AdoptionStatus.IMPLEMENTED and not note.strip():
        raise ValidationError(_("请写明如何贯彻落实（学习传达、执行情况等）。"))
    if status == AdoptionStatus.REFINED:
        if not rule_title.strip():
            raise ValidationError(_("请填写本单位细化规定的名称。"))
        if upload is None and adoption.rule_document_id is None:
            raise ValidationError(_("请上传本单位的细化规定文件。"))
    if status not in (AdoptionStatus.IMPLEMENTED, AdoptionStatus.REFINED):
        raise ValidationError(_("请选择落实情况：已贯彻落实或已制定细化规定。"))
    if upload is not None:
        adoption.rule_document = attachment_store(upload=upload, unit=adoption.unit, by=by)
    adoption.status, adoption.note = status, note.strip()
    adoption.rule_title = rule_title.strip() if status == AdoptionStatus.REFINED else ""
    adoption.done_on = clock.today()
    adoption.save()
    record(
        actor=by,
        verb=Verb.NORM_ADOPT,
        target=adoption,
        payload={"norm": adoption.norm_id, "unit": adoption.unit.code, "status": status},
    )
    return adoption


def norm_progress(*, campaign, user) -> list[dict]:
    """Per norm: how many units have put it into practice, refined it, or not yet."""
    rows = (
        NormAdoption.objects.visible_to(user)
        .filter(norm__campaign=campaign)
        .values("norm")
        .annotate(
            total=Count("pk"),
            implemented=Count("pk", filter=Q(status=AdoptionStatus.IMPLEMENTED)),
            refined=Count("pk", filter=Q(status=AdoptionStatus.REFINED)),
        )
    )
    return list(rows)
