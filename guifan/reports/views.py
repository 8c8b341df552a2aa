"""The 领导驾驶舱, a unit's own page, their .xlsx, and the 总结报告 / 通报 documents."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.core import clock
from guifan.core.decorators import poll, role_required
from guifan.core.exports import XLSX, file_response, journal_export
from guifan.core.replica import replica_reads
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.evaluation import export
from guifan.reports.access import access_document, access_overview, access_unit_report
from guifan.reports.exports import statistics_xlsx
from guifan.reports.forms import DocumentForm, NarrativeForm
from guifan.reports.models import BuildStatus, CampaignDocument, Narrative
from guifan.reports.narrative import narrative_texts
from guifan.reports.services import document_request, narrative_save
from guifan.reports.trends import campaign_statistics_cached
from guifan.web.actions import run_service

OVERSIGHT = (Role.OFFICE, Role.INSPECTION)
READERS = (*OVERSIGHT, Role.LIAISON)
ECHARTS = "reports/vendor/echarts.min.js"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def echarts_url() -> str | None:
    """The installed ECharts, or None (the page then shows its tables and says why)."""
    if finders.find(ECHARTS) is None:
        return None
    try:
        return static(ECHARTS)
    except ValueError:  # installed after collectstatic wrote the manifest
        return None


def _charts(tables) -> list[dict]:
    return [{"table": t, "id": f"chart-{t.key}", "data": t.chart_data()} for t in tables]


def _page(request, template: str, context: dict):
    return render(request, template, context | {"today": clock.today(), "echarts": echarts_url()})


@role_required(*OVERSIGHT)
@replica_reads()
def overview(request, campaign_id: int):
    campaign = access_overview(request.user, campaign_id)
    tables = campaign_statistics_cached(campaign=campaign, user=request.user)
    documents = CampaignDocument.objects.visible_to(request.user).filter(campaign=campaign)
    return _page(request, "reports/overview.html", {
        "campaign": campaign, "charts": _charts(tables),
        "documents": documents[:10], "form": DocumentForm(),
        "pdf_available": export.pdf_available(),
        "narrative": campaign.narratives.order_by("-number").first(),
        "is_office": scope_of(request.user).acts_as(Role.OFFICE, campaign.issuing_unit_id),
    })  # fmt: skip


@role_required(*OVERSIGHT)
@replica_reads()
def overview_export(request, campaign_id: int):
    campaign = access_overview(request.user, campaign_id)
    tables = campaign_statistics_cached(campaign=campaign, user=request.user)
    journal_export(request, campaign, "campaign_statistics", rows=sum(len(t.rows) for t in tables))
    data = statistics_xlsx(tables, title=campaign.name, issuer=campaign.issuing_unit.name)
    return file_response(data, f"{campaign.name}统计表.xlsx", XLSX)


def _unit_id(request) -> int | None:
    value = request.GET.get("unit", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return int(value)


@role_required(*READERS)
@replica_reads()
def unit_page(request, campaign_id: int):
    campaign, unit = access_unit_report(request.user, campaign_id, _unit_id(request))
    tables = campaign_statistics_cached(campaign=campaign, user=request.user, unit=unit)
    return _page(request, "reports/unit.html", {
        "campaign": campaign, "unit": unit, "charts": _charts(tables),
    })  # fmt: skip


@role_required(*READERS)
@replica_reads()
def unit_export(request, campaign_id: int):
    campaign, unit = access_unit_report(request.user, campaign_id, _unit_id(request))
    tables = campaign_statistics_cached(campaign=campaign, user=request.user, unit=unit)
    journal_export(
        request, campaign, "campaign_statistics", rows=sum(len(t.rows) for t in tables),
        filters={"unit": unit.short_name},
    )  # fmt: skip
    data = statistics_xlsx(tables, title=f"{campaign.name}（{unit.short_name}）", issuer=unit.name)
    return file_response(data, f"{campaign.name}_{unit.short_name}统计表.xlsx", XLSX)


@require_POST
@role_required(Role.OFFICE)
def document_create(request, campaign_id: int):
    campaign = access_overview(request.user, campaign_id)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        return redirect("reports:overview", campaign_id=campaign.pk)
    document = run_service(
        request,
        lambda: document_request(campaign=campaign, by=request.user, **form.cleaned_data),
    )
    if document is None:
        return redirect("reports:overview", campaign_id=campaign.pk)
    return redirect("reports:document", campaign_document_id=document.pk)


@poll
@role_required(*OVERSIGHT)
def document_page(request, campaign_document_id: int):
    document = access_document(request.user, campaign_document_id)
    template = "reports/includes/document_status.html" if request.htmx else "reports/document.html"
    return render(request, template, {"document": document})


@role_required(*OVERSIGHT)
def document_download(request, campaign_document_id: int):
    document = access_document(request.user, campaign_document_id)
    if document.status != BuildStatus.DONE:
        raise Http404
    journal_export(request, document.campaign, "campaign_document", kind=document.kind)
    return file_response(Path(document.stored_path).read_bytes(), document.file_name, DOCX)


@role_required(*OVERSIGHT)
def document_pdf(request, campaign_document_id: int):
    document = access_document(request.user, campaign_document_id)
    if document.status != BuildStatus.DONE or not document.pdf_path:
        raise Http404
    journal_export(request, document.campaign, "campaign_document", kind=document.kind, pdf=True)
    name = document.file_name.removesuffix(".docx") + ".pdf"
    return file_response(Path(document.pdf_path).read_bytes(), name, "application/pdf")


@role_required(Role.OFFICE)
def narrative(request, campaign_id: int):
    """The office edits the 总结报告's paragraphs; each save is a version."""
    campaign = access_overview(request.user, campaign_id)
    form = NarrativeForm(request.POST or None, initial=narrative_texts(campaign))
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            lambda: narrative_save(campaign=campaign, texts=form.cleaned_data, by=request.user),
        )
        if saved is not None:
            messages.success(request, _("已保存第 %(n)d 版。") % {"n": saved.number})
            return redirect("reports:narrative", campaign_id=campaign.pk)
    versions = Narrative.objects.visible_to(request.user).filter(campaign=campaign)
    return render(request, "reports/narrative.html", {
        "campaign": campaign, "form": form, "versions": versions.select_related("saved_by")[:20],
    })  # fmt: skip
