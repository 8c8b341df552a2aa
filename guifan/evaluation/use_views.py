"""Use of results: the 司法业绩档案 export per prosecutor and the 不合格 cases handed to
检务督察 (page, hand-over, export)."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.campaigns.access import access_campaign
from guifan.core.decorators import role_required
from guifan.core.exports import journal_export, xlsx_response
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.draws.access import access_draw_campaign
from guifan.evaluation import use
from guifan.evaluation.result_views import access_result
from guifan.web.actions import run_service

DOSSIER_COLUMNS = [
    ("承办人工号", 12), ("承办人", 10), ("承办单位", 12), ("部门受案号", 28), ("案件名称", 30),
    ("案由", 14), ("审定等次", 10), ("审定日期", 12), ("问题数", 8), ("发现的问题", 60),
]  # fmt: skip


@role_required(Role.OFFICE, Role.INSPECTION, Role.LIAISON)
def dossier_export(request, campaign_id: int):
    """司法业绩档案: every prosecutor's evaluated cases (one prosecutor with ?handler=工号);
    a unit's liaison gets its own unit's prosecutors only."""
    campaign = access_campaign(request.user, campaign_id)
    staff_no = request.GET.get("handler", "").strip()
    rows = use.dossier_rows(user=request.user, campaign=campaign, staff_no=staff_no)
    journal_export(request, campaign, "dossier", rows=len(rows), handler=staff_no)
    return xlsx_response(
        title=f"{campaign.name}司法业绩档案" + (f"（{staff_no}）" if staff_no else ""),
        columns=DOSSIER_COLUMNS,
        rows=rows,
        issuer=campaign.issuing_unit.name,
    )


@role_required(Role.OFFICE, Role.INSPECTION)
def referral_list(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    context = {
        "campaign": campaign,
        "rows": use.referrals(user=request.user, campaign=campaign),
        "is_office": scope_of(request.user).acts_as(Role.OFFICE, campaign.issuing_unit_id),
    }
    return render(request, "evaluation/referrals.html", context)


@role_required(Role.OFFICE, Role.INSPECTION)
def referral_export(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    found = use.referrals(user=request.user, campaign=campaign)
    journal_export(request, campaign, "referrals", rows=len(found))
    columns = [
        ("序号", 6), ("部门受案号", 28), ("案件名称", 30), ("承办单位", 12), ("承办人", 10),
        ("审定主体", 14), ("审定日期", 12), ("审定意见", 40), ("发现的问题", 60), ("移送时间", 16),
    ]  # fmt: skip
    rows = [
        [n, r.case.case_no, r.case.name, r.case.unit.short_name,
         r.case.handler.name if r.case.handler_id else r.case.handler_name,
         r.get_body_display(), r.approved_at.date() if r.approved_at else None,
         r.approval_opinion, "\n".join(r.problems),
         r.referred_at.strftime("%Y-%m-%d %H:%M") if r.referred_at else ""]
        for n, r in enumerate(found, start=1)
    ]  # fmt: skip
    return xlsx_response(
        title=f"{campaign.name}不合格案件移送检务督察清单",
        columns=columns,
        rows=rows,
        issuer=campaign.issuing_unit.name,
    )


@require_POST
@role_required(Role.OFFICE)
def result_refer(request, result_id: int):
    result = access_result(request.user, result_id)
    run_service(
        request,
        lambda: use.result_refer(result=result, by=request.user),
        _("已移送检务督察。"),
    )
    return redirect("evaluation:referrals", campaign_id=result.campaign_id)
