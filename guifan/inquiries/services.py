"""Recording inquiries and taking in those that affected a case; journaled.

逢问必录: the handler records every inquiry about a case in hand; the office and discipline
inspection over the unit may record one for it. A record that says the inquiry affected the
case (立即报告) waits on discipline inspection's 待办 until an inspector takes it in.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.inquiries.models import Category, InquiryRecord
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.org.models import Person, Unit

OVERSEERS = (Role.OFFICE, Role.INSPECTION)
# Inquirers who may be staff the system knows, looked up by name and unit when not named.
STAFF_CATEGORIES = (Category.INSIDER, Category.LEADER)


def may_record(by, case) -> bool:
    """The case's handler, or the office or inspection over its unit."""
    if by is None:
        return True
    scope = scope_of(by)
    if scope.has(Role.HANDLER) and scope.person_id and case.handler_id == scope.person_id:
        return True
    return bool(case.unit_id in scope.units_for(*OVERSEERS))


def target(item: InquiryRecord) -> tuple[str, str, str]:
    # No names in the journal's label: the audit administrator reads it (三员分立).
    return ("inquiries.inquiryrecord", str(item.pk), f"{item.case.case_no} 第{item.seq}号")


def find_inquirer(name: str, unit_name: str, staff_no: str = "") -> Person | None:
    """The staff member recorded as inquiring: by 工号, or by name and unit when only one
    person fits (so that they cannot read the record that names them)."""
    if staff_no:
        person = Person.objects.filter(staff_no=staff_no).first()
        if person is None:
            raise ValidationError(_("工号“%(no)s”不存在。") % {"no": staff_no})
        return person
    if not name or not unit_name:
        return None
    units = Unit.objects.filter(Q(name=unit_name) | Q(short_name=unit_name))
    people = list(Person.objects.filter(name=name, unit__in=units)[:2])
    return people[0] if len(people) == 1 else None


@transaction.atomic
def inquiry_record(*, case, by, inquirer_staff_no: str = "", **fields) -> InquiryRecord:
    """Record one inquiry about ``case`` (逢问必录)."""
    if not may_record(by, case):
        raise PermissionDenied
    person = getattr(by, "person", None) if by is not None else None
    reporter = person if person is not None and person.pk == case.handler_id else case.handler
    item = InquiryRecord(
        case=case, unit_id=case.unit_id, reporter=reporter, created_by=by, **fields
    )
    if item.reported_on is None:
        item.reported_on = clock.today()
    if item.occurred_on and item.occurred_on > item.reported_on:
        raise ValidationError(_("过问日期不能晚于填报日期。"))
    if inquirer_staff_no or item.category in STAFF_CATEGORIES:
        item.inquirer_person = find_inquirer(
            item.inquirer_name, item.inquirer_unit, inquirer_staff_no
        )
    if item.inquirer_person_id is not None and item.inquirer_person_id == item.reporter_id:
        raise ValidationError(_("过问人不能是填报人本人。"))
    # One number after another per case, also under two handlers saving at once.
    InquiryRecord.objects.select_for_update().filter(case=case).exists()
    item.seq = (InquiryRecord.objects.filter(case=case).aggregate(n=Max("seq"))["n"] or 0) + 1
    item.full_clean()
    item.save()
    record(
        actor=by,
        verb=Verb.INQUIRY_RECORD,
        target=target(item),
        payload={
            "unit": case.unit.code,
            "category": item.category,
            "behaviour": item.behaviour,
            "improper": item.improper,
            "affected": item.affected_case,
        },
    )
    return item


@transaction.atomic
def inquiry_receive(*, item: InquiryRecord, by, note: str) -> InquiryRecord:
    """Discipline inspection takes in a record that affected its case (立即报告)."""
    if by is not None and not scope_of(by).acts_as(Role.INSPECTION, item.unit_id):
        raise PermissionDenied
    if by is not None and by.person_id and by.person_id == item.inquirer_person_id:
        raise PermissionDenied  # the inspector who inquired does not handle the record
    item = InquiryRecord.objects.select_for_update().select_related("case").get(pk=item.pk)
    if not item.affected_case:
        raise ValidationError(_("该记录未影响案件正常办理，无需立即报告。"))
    if item.received_at is not None:
        raise ValidationError(_("该记录已由纪检监察接收。"))
    if not note.strip():
        raise ValidationError(_("请填写处理意见。"))
    item.received_at, item.received_by, item.received_note = clock.now(), by, note.strip()
    item.save(update_fields=["received_at", "received_by", "received_note"])
    record(actor=by, verb=Verb.INQUIRY_RECEIVE, target=target(item), payload={})
    return item


@transaction.atomic
def inquiry_notify(*, item: InquiryRecord, by, notice: str) -> InquiryRecord:
    """通报: the office over the unit makes an improper intervention known."""
    if by is not None and not scope_of(by).acts_as(Role.OFFICE, item.unit_id):
        raise PermissionDenied
    if by is not None and by.person_id and by.person_id == item.inquirer_person_id:
        raise PermissionDenied
    item = InquiryRecord.objects.select_for_update().select_related("case", "unit").get(pk=item.pk)
    if not item.improper:
        raise ValidationError(_("只有属违规干预的记录才通报。"))
    if item.notified_at is not None:
        raise ValidationError(_("该记录已通报。"))
    if not notice.strip():
        raise ValidationError(_("请填写通报内容。"))
    item.notified_at, item.notified_by, item.notice = clock.now(), by, notice.strip()
    item.save(update_fields=["notified_at", "notified_by", "notice"])
    record(
        actor=by, verb=Verb.INQUIRY_NOTIFY, target=target(item), payload={"unit": item.unit.code}
    )
    return item
