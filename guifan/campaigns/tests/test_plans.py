"""制度创新: a plan goes planned → issued (with its document) → reported, or to research."""

from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guifan.attachments.models import Attachment
from guifan.campaigns import plans
from guifan.campaigns.models import MechanismPlan
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb


@pytest.fixture
def plan(cast, campaign):
    return plans.plan_create(
        campaign=campaign,
        unit=cast.unit_a,
        by=cast.liaison_a,
        area=campaign.checklist.get(kind="area", label="案件评查"),
        title="案件质量评查实施细则",
        summary="明确评查程序、标准和结果运用",
        owner="案件管理中心",
        planned_date=date(2016, 3, 25),
    )


def _doc(name="关于印发《案件质量评查实施细则》的通知.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def test_plan_lifecycle_with_document_is_journaled(cast, plan):
    with pytest.raises(ValidationError, match="须上传"):
        plans.plan_move(plan=plan, to="issued", by=cast.liaison_a)
    plans.plan_move(plan=plan, to="issued", by=cast.liaison_a, upload=_doc())
    plan.refresh_from_db()
    assert plan.status == "issued" and plan.document.name.endswith(".pdf")
    with pytest.raises(ValidationError):
        plans.plan_move(plan=plan, to="research", by=cast.liaison_a, findings="x")
    plans.plan_move(plan=plan, to="reported", by=cast.liaison_a)
    plan.refresh_from_db()
    assert plan.status == "reported" and plan.reported_at
    assert Entry.objects.filter(verb=Verb.PLAN_STATUS).count() == 2
    assert Entry.objects.filter(verb=Verb.ATTACHMENT_UPLOAD).count() == 1


def test_an_unripe_plan_becomes_research_with_findings(cast, plan):
    with pytest.raises(ValidationError, match="调研情况"):
        plans.plan_move(plan=plan, to="research", by=cast.liaison_a, findings=" ")
    plans.plan_move(plan=plan, to="research", by=cast.liaison_a, findings="待省院细则出台后再定")
    plan.refresh_from_db()
    assert (plan.status, plan.findings) == ("research", "待省院细则出台后再定")


def test_another_unit_cannot_touch_the_plan(cast, plan, login):
    with pytest.raises(PermissionDenied):
        plans.plan_move(plan=plan, to="research", by=cast.liaison_b, findings="x")
    client = login(cast.liaison_b)
    response = client.post(
        reverse("campaigns:plan_move", args=[plan.pk]), {"to": "research", "findings": "x"}
    )
    assert response.status_code == 404
    page = client.get(reverse("campaigns:plans", args=[plan.campaign_id]))
    assert list(page.context["plans"]) == []


def test_office_sees_every_plan_by_area_and_unit(cast, plan, login):
    page = login(cast.office).get(reverse("campaigns:plans", args=[plan.campaign_id]))
    assert list(page.context["plans"]) == [plan]
    assert page.context["form"] is None


def test_documents_are_served_only_to_those_who_may_see_them(cast, plan, login):
    plans.plan_move(plan=plan, to="issued", by=cast.liaison_a, upload=_doc())
    document = MechanismPlan.objects.get().document
    url = reverse("attachments:download", args=[document.pk])
    response = login(cast.office).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "attachment;" in response["Content-Disposition"]
    assert Entry.objects.filter(verb=Verb.ATTACHMENT_DOWNLOAD, actor_id=cast.office.pk).exists()
    for who in ("liaison_b", "evaluator", "auditadmin"):
        assert login(getattr(cast, who)).get(url).status_code == 404
    assert document.path.is_relative_to(settings.MEDIA_ROOT)  # outside the web root
    assert not document.path.is_relative_to(settings.STATIC_ROOT)


def test_attachment_names_are_sanitised_and_types_limited(cast, plan):
    plans.plan_move(plan=plan, to="issued", by=cast.liaison_a, upload=_doc("../../etc/通知<1>.pdf"))
    assert Attachment.objects.get().name == "通知_1_.pdf"
    other = plans.plan_create(
        campaign=plan.campaign,
        unit=cast.unit_a,
        by=cast.liaison_a,
        area=plan.area,
        title="二",
        summary="二",
        owner="二",
        planned_date=date(2016, 3, 25),
    )
    with pytest.raises(ValidationError, match="不支持的附件类型"):
        plans.plan_move(
            plan=other, to="issued", by=cast.liaison_a, upload=SimpleUploadedFile("run.exe", b"MZ")
        )
