"""过问案件记录: recorded by the handler, journaled, seen by the reporter, inspection and the
office, never by the person recorded as inquiring; 立即报告 on inspection's 待办."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from guifan.inquiries.models import InquiryRecord
from guifan.inquiries.services import inquiry_notify, inquiry_receive, inquiry_record
from guifan.inquiries.tests.conftest import FIELDS
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb
from guifan.testing.factories import CaseFactory
from guifan.web.todos import todos_for


def test_the_handler_records_an_inquiry_and_it_is_journaled_without_names(cast, case):
    first = inquiry_record(case=case, by=cast.handler, **FIELDS)
    second = inquiry_record(case=case, by=cast.handler, **{**FIELDS, "inquirer_name": "李某"})
    assert (first.seq, second.seq) == (1, 2)
    assert first.reporter == cast.handler.person
    assert first.unit == cast.unit_a
    assert first.reported_on == date(2016, 3, 25)
    entry = Entry.objects.filter(verb=Verb.INQUIRY_RECORD).order_by("seq").last()
    assert "李某" not in entry.payload + entry.target_label  # the audit admin reads the journal
    sentence = describe([entry])[0]
    assert "领导干部" in sentence and "了解案事件进展" in sentence and case.case_no in sentence


def test_only_the_handler_and_the_overseers_record(cast, case):
    other = CaseFactory(unit=cast.unit_a)  # handled by someone else
    with pytest.raises(PermissionDenied):
        inquiry_record(case=other, by=cast.handler, **FIELDS)
    for user in (cast.liaison_a, cast.liaison_b, cast.evaluator, cast.auditadmin):
        with pytest.raises(PermissionDenied):
            inquiry_record(case=case, by=user, **FIELDS)
    assert inquiry_record(case=case, by=cast.inspector, **FIELDS).reporter == cast.handler.person


def test_an_inquiry_cannot_predate_its_own_date(cast, case):
    with pytest.raises(ValidationError):
        inquiry_record(case=case, by=cast.handler, **{**FIELDS, "occurred_on": date(2016, 4, 1)})


def test_who_sees_a_record(cast, case):
    item = inquiry_record(case=case, by=cast.handler, **FIELDS)
    seeing = {
        user.username
        for user in (
            cast.office,
            cast.inspector,
            cast.liaison_a,
            cast.liaison_b,
            cast.evaluator,
            cast.team_lead,
            cast.handler,
            cast.auditadmin,
        )
        if InquiryRecord.objects.visible_to(user).filter(pk=item.pk).exists()
    }
    assert seeing == {"office", "inspector", "handler"}


def test_the_person_recorded_as_inquiring_never_sees_the_record(cast, case, login):
    # The city's inspector asked about the case: named by 工号 ...
    named = inquiry_record(
        case=case,
        by=cast.handler,
        inquirer_staff_no=cast.inspector.person.staff_no,
        **{**FIELDS, "category": "insider", "inquirer_name": cast.inspector.person.name},
    )
    # ... and the office's man, recognised by his name and unit without one.
    recognised = inquiry_record(
        case=case,
        by=cast.handler,
        **{
            **FIELDS,
            "category": "insider",
            "inquirer_name": cast.office.person.name,
            "inquirer_unit": cast.city.name,
        },
    )
    plain = inquiry_record(case=case, by=cast.handler, **FIELDS)
    assert named.inquirer_person == cast.inspector.person
    assert recognised.inquirer_person == cast.office.person
    inspector_sees = set(InquiryRecord.objects.visible_to(cast.inspector))
    office_sees = set(InquiryRecord.objects.visible_to(cast.office))
    assert inspector_sees == {recognised, plain}
    assert office_sees == {named, plain}
    client = login(cast.inspector)
    assert client.get(reverse("inquiries:detail", args=[named.pk])).status_code == 404
    page = client.get(reverse("inquiries:list")).content.decode()
    assert f'data-inquiry="{named.pk}"' not in page
    assert f'data-inquiry="{plain.pk}"' in page
    case_page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("inquiries:detail", args=[named.pk]) not in case_page


def test_an_inquiry_that_affected_the_case_waits_on_inspection_until_taken_in(cast, case, login):
    item = inquiry_record(
        case=case, by=cast.handler, **{**FIELDS, "affected_case": True, "improper": True}
    )
    todos = [t for t in todos_for(cast.inspector) if t.kind == "立即报告"]
    assert [t.url for t in todos] == [reverse("inquiries:detail", args=[item.pk])]
    assert not [t for t in todos_for(cast.office) if t.kind == "立即报告"]
    with pytest.raises(PermissionDenied):
        inquiry_receive(item=item, by=cast.office, note="已阅")
    client = login(cast.inspector)
    page = client.get(todos[0].url).content.decode()
    assert "待纪检监察接收" in page
    client.post(reverse("inquiries:receive", args=[item.pk]), {"note": "约谈过问人，提醒"})
    item.refresh_from_db()
    assert item.received_by == cast.inspector and item.received_note == "约谈过问人，提醒"
    assert not [t for t in todos_for(cast.inspector) if t.kind == "立即报告"]
    assert Entry.objects.filter(verb=Verb.INQUIRY_RECEIVE).count() == 1


def test_the_handler_records_from_the_case_page(cast, case, login):
    client = login(cast.handler)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    link = f"{reverse('inquiries:create')}?case={case.pk}"
    assert link in page
    form = client.get(link).content.decode()
    assert case.case_no in form
    data = {**FIELDS, "case_no": case.case_no, "occurred_on": "2016-03-10"}
    answer = client.post(reverse("inquiries:create"), data)
    item = InquiryRecord.objects.get()
    assert answer.url == reverse("inquiries:detail", args=[item.pk])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "钱某" in page


def test_a_handler_cannot_record_on_a_case_not_theirs(cast, login):
    other = CaseFactory(unit=cast.unit_b)
    client = login(cast.handler)
    data = {**FIELDS, "case_no": other.case_no, "occurred_on": "2016-03-10"}
    page = client.post(reverse("inquiries:create"), data).content.decode()
    assert "找不到这个受案号的案件" in page
    assert not InquiryRecord.objects.exists()


def test_refusals(cast, case, login):
    item = inquiry_record(case=case, by=cast.handler, **{**FIELDS, "affected_case": True})
    detail = reverse("inquiries:detail", args=[item.pk])
    receive = reverse("inquiries:receive", args=[item.pk])
    assert login(cast.liaison_a).get(detail).status_code in (403, 404)
    assert login(cast.liaison_a).get(reverse("inquiries:list")).status_code == 403
    assert login(cast.evaluator).get(reverse("inquiries:create")).status_code == 403
    assert login(cast.handler).post(receive, {"note": "x"}).status_code == 403
    assert login(cast.auditadmin).get(reverse("inquiries:reports")).status_code == 403
    item.refresh_from_db()
    assert item.received_at is None


def test_an_inspector_who_inquired_does_not_take_the_record_in(cast, case):
    item = inquiry_record(
        case=case,
        by=cast.handler,
        inquirer_staff_no=cast.inspector.person.staff_no,
        **{**FIELDS, "category": "insider", "affected_case": True},
    )
    with pytest.raises(PermissionDenied):
        inquiry_receive(item=item, by=cast.inspector, note="已阅")
    assert not [t for t in todos_for(cast.inspector) if t.kind == "立即报告"]


def test_the_office_makes_an_improper_intervention_known(cast, case, login):
    proper = inquiry_record(case=case, by=cast.handler, **FIELDS)
    improper = inquiry_record(
        case=case, by=cast.handler, **{**FIELDS, "behaviour": "contact", "improper": True}
    )
    notify = reverse("inquiries:notify", args=[improper.pk])
    assert login(cast.inspector).post(notify, {"notice": "通报"}).status_code == 403
    assert login(cast.handler).post(notify, {"notice": "通报"}).status_code == 403
    client = login(cast.office)
    assert (
        "通报违规干预"
        not in client.get(reverse("inquiries:detail", args=[proper.pk])).content.decode()
    )
    client.post(notify, {"notice": "经批准在全市检察机关通报"})
    page = client.get(reverse("inquiries:detail", args=[improper.pk])).content.decode()
    assert "经批准在全市检察机关通报" in page
    with pytest.raises(ValidationError):
        inquiry_notify(item=proper, by=cast.office, notice="通报")
    entry = Entry.objects.filter(verb=Verb.INQUIRY_NOTIFY).get()
    assert "通报违规干预" in describe([entry])[0]
