"""The register of new norms: the office registers a 高检院/省院 document for every unit taking
part; each unit records 贯彻落实 (how) or 细化 (its own rule, attached); progress per norm."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guifan.campaigns import norms
from guifan.campaigns.models import AdoptionStatus, NormAdoption
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb


def rule_file():
    return SimpleUploadedFile("实施细则.pdf", b"%PDF-1.4 rule", content_type="application/pdf")


@pytest.fixture
def norm(campaign, cast):
    return norms.norm_register(
        campaign=campaign,
        by=cast.office,
        issuer="spp",
        number="高检发〔2015〕6号",
        issued_on=date(2015, 3, 6),
        title="人民检察院刑事诉讼涉案财物管理规定",
    )


def test_a_registered_norm_goes_to_every_unit_taking_part(norm, campaign, cast):
    units = set(campaign.participants.values_list("unit_id", flat=True))
    assert set(norm.adoptions.values_list("unit_id", flat=True)) == units
    assert set(norm.adoptions.values_list("status", flat=True)) == {AdoptionStatus.PENDING}
    with pytest.raises(ValidationError, match="已登记"):
        norms.norm_register(
            campaign=campaign,
            by=cast.office,
            issuer="spp",
            number="高检发〔2015〕6号",
            issued_on=date(2015, 3, 6),
            title="x",
        )
    with pytest.raises(PermissionDenied):
        norms.norm_register(campaign=campaign, by=cast.liaison_a, issuer="spp",
                            number="x", issued_on=date(2015, 3, 6), title="x")  # fmt: skip
    assert Entry.objects.filter(verb=Verb.NORM_REGISTER).count() == 1


def test_a_unit_records_how_it_put_the_norm_into_practice(norm, cast):
    mine = norm.adoptions.get(unit=cast.unit_a)
    with pytest.raises(ValidationError, match="如何贯彻落实"):
        norms.adoption_record(adoption=mine, by=cast.liaison_a, status="implemented", note=" ")
    with pytest.raises(ValidationError, match="细化规定的名称"):
        norms.adoption_record(adoption=mine, by=cast.liaison_a, status="refined")
    with pytest.raises(ValidationError, match="上传本单位的细化规定文件"):
        norms.adoption_record(
            adoption=mine, by=cast.liaison_a, status="refined", rule_title="实施细则"
        )
    with pytest.raises(PermissionDenied):
        norms.adoption_record(adoption=mine, by=cast.liaison_b, status="implemented", note="学")
    norms.adoption_record(
        adoption=mine,
        by=cast.liaison_a,
        status="refined",
        rule_title="甲区检察院涉案财物管理实施细则",
        upload=rule_file(),
    )
    mine.refresh_from_db()
    assert mine.status == AdoptionStatus.REFINED and mine.rule_document is not None
    progress = norms.norm_progress(campaign=norm.campaign, user=cast.office)
    assert [(r["total"], r["implemented"], r["refined"]) for r in progress] == [(3, 0, 1)]


def test_the_page_shows_progress_and_each_liaison_fills_in_its_own_row(norm, campaign, cast, login):
    url = reverse("campaigns:norms", args=[campaign.pk])
    office = login(cast.office).get(url).content.decode()
    assert "人民检察院刑事诉讼涉案财物管理规定" in office and "共 3 个单位" in office
    liaison = login(cast.liaison_a)
    page = liaison.get(url).content.decode()
    assert "甲区" in page and "乙县" not in page  # a liaison sees its own unit's row only
    mine = norm.adoptions.get(unit=cast.unit_a)
    other = norm.adoptions.get(unit=cast.unit_b)
    adopt = reverse("campaigns:norm_adopt", args=[other.pk])
    assert liaison.post(adopt, {"status": "implemented", "note": "学"}).status_code == 404
    liaison.post(
        reverse("campaigns:norm_adopt", args=[mine.pk]),
        {"status": "implemented", "note": "已组织学习并执行"},
    )
    mine.refresh_from_db()
    assert mine.status == AdoptionStatus.IMPLEMENTED and mine.done_on is not None
    assert NormAdoption.objects.get(pk=other.pk).status == AdoptionStatus.PENDING
    response = login(cast.office).post(
        url,
        {"issuer": "province", "number": "省检发〔2015〕21号", "issued_on": "2015-09-18",
         "title": "关于进一步规范指定居所监视居住适用的意见"},
    )  # fmt: skip
    assert response.status_code == 302
    assert campaign.norms.count() == 2
