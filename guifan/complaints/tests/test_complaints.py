"""群众反映: registered in a campaign, handed over, investigated, closed only with a conclusion
and evidence; 属实 puts the problems on the rectification list; scoped."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse

from guifan.campaigns import services as campaigns
from guifan.complaints import services
from guifan.complaints.models import Complaint, ComplaintStatus
from guifan.complaints.services import complaint_link, complaint_register
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.rectification.models import Item, Source
from guifan.rectification.tests.conftest import evidence

FIELDS = {
    "received_on": date(2016, 3, 20),
    "channel": "visit",
    "complainant": "",
    "about": "某检察官",
    "content": "接待时态度生硬，推诿不办",
}
PROBLEM = {
    "category": "司法作风简单粗暴",
    "description": "接待来访群众推诿不收材料",
    "measures": "落实首问负责制",
    "responsible": "控申科科长",
    "deadline": date(2016, 5, 31),
}


@pytest.fixture
def campaign(cast):
    campaign = campaigns.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    campaigns.campaign_start(campaign=campaign, by=cast.office)
    return campaign


@pytest.fixture
def problem(campaign, cast):
    return campaigns.problem_record(
        campaign=campaign,
        unit=cast.unit_a,
        by=cast.liaison_a,
        heading=campaign.checklist.get(kind="heading", label="思想教育"),
        category=campaign.checklist.filter(kind="category").first(),
        description="接待群众态度生硬",
        responsible="控告申诉检察科",
        measure="文明接待教育",
        deadline=date(2016, 4, 30),
    )


@pytest.fixture
def complaint(campaign, cast):
    return complaint_register(by=cast.office, unit=cast.unit_a, campaign=campaign, **FIELDS)


def test_register_and_link_are_journaled(cast, problem, campaign):
    complaint = complaint_register(
        by=cast.liaison_a, unit=cast.unit_a, campaign=campaign, problem=problem, **FIELDS
    )
    assert complaint.problem == problem and complaint.status == ComplaintStatus.RECEIVED
    assert Entry.objects.filter(verb=Verb.COMPLAINT_REGISTER).exists()
    assert Entry.objects.filter(verb=Verb.COMPLAINT_LINK).exists()


def test_office_registers_for_any_unit_liaison_only_its_own(cast, campaign):
    complaint_register(by=cast.office, unit=cast.unit_b, campaign=campaign, **FIELDS)
    with pytest.raises(PermissionDenied):
        complaint_register(by=cast.liaison_a, unit=cast.unit_b, campaign=campaign, **FIELDS)
    with pytest.raises(PermissionDenied):
        complaint_register(by=cast.evaluator, unit=cast.unit_a, campaign=campaign, **FIELDS)


def test_only_problems_of_the_same_unit_can_be_linked(cast, problem, campaign):
    complaint = complaint_register(by=cast.office, unit=cast.unit_b, campaign=campaign, **FIELDS)
    with pytest.raises(ValidationError):
        complaint_link(complaint=complaint, problem=problem, by=cast.office)


def test_a_complaint_closes_only_with_a_conclusion_and_evidence(complaint, cast):
    with pytest.raises(ValidationError, match="请先交办"):
        services.complaint_conclude(
            complaint=complaint, by=None, conclusion="unfounded", investigation="查无此事"
        )
    with pytest.raises(PermissionDenied):
        services.complaint_assign(complaint=complaint, by=cast.liaison_a)
    services.complaint_assign(complaint=complaint, by=cast.office)
    complaint.refresh_from_db()
    assert (
        complaint.status == ComplaintStatus.ASSIGNED and complaint.investigator_unit == cast.unit_a
    )
    with pytest.raises(PermissionDenied):  # handed to 甲区: 乙县 and the office do not conclude
        services.complaint_conclude(
            complaint=complaint, by=cast.liaison_b, conclusion="unfounded", investigation="x"
        )
    conclude = dict(complaint=complaint, by=cast.liaison_a, investigation="调取录像核实")
    with pytest.raises(ValidationError, match="请选择调查结论"):
        services.complaint_conclude(conclusion="", **conclude)
    with pytest.raises(ValidationError, match="调查核实情况"):
        services.complaint_conclude(conclusion="unfounded", **conclude | {"investigation": ""})
    with pytest.raises(ValidationError, match="证据材料"):
        services.complaint_conclude(conclusion="unfounded", **conclude)
    with pytest.raises(ValidationError, match="须列出需整改的问题"):
        services.complaint_conclude(conclusion="substantiated", uploads=[evidence()], **conclude)
    with pytest.raises(ValidationError, match="第 1 个问题：问题类别不属于此活动"):
        services.complaint_conclude(
            conclusion="partly",
            uploads=[evidence()],
            problems=[PROBLEM | {"category": "自编的类别"}],
            **conclude,
        )
    with pytest.raises(ValidationError, match="不列整改问题"):
        services.complaint_conclude(
            conclusion="unfounded", uploads=[evidence()], problems=[PROBLEM], **conclude
        )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ASSIGNED and not complaint.evidence.exists()
    services.complaint_conclude(conclusion="unfounded", uploads=[evidence()], **conclude)
    complaint.refresh_from_db()
    assert complaint.concluded and complaint.get_conclusion_display() == "不属实"
    assert not Item.objects.exists()
    assert Entry.objects.filter(verb=Verb.COMPLAINT_CONCLUDE).exists()


def test_the_database_refuses_a_closed_complaint_without_conclusion(complaint):
    with pytest.raises(IntegrityError):
        Complaint.objects.filter(pk=complaint.pk).update(status=ComplaintStatus.CONCLUDED)


def test_a_substantiated_complaint_puts_its_problems_on_the_list(campaign, cast):
    from guifan.testing.factories import CaseFactory, DepartmentFactory

    department = DepartmentFactory(unit=cast.unit_a)
    case = CaseFactory(unit=cast.unit_a, department=department, handler=cast.handler.person)
    complaint = complaint_register(
        by=cast.office, unit=cast.unit_a, campaign=campaign, case=case, **FIELDS
    )
    services.complaint_assign(complaint=complaint, by=cast.office, investigator=cast.inspector)
    services.complaint_conclude(
        complaint=complaint,
        by=cast.inspector,
        conclusion="partly",
        investigation="部分属实",
        uploads=[evidence("谈话笔录.pdf")],
        problems=[PROBLEM],
    )
    item = Item.objects.get()
    assert (item.source, item.complaint, item.unit) == (Source.COMPLAINT, complaint, cast.unit_a)
    assert (item.category, item.deadline, item.found_on) == (
        "司法作风简单粗暴",
        date(2016, 5, 31),
        date(2016, 3, 20),
    )
    # Evidence an inspector gathered is for the oversight side only.
    kept = complaint.evidence.get()
    assert kept.oversight_only and kept.unit == cast.unit_a
    # Against the person or case it was about: recurrence can match on either.
    assert (item.department, item.handler) == (department, cast.handler.person)


def test_only_an_inspector_over_the_unit_takes_a_complaint(complaint, cast):
    with pytest.raises(ValidationError, match="纪检监察人员"):
        services.complaint_assign(complaint=complaint, by=cast.office, investigator=cast.liaison_a)


def test_a_complaint_with_an_inspector_is_never_shown_to_the_unit_concerned(complaint, cast, login):
    services.complaint_assign(complaint=complaint, by=cast.office, investigator=cast.inspector)
    assert not Complaint.objects.visible_to(cast.liaison_a).exists()
    assert Complaint.objects.visible_to(cast.inspector).exists()
    url = reverse("complaints:detail", args=[complaint.pk])
    assert login(cast.liaison_a).get(url).status_code == 404
    services.complaint_investigate(complaint=complaint, by=cast.inspector, investigation="证人称…")
    with pytest.raises(ValidationError, match="不能改交被反映单位"):
        services.complaint_assign(complaint=complaint, by=cast.office)
    services.complaint_conclude(
        complaint=complaint,
        by=cast.inspector,
        conclusion="partly",
        investigation="部分属实",
        uploads=[evidence("谈话笔录.pdf")],
        problems=[PROBLEM],
    )
    assert not Complaint.objects.visible_to(cast.liaison_a).exists()
    evidence_file = complaint.evidence.get()
    download = f"/attachments/{evidence_file.pk}/"
    assert login(cast.liaison_a).get(download).status_code == 404
    assert login(cast.inspector).get(download).status_code == 200
    # The unit works on what it showed; the item page does not link to the complaint.
    item = Item.objects.get(complaint=complaint)
    page = login(cast.liaison_a).get(reverse("rectification:detail", args=[item.pk]))
    assert page.status_code == 200 and url not in page.content.decode()


def test_the_unit_sees_a_complaint_once_handed_to_it_without_the_complainants_name(
    campaign, cast, login
):
    complaint = complaint_register(
        by=cast.office, unit=cast.unit_a, campaign=campaign, **(FIELDS | {"complainant": "王五"})
    )
    assert not Complaint.objects.visible_to(cast.liaison_a).exists()  # 已登记: not yet
    services.complaint_assign(complaint=complaint, by=cast.office)
    page = login(cast.liaison_a).get(reverse("complaints:detail", args=[complaint.pk]))
    assert page.status_code == 200 and "王五" not in page.content.decode()
    office_page = login(cast.office).get(reverse("complaints:detail", args=[complaint.pk]))
    assert "王五" in office_page.content.decode()


def test_a_complaint_belongs_to_an_open_campaign(cast, campaign):
    with pytest.raises(ValidationError, match="请选择所属活动"):
        complaint_register(by=cast.office, unit=cast.unit_a, campaign=None, **FIELDS)


def test_list_is_scoped_and_the_form_registers(cast, problem, campaign, login):
    complaint_register(
        by=cast.office, unit=cast.unit_b, campaign=campaign, **{**FIELDS, "content": "乙县的反映"}
    )
    client = login(cast.liaison_a)
    page = client.get(reverse("complaints:list"))
    assert "乙县的反映" not in page.content.decode()
    form = {**FIELDS, "received_on": "2016-03-20", "campaign": campaign.pk}
    response = client.post(
        reverse("complaints:list"), {**form, "unit": cast.unit_a.pk, "problem": problem.pk}
    )
    assert response.status_code == 302
    assert Complaint.objects.filter(unit=cast.unit_a, problem=problem).exists()
    refused = client.post(reverse("complaints:list"), {**form, "unit": cast.unit_b.pk})
    assert refused.status_code == 200  # the unit is not a choice for this liaison
    assert Complaint.objects.filter(unit=cast.unit_b).count() == 1
    unknown = client.post(
        reverse("complaints:list"), {**form, "unit": cast.unit_a.pk, "case_no": "无此案"}
    )
    assert "被反映单位没有这个受案号的案件" in unknown.content.decode()
    for who in ("evaluator", "auditadmin"):
        assert login(getattr(cast, who)).get(reverse("complaints:list")).status_code == 403


def test_the_conclusion_page_keeps_what_was_typed_when_refused(complaint, cast, login):
    services.complaint_assign(complaint=complaint, by=cast.office)
    client = login(cast.liaison_a)
    url = reverse("complaints:conclude", args=[complaint.pk])
    page = client.post(
        url,
        {
            "conclusion": "substantiated",
            "investigation": "调取录像，反映属实，接待人员确有推诿",
            "item-TOTAL_FORMS": "3",
            "item-INITIAL_FORMS": "0",
            "item-0-category": "司法作风简单粗暴",
            "item-0-description": "推诿不收材料",
            "item-0-deadline": "2016-05-31",
        },
    )
    text = page.content.decode()
    assert page.status_code == 200 and "证据材料" in text
    assert "调取录像，反映属实，接待人员确有推诿" in text and "推诿不收材料" in text
    complaint.refresh_from_db()
    assert not complaint.concluded
