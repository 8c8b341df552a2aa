"""群众反映: registered about a unit, linked to a problem of that unit, scoped."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from guifan.campaigns import services as campaigns
from guifan.complaints.models import Complaint
from guifan.complaints.services import complaint_link, complaint_register
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb

FIELDS = {
    "received_on": date(2016, 3, 20),
    "channel": "visit",
    "complainant": "",
    "about": "某检察官",
    "content": "接待时态度生硬，推诿不办",
}


@pytest.fixture
def problem(cast):
    campaign = campaigns.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    campaigns.campaign_start(campaign=campaign, by=cast.office)
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


def test_register_and_link_are_journaled(cast, problem):
    complaint = complaint_register(by=cast.liaison_a, unit=cast.unit_a, problem=problem, **FIELDS)
    assert complaint.problem == problem
    assert Entry.objects.filter(verb=Verb.COMPLAINT_REGISTER).exists()
    assert Entry.objects.filter(verb=Verb.COMPLAINT_LINK).exists()


def test_office_registers_for_any_unit_liaison_only_its_own(cast):
    complaint_register(by=cast.office, unit=cast.unit_b, **FIELDS)
    with pytest.raises(PermissionDenied):
        complaint_register(by=cast.liaison_a, unit=cast.unit_b, **FIELDS)
    with pytest.raises(PermissionDenied):
        complaint_register(by=cast.evaluator, unit=cast.unit_a, **FIELDS)


def test_only_problems_of_the_same_unit_can_be_linked(cast, problem):
    complaint = complaint_register(by=cast.office, unit=cast.unit_b, **FIELDS)
    with pytest.raises(ValidationError):
        complaint_link(complaint=complaint, problem=problem, by=cast.office)


def test_list_is_scoped_and_the_form_registers(cast, problem, login):
    complaint_register(by=cast.office, unit=cast.unit_b, **{**FIELDS, "content": "乙县的反映"})
    client = login(cast.liaison_a)
    page = client.get(reverse("complaints:list"))
    assert "乙县的反映" not in page.content.decode()
    response = client.post(
        reverse("complaints:list"),
        {**FIELDS, "received_on": "2016-03-20", "unit": cast.unit_a.pk, "problem": problem.pk},
    )
    assert response.status_code == 302
    assert Complaint.objects.filter(unit=cast.unit_a, problem=problem).exists()
    refused = client.post(
        reverse("complaints:list"), {**FIELDS, "received_on": "2016-03-20", "unit": cast.unit_b.pk}
    )
    assert refused.status_code == 200  # the unit is not a choice for this liaison
    assert Complaint.objects.filter(unit=cast.unit_b).count() == 1
    for who in ("evaluator", "auditadmin"):
        assert login(getattr(cast, who)).get(reverse("complaints:list")).status_code == 403
