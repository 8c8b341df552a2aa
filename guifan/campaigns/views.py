from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.campaigns import services
from guifan.campaigns.access import access_campaign, access_task
from guifan.campaigns.forms import CampaignCreateForm
from guifan.campaigns.models import CampaignStatus
from guifan.campaigns.selectors import campaign_list, campaign_progress
from guifan.core.decorators import role_required
from guifan.core.exports import xlsx_response
from guifan.core.http import client_ip
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.org.access import access_unit

READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)
CHECKLIST_ORDER = ["heading", "area", "question", "category"]


@role_required(*READERS)
def campaign_list_view(request):
    return render(request, "campaigns/list.html", {"campaigns": campaign_list(user=request.user)})


@role_required(Role.OFFICE)
def campaign_create(request):
    form = CampaignCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = services.campaign_create_from_template(
            template=form.cleaned_data["template"],
            year=form.cleaned_data["year"],
            issuing_unit=request.user.person.unit,
            by=request.user,
        )
        messages.success(request, _("已从模板创建活动，核对后即可启动。"))
        return redirect("campaigns:detail", campaign_id=campaign.pk)
    return render(request, "campaigns/create.html", {"form": form})


@role_required(*READERS)
def campaign_detail(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    tracks, rows = campaign_progress(campaign=campaign, user=request.user)
    scope = scope_of(request.user)
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "tracks": tracks,
            "rows": rows,
            "is_office": scope.has(Role.OFFICE)
            and campaign.issuing_unit_id in scope.business_unit_ids,
            "is_liaison": scope.has(Role.LIAISON),
            "checklist": campaign.checklist.all(),
            "draft": campaign.status == CampaignStatus.DRAFT,
        },
    )


def _run(request, action, success: str):
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)


@require_POST
@role_required(Role.OFFICE)
def campaign_start(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    _run(
        request,
        lambda: services.campaign_start(campaign=campaign, by=request.user),
        _("活动已启动，各单位已收到任务。"),
    )
    return redirect("campaigns:detail", campaign_id=campaign.pk)


@require_POST
@role_required(Role.OFFICE)
def campaign_chase(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    unit = (
        access_unit(request.user, int(request.POST["unit"])) if request.POST.get("unit") else None
    )
    count = services.campaign_chase_up(campaign=campaign, by=request.user, unit=unit)
    messages.success(
        request,
        _("已向 %(n)d 个单位发出催办。") % {"n": count} if count else _("没有需要催办的单位。"),
    )
    return redirect("campaigns:detail", campaign_id=campaign.pk)


@require_POST
@role_required(Role.LIAISON)
def task_submit(request, task_id: int):
    task = access_task(request.user, task_id)
    _run(request, lambda: services.task_submit(task=task, by=request.user), _("已报送。"))
    return redirect("campaigns:detail", campaign_id=task.track.campaign_id)


@role_required(*READERS)
def progress_export(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    tracks, rows = campaign_progress(campaign=campaign, user=request.user)
    record(
        actor=request.user,
        verb=Verb.EXPORT,
        target=campaign,
        ip=client_ip(request),
        payload={"what": "progress", "rows": len(rows)},
    )
    columns = [
        ("序号", 6),
        ("单位", 14),
        *((t.name, 16) for t in tracks),
        ("应报", 8),
        ("已报", 8),
        ("完成率", 8),
        ("超期数", 8),
    ]
    data = (
        [
            n,
            row.unit.name,
            *(t.get_status_display() for t in row.tasks),
            row.due,
            row.done,
            f"{row.rate}%",
            row.late,
        ]
        for n, row in enumerate(rows, start=1)
    )
    return xlsx_response(
        title=f"{campaign.name}进度", columns=columns, rows=data, issuer=campaign.issuing_unit.name
    )
