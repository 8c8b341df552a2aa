"""Pages of the register of new norms (campaigns.norms)."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guifan.campaigns import norms
from guifan.campaigns.access import access_campaign
from guifan.campaigns.models import AdoptionStatus, Issuer, NormAdoption
from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.web.actions import form_errors, run_service
from guifan.web.forms import StyledFormMixin

READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)


class NormForm(StyledFormMixin, forms.Form):
    issuer = forms.ChoiceField(label=gettext_lazy("制发机关"), choices=Issuer.choices)
    number = forms.CharField(label=gettext_lazy("文号"), max_length=60)
    issued_on = forms.DateField(label=gettext_lazy("印发日期"))
    title = forms.CharField(label=gettext_lazy("名称"), max_length=200)
    document = forms.FileField(label=gettext_lazy("文件（可选）"), required=False)


@role_required(*READERS)
def norm_list(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    is_office = scope_of(request.user).acts_as(Role.OFFICE, campaign.issuing_unit_id)
    form = NormForm(request.POST or None, request.FILES or None) if is_office else None
    if form is not None and request.method == "POST":
        if not form.is_valid():
            messages.error(request, form_errors(form))
        else:
            data = form.cleaned_data
            done = run_service(
                request,
                lambda: norms.norm_register(
                    campaign=campaign, by=request.user, upload=data.pop("document"), **data
                ),
                _("规范已登记，并已交各参加单位贯彻落实。"),
            )
            if done:
                return redirect("campaigns:norms", campaign_id=campaign.pk)
    adoptions = (
        NormAdoption.objects.visible_to(request.user)
        .filter(norm__campaign=campaign)
        .select_related("norm", "unit", "rule_document")
    )
    progress = {
        row["norm"]: row for row in norms.norm_progress(campaign=campaign, user=request.user)
    }
    rows = {}
    for adoption in adoptions:
        rows.setdefault(adoption.norm, []).append(adoption)
    mine = set(scope_of(request.user).units_for(Role.LIAISON))
    context = {
        "campaign": campaign,
        "form": form,
        "norms": [(norm, progress.get(norm.pk), items) for norm, items in rows.items()],
        "mine": mine,
        "statuses": [s for s in AdoptionStatus if s != AdoptionStatus.PENDING],
    }
    return render(request, "campaigns/norms.html", context)


@require_POST
@role_required(Role.LIAISON)
def adoption_record(request, adoption_id: int):
    adoption = NormAdoption.objects.visible_to(request.user).filter(pk=adoption_id).first()
    if adoption is None:
        raise Http404
    run_service(
        request,
        lambda: norms.adoption_record(
            adoption=adoption,
            by=request.user,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
            rule_title=request.POST.get("rule_title", ""),
            upload=request.FILES.get("rule_document"),
        ),
        _("落实情况已填报。"),
    )
    return redirect("campaigns:norms", campaign_id=adoption.norm.campaign_id)
