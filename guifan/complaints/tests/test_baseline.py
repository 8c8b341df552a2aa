"""群众有反映没有查清的不放过, looking back: the 2015 群众反映 not yet cleared and the imported 信访
rows answered late or never are complaints of the campaign, holding its gate until concluded."""

from datetime import datetime

import pytest
from django.utils import timezone

from guifan.campaigns.models import CampaignStatus
from guifan.cases.models import CaseComplaint
from guifan.cases.services import cases_import
from guifan.complaints.baseline import complaints_adopt
from guifan.complaints.models import BaselineComplaint, Complaint, ComplaintStatus
from guifan.rectification.gate import campaign_gate
from guifan.rectification.tests.conftest import on
from guifan.testing.factories import CaseFactory
from guifan.testing.files import write_csv


def at(*args):
    return timezone.make_aware(datetime(*args))


def make_campaign(cast):
    from guifan.campaigns import services as campaigns

    with on(3, 14):
        campaign = campaigns.campaign_create_from_template(
            template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
        )
        campaigns.campaign_start(campaign=campaign, by=cast.office)
    return campaign


@pytest.fixture
def campaign(cast):
    return make_campaign(cast)


@pytest.fixture
def case(cast):
    return CaseFactory(unit=cast.unit_a, case_no="甲区检公诉受[2015]0007号")


def row(ref, **overrides):
    values = {
        "编号": ref,
        "单位编码": "970102",
        "收到日期": "2015-11-02",
        "渠道": "来信",
        "反映人": "王某",
        "部门受案号": "",
        "反映内容": "反映承办检察官多次未接听电话、不告知案件进展",
        "办理状态": "调查中",
    }
    values.update(overrides)
    return values


@pytest.fixture
def ledger(tmp_path, cast, case):
    rows = [
        row("FY2015-01", 部门受案号="甲区检公诉受〔2015〕0007号"),
        row("FY2015-02", 办理状态="已办结"),
        row("FY2015-03", 部门受案号="甲区检公诉受[2015]9999号"),
        row("FY2015-04", 渠道="托梦"),
    ]
    return write_csv(tmp_path / "群众反映.csv", rows, encoding="utf-8-sig")


def test_the_2015_ledger_is_imported_with_reasons_per_row(ledger, cast, case):
    result = cases_import(path=ledger, kind="baseline_complaints", user=cast.office)
    assert (result.imported, result.rejected) == (2, 2)
    reasons = {e.line: e.reason for e in result.errors}
    assert "没有部门受案号为“甲区检公诉受[2015]9999号”的案件" in reasons[4]
    assert "渠道" in reasons[5]
    assert BaselineComplaint.objects.get(ref="FY2015-01").case == case


def test_uncleared_2015_complaints_block_the_gate_until_concluded(ledger, campaign, cast):
    with on(3, 20):
        cases_import(path=ledger, kind="baseline_complaints", user=cast.office)
    taken = Complaint.objects.get(campaign=campaign, baseline__ref="FY2015-01")
    assert taken.status == ComplaintStatus.RECEIVED and taken.origin == "2015 遗留（FY2015-01）"
    assert not Complaint.objects.filter(baseline__ref="FY2015-02").exists()  # cleared in 2015
    assert taken.pk in {b.id for b in campaign_gate(campaign).complaints}
    complaints_adopt(campaign=campaign)  # once only
    assert Complaint.objects.filter(baseline__isnull=False).count() == 1


@pytest.mark.parametrize(
    ("procedural", "result", "late"),
    [
        (at(2015, 6, 3), at(2015, 7, 1), False),  # answered in time
        (at(2015, 6, 15), at(2015, 7, 1), True),  # procedural reply after 7 days
        (at(2015, 6, 3), at(2015, 9, 10), True),  # result after 3 months
        (at(2015, 6, 3), None, True),  # never answered
    ],
)
def test_an_imported_letter_answered_late_blocks_the_gate(cast, case, procedural, result, late):
    letter = CaseComplaint.objects.create(
        case=case,
        seq=1,
        received_at=at(2015, 6, 1, 9),
        procedural_reply_at=procedural,
        result_reply_at=result,
        topic="反映取保候审申请无人答复",
    )
    campaign = make_campaign(cast)
    assert campaign.status == CampaignStatus.RUNNING
    taken = Complaint.objects.filter(case_complaint=letter).first()
    assert (taken is not None) is late
    if late:
        assert taken.case == case and taken.content == "反映取保候审申请无人答复"
        blockers = campaign_gate(campaign).complaints
        assert [b.id for b in blockers] == [taken.pk]


def test_the_complaint_page_says_where_it_came_from(ledger, campaign, cast, login):
    from django.urls import reverse

    with on(3, 20):
        cases_import(path=ledger, kind="baseline_complaints", user=cast.office)
    taken = Complaint.objects.get(baseline__ref="FY2015-01")
    page = login(cast.office).get(reverse("complaints:detail", args=[taken.pk])).content.decode()
    assert "2015 遗留（FY2015-01）" in page
