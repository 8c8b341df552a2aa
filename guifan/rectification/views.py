"""The rectification list: the unit's own, the office's across units, one item's page with
the unit's work and its verification, the counts, the exports, and the campaign's gate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.campaigns.access import access_campaign
from guifan.campaigns.models import Campaign
from guifan.core.decorators import role_required
from guifan.core.exports import journal_export, xlsx_response
from guifan.core.replica import replica_reads
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.org.models import Unit
from guifan.rectification import services
from guifan.rectification.access import access_item
from guifan.rectification.forms import (
    ItemFilterForm,
    RecurrenceForm,
    StartForm,
    SubmitForm,
    VerifyForm,
)
from guifan.rectification.gate import campaign_gate, may_see_gate
from guifan.rectification.models import OWED, Item, ItemStatus
from guifan.rectification.selectors import counts_by_category, counts_by_unit, item_list
from guifan.rectification.sources import link_for
from guifan.web.actions import form_errors, run_service

READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)


def _filter_form(request) -> ItemFilterForm:
    campaigns = Campaign.objects.visible_to(request.user).distinct().order_by("-start_date")
    units = Unit.objects.visible_to(request.user).filter(
        pk__in=Item.objects.visible_to(request.user).values("unit")
    )
    data = request.GET.copy()
    if "campaign" not in data and campaigns:
        data["campaign"] = str(campaigns[0].pk)  # the latest campaign unless asked otherwise
    return ItemFilterForm(data, campaigns=campaigns, units=units, auto_id="filter_%s")


@role_required(*READERS)
def item_list_view(request):
    form = _filter_form(request)
    filters = form.filters()
    items = item_list(user=request.user, filters=filters)
    campaign = None
    if filters.campaign:
        campaign = Campaign.objects.visible_to(request.user).filter(pk=filters.campaign).first()
    scope = scope_of(request.user)
    is_office = campaign is not None and scope.acts_as(Role.OFFICE, campaign.issuing_unit_id)
    return render(
        request,
        "rectification/list.html",
        {
            "filters": form,
            "items": items,
            "campaign": campaign,
            "is_office": is_office,
            "by_unit": counts_by_unit(user=request.user, campaign=campaign),
            "by_category": counts_by_category(user=request.user, campaign=campaign),
            "statuses": ItemStatus.choices,
        },
    )


COLUMNS = [
    ("序号", 6),
    ("编号", 8),
    ("单位", 10),
    ("部门", 14),
    ("承办人", 10),
    ("问题来源", 12),
    ("问题类别", 30),
    ("问题描述", 40),
    ("整改措施", 36),
    ("责任人", 12),
    ("整改时限", 12),
    ("整改状态", 10),
    ("是否超期", 8),
    ("改后又复发", 10),
    ("整改情况", 36),
    ("销号时间", 18),
]


@role_required(*READERS)
@replica_reads()
def item_export(request):
    filters = _filter_form(request).filters()
    items = item_list(user=request.user, filters=filters)
    target = Campaign.objects.filter(pk=filters.campaign).first() if filters.campaign else None
    journal_export(request, target, "rectification_items", rows=items.count())
    rows = (
        [
            n,
            item.pk,
            item.unit.short_name,
            item.department.name if item.department_id else "",
            item.handler.name if item.handler_id else "",
            item.get_source_display(),
            item.category,
            item.description,
            item.measures,
            item.responsible,
            item.deadline.isoformat(),
            item.get_status_display(),
            "超期" if item.overdue else "",
            "复发" if item.is_recurrence else "",
            item.outcome,
            f"{item.closed_at:%Y-%m-%d %H:%M}" if item.closed_at else "",
        ]
        for n, item in enumerate(items, start=1)
    )
    issuer = target.issuing_unit.name if target else ""
    return xlsx_response(title="整改清单", columns=COLUMNS, rows=rows, issuer=issuer)


def _source_link(user, item: Item) -> tuple[str, str | None]:
    """Where the item came from, as (label, url); no url where the user may not open it
    (a complaint discipline inspection investigated is not shown to the unit concerned)."""
    from guifan.complaints.models import Complaint

    if item.problem_id:
        return _("查遗补缺问题清单"), reverse("campaigns:problems", args=[item.campaign_id])
    if item.complaint_id:
        shown = Complaint.objects.visible_to(user).filter(pk=item.complaint_id).exists()
        url = reverse("complaints:detail", args=[item.complaint_id]) if shown else None
        return _("群众反映"), url
    if item.finding_id:
        return _("案件评查登记表"), reverse("evaluation:form_detail", args=[item.finding.form_id])
    return link_for(user, item.source, item.source_ref) or (item.get_source_display(), None)


@role_required(*READERS)
def item_detail(request, item_id: int):
    return _detail(request, access_item(request.user, item_id))


def _detail(request, item: Item, *, start_form=None, submit_form=None):
    """The item's page; a refused report comes back with what was typed in it."""
    scope = scope_of(request.user)
    is_unit = scope.acts_as(Role.LIAISON, item.unit_id)
    may_verify = services.may_verify(request.user, item)
    recurrence = getattr(item, "recurrence", None)
    may_handle = scope.oversees(item.campaign.issuing_unit_id)
    return render(
        request,
        "rectification/detail.html",
        {
            "item": item,
            "steps": item.steps.select_related("actor"),
            "evidence": item.evidence.all(),
            "source": _source_link(request.user, item),
            "recurrence": recurrence,
            "repeated_by": Item.objects.visible_to(request.user).filter(recurrence__earlier=item),
            "start_form": (
                start_form
                or StartForm(initial={"measures": item.measures, "responsible": item.responsible})
            )
            if is_unit and item.status in OWED
            else None,
            "submit_form": (submit_form or SubmitForm())
            if is_unit and item.status in OWED
            else None,
            "verify_form": VerifyForm() if may_verify and item.status == ItemStatus.DONE else None,
            "recurrence_form": RecurrenceForm()
            if may_handle and recurrence is not None and recurrence.pending
            else None,
            "verifier": services.verifier_role(item.category).label,
        },
    )


