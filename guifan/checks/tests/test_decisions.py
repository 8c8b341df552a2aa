"""People decide: the office (or discipline inspection for conduct matters) confirms a
finding, which goes onto the 整改清单, or dismisses it with a reason; both are journaled."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guifan.campaigns.models import Campaign
from guifan.checks.models import Finding
from guifan.checks.selectors import rule_counts
from guifan.checks.services import checks_run, finding_confirm, finding_dismiss
from guifan.checks.tests.test_engine import arrest_review, complaint_case
from guifan.journal.models import Entry
from guifan.rectification.models import Item, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_review(cast, campaign):
    """An arrest review closed a day late in 甲区 (a category ④ matter: the office's)."""
    case = arrest_review(cast.unit_a, date(2015, 9, 26), date(2015, 10, 4), detained=True)
    checks_run(by=None, rules=["R4-05"])
    return Finding.objects.get(case=case)


def test_confirming_puts_the_finding_on_the_rectification_list(cast, late_review):
    finding_confirm(finding=late_review, by=cast.office, note="属实")
    late_review.refresh_from_db()
    assert late_review.status == "confirmed" and late_review.decided_by == cast.office
    item = Item.objects.get(source=Source.CHECK)
    assert item.source_ref == f"checks.finding:{late_review.pk}"
    assert item.unit == cast.unit_a and item.campaign == Campaign.objects.get()
    assert item.category.startswith("违法采取强制措施")
    assert late_review.case.case_no in item.description and "R4-05" in item.description
    entry = Entry.objects.filter(verb="checks.finding_confirm").get()
    assert f'"item": {item.pk}' in entry.payload or f'"item":{item.pk}' in entry.payload
    with pytest.raises(ValidationError):  # decided once
        finding_confirm(finding=late_review, by=cast.office)
    assert Item.objects.filter(source=Source.CHECK).count() == 1


def test_discipline_inspection_decides_conduct_matters_only(cast, campaign):
    case = complaint_case(cast.unit_a, date(2015, 6, 1), date(2015, 6, 9))  # R1-01: 作风
    arrest = arrest_review(cast.unit_a, date(2015, 9, 26), date(2015, 10, 4), detained=True)
    checks_run(by=None, rules=["R1-01", "R4-05"])
    rudeness, late = Finding.objects.get(case=case), Finding.objects.get(case=arrest)
    with pytest.raises(PermissionDenied):
        finding_confirm(finding=late, by=cast.inspector)
    with pytest.raises(PermissionDenied):
        finding_confirm(finding=rudeness, by=cast.office)
    with pytest.raises(PermissionDenied):
        finding_dismiss(finding=late, by=cast.liaison_a, reason="不是问题")
    finding_confirm(finding=rudeness, by=cast.inspector)
    assert Item.objects.get().category == "司法作风简单粗暴"


def test_dismissing_needs_a_reason_and_is_counted_per_rule(cast, late_review):
    with pytest.raises(ValidationError):
        finding_dismiss(finding=late_review, by=cast.office, reason="  ")
    finding_dismiss(finding=late_review, by=cast.office, reason="已报上级批准延长")
    late_review.refresh_from_db()
    assert (late_review.status, late_review.reason) == ("dismissed", "已报上级批准延长")
    assert not Item.objects.exists()
    counts = {row["rule"].code: row for row in rule_counts(user=cast.office)}
    assert (counts["R4-05"]["total"], counts["R4-05"]["dismissed"]) == (1, 1)
    assert Entry.objects.filter(verb="checks.finding_dismiss").count() == 1


def test_no_running_campaign_means_no_confirmation(cast, on_world_date):
    arrest_review(cast.unit_a, date(2015, 9, 26), date(2015, 10, 4), detained=True)
    checks_run(by=None, rules=["R4-05"])
    with pytest.raises(ValidationError, match="没有进行中的专项活动"):
        finding_confirm(finding=Finding.objects.get(), by=cast.office)
    assert Finding.objects.get().status == "pending"


def test_a_run_is_journaled_with_its_hashes(cast, late_review):
    entry = Entry.objects.filter(verb="checks.run").get()
    assert late_review.first_run.output_hash in entry.payload
    assert late_review.first_run.input_hash in entry.payload


def test_a_confirmed_finding_starts_the_cases_evaluation_form(cast, late_review, campaign):
    from guifan.evaluation import workflow
    from guifan.evaluation.models import Assignment

    finding_confirm(finding=late_review, by=cast.office)
    assignment = Assignment.objects.create(
        campaign=campaign, case=late_review.case, evaluator=cast.evaluator.person,
        reasons="新评查", deadline=date(2016, 3, 31),
    )  # fmt: skip
    form = workflow.form_for(assignment)
    [prefilled] = form.findings.all()
    assert prefilled.description.startswith("R4-05 审查逮捕超期")
    assert prefilled.category.startswith("违法采取强制措施") and not prefilled.rectify
    assert prefilled.severity == "serious" and "第89条" in prefilled.legal_basis
    assert workflow.form_for(assignment).findings.count() == 1  # made once
