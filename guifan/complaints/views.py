from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.accounts.models import User
from guifan.campaigns.models import OPEN_STATUSES, Campaign, SelfExamProblem
from guifan.complaints import services
from guifan.complaints.access import access_complaint
from guifan.complaints.forms import (
    AssignForm,
    ComplaintFilterForm,
    ComplaintForm,
    ConcludeForm,
    InvestigationForm,
    ItemDraftFormSet,
)
from guifan.complaints.models import Complaint, ComplaintStatus
from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.org.models import Tier, Unit
from guifan.web.actions import form_errors, run_service

READERS = services.REGISTRARS


@role_required(*READERS)
def complaint_list(request):
    units = Unit.objects.visible_to(request.user).exclude(tier=Tier.PROVINCE)
    campaigns = list(
        Campaign.objects.visible_to(request.user)
        .filter(status__in=OPEN_STATUSES)
        .distinct()
        .order_by("-start_date")
    )
    problems = SelfExamProblem.objects.visible_to(request.user).select_related("unit")
    form = ComplaintForm(
        request.POST or None,
        campaigns=Campaign.objects.filter(pk__in=[c.pk for c in campaigns]),
        units=units,
        problems=problems,
    )
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_register(by=request.user, **form.fields_for_service())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("群众反映已登记。"))
            return redirect("complaints:detail", complaint_id=complaint.pk)
    filters = ComplaintFilterForm(request.GET or None, auto_id="filter_%s")
    complaints = Complaint.objects.visible_to(request.user).select_related(
        "unit", "problem__category", "investigator__person"
    )
    if filters.is_valid() and filters.cleaned_data["status"]:
        complaints = complaints.filter(status=filters.cleaned_data["status"])
    return render(
        request,
        "complaints/list.html",
        {"form": form, "filters": filters, "complaints": complaints},
    )


def _inspectors(complaint: Complaint):
    """Accounts holding the inspection role at the complaint's unit or above it."""
    codes = [code for code in complaint.unit.path.split("/") if code]
    return (
        User.objects.filter(
            is_active=True,
            role_grants__role=Role.INSPECTION,
            role_grants__unit__code__in=codes,
        )
        .select_related("person__unit")
        .distinct()
        .order_by("username")
    )


def _detail(request, complaint: Complaint, *, conclude_form=None, drafts=None):
    """The complaint's page; a refused conclusion comes back with everything typed in it."""
    oversees = scope_of(request.user).oversees(complaint.unit_id)
    investigating = complaint.status == ComplaintStatus.ASSIGNED and services.may_investigate(
        request.user, complaint
    )
    campaigns = Campaign.objects.filter(pk=complaint.campaign_id)
    if investigating:
        conclude_form = conclude_form or ConcludeForm(
            initial={"investigation": complaint.investigation}
        )
        drafts = drafts or ItemDraftFormSet(prefix="item", form_kwargs={"campaigns": campaigns})
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "evidence": complaint.evidence.visible_to(request.user),
            # The complainant is named only to the oversight side and to whoever registered it.
            "show_complainant": oversees or complaint.created_by_id == request.user.pk,
            "items": complaint.rectification_items.all(),
            "assign_form": AssignForm(inspectors=_inspectors(complaint))
            if oversees and not complaint.concluded
            else None,
            "investigation_form": InvestigationForm(
                initial={"investigation": complaint.investigation}, auto_id="progress_%s"
            )
            if investigating
            else None,
            "conclude_form": conclude_form if investigating else None,
            "drafts": drafts if investigating else None,
        },
    )


@role_required(*READERS)
def complaint_detail(request, complaint_id: int):
    return _detail(request, access_complaint(request.user, complaint_id))


@require_POST
@role_required(Role.OFFICE, Role.INSPECTION)
def complaint_assign(request, complaint_id: int):
    complaint = access_complaint(request.user, complaint_id)
    form = AssignForm(request.POST, inspectors=_inspectors(complaint))
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        run_service(
            request,
            lambda: services.complaint_assign(
                complaint=complaint,
                by=request.user,
                investigator=form.cleaned_data["investigator"],
                deadline=form.cleaned_data["deadline"],
            ),
            _("已交办调查。"),
        )
    return redirect("complaints:detail", complaint_id=complaint.pk)


@require_POST
@role_required(Role.INSPECTION, Role.LIAISON)
def complaint_investigate(request, complaint_id: int):
    complaint = access_complaint(request.user, complaint_id)
    form = InvestigationForm(request.POST)
    form.is_valid()
    run_service(
        request,
        lambda: services.complaint_investigate(
            complaint=complaint,
            by=request.user,
            investigation=form.cleaned_data.get("investigation", ""),
        ),
        _("调查核实情况已保存。"),
    )
    return redirect("complaints:detail", complaint_id=complaint.pk)


@require_POST
@role_required(Role.INSPECTION, Role.LIAISON)
def complaint_conclude(request, complaint_id: int):
    complaint = access_complaint(request.user, complaint_id)
    form = ConcludeForm(request.POST)
    campaigns = Campaign.objects.filter(pk=complaint.campaign_id)
    drafts = ItemDraftFormSet(request.POST, prefix="item", form_kwargs={"campaigns": campaigns})
    if not form.is_valid() or not drafts.is_valid():
        problems = [form_errors(form)] + [form_errors(f) for f in drafts if f.errors]
        messages.error(request, " ".join(p for p in problems if p))
        return _detail(request, complaint, conclude_form=form, drafts=drafts)
    rows = [f.cleaned_data for f in drafts if f.cleaned_data.get("category")]
    concluded = run_service(
        request,
        lambda: services.complaint_conclude(
            complaint=complaint,
            by=request.user,
            conclusion=form.cleaned_data["conclusion"],
            investigation=form.cleaned_data["investigation"],
            uploads=request.FILES.getlist("evidence"),
            problems=rows,
        ),
        _("已办结。"),
    )
    if concluded is None:
        if request.FILES:
            messages.warning(request, _("所填内容已保留；上传的文件请重新选择。"))
        return _detail(request, complaint, conclude_form=form, drafts=drafts)
    return redirect("complaints:detail", complaint_id=complaint.pk)