@require_POST
@role_required(Role.LIAISON)
def item_start(request, item_id: int):
    item = access_item(request.user, item_id)
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return _detail(request, item, start_form=form)
    started = run_service(
        request,
        lambda: services.item_start(item=item, by=request.user, **form.cleaned_data),
        _("整改措施已保存，状态为“整改中”。"),
    )
    if started is None:
        return _detail(request, item, start_form=form)
    return redirect("rectification:detail", item_id=item.pk)


@require_POST
@role_required(Role.LIAISON)
def item_submit(request, item_id: int):
    item = access_item(request.user, item_id)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return _detail(request, item, submit_form=form)
    submitted = run_service(
        request,
        lambda: services.item_submit(
            item=item,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            uploads=request.FILES.getlist("evidence"),
        ),
        _("整改情况已报送，等待核查销号。"),
    )
    if submitted is None:
        if request.FILES:
            messages.warning(request, _("所填内容已保留；上传的文件请重新选择。"))
        return _detail(request, item, submit_form=form)
    return redirect("rectification:detail", item_id=item.pk)


@require_POST
@role_required(Role.OFFICE, Role.INSPECTION)
def item_verify(request, item_id: int):
    item = access_item(request.user, item_id)
    form = VerifyForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    if request.POST.get("decision") == "return":
        action = lambda: services.item_return(item=item, by=request.user, reason=comment)  # noqa: E731
        done = _("已退回单位继续整改。")
    else:
        action = lambda: services.item_verify(item=item, by=request.user, comment=comment)  # noqa: E731
        done = _("已核查销号。")
    run_service(request, action, done)
    return redirect("rectification:detail", item_id=item.pk)


@require_POST
@role_required(Role.OFFICE, Role.INSPECTION)
def recurrence_handle(request, item_id: int):
    item = access_item(request.user, item_id)
    recurrence = getattr(item, "recurrence", None)
    if recurrence is None:
        raise Http404
    form = RecurrenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        run_service(
            request,
            lambda: services.recurrence_handle(
                recurrence=recurrence, by=request.user, handling=form.cleaned_data["handling"]
            ),
            _("复发问题已处置。"),
        )
    return redirect("rectification:detail", item_id=item.pk)


@require_POST
@role_required(Role.OFFICE)
def items_chase(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    code = request.POST.get("unit_code", "")
    unit = Unit.objects.visible_to(request.user).filter(code=code).first() if code else None
    if code and unit is None:
        raise Http404
    count = run_service(
        request,
        lambda: services.items_chase_up(campaign=campaign, by=request.user, unit=unit),
    )
    if count is not None:
        messages.success(
            request,
            _("已向 %(n)d 个单位发出整改催办。") % {"n": count}
            if count
            else _("没有需要催办的整改问题。"),
        )
    return redirect(f"{reverse('rectification:list')}?campaign={campaign.pk}")


GATE_COLUMNS = [("序号", 6), ("类型", 12), ("编号", 8), ("单位", 12), ("未了结原因", 60)]
GATE_KINDS = {
    "complaint": "群众反映",
    "rectification": "整改问题",
    "recurrence": "改后又复发",
    "evaluation": "评查结果未定案",
    "evaluation_result": "评查结论未审定",
}


@role_required(Role.OFFICE, Role.INSPECTION)
@replica_reads()
def gate_export(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    if not may_see_gate(request.user, campaign):
        raise PermissionDenied
    gate = campaign_gate(campaign)
    journal_export(request, campaign, "campaign_gate", rows=gate.total)
    rows = (
        [n, GATE_KINDS[b.kind], b.id, b.unit_name, b.reason]
        for n, b in enumerate(gate.blockers, start=1)
    )
    return xlsx_response(
        title="三个不放过未了结事项",
        columns=GATE_COLUMNS,
        rows=rows,
        issuer=campaign.issuing_unit.name,
    )
