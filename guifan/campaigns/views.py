from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guifan.campaigns import hooks, plans, reports, services
from guifan.campaigns.access import access_campaign, access_task, liaison_unit
from guifan.campaigns.forms import (
    CampaignCreateForm,
    DecisionForm,
    PlanForm,
    ProblemFilterForm,
    ProblemForm,
    ReportForm,
)
from guifan.campaigns.models import CampaignStatus, MechanismPlan, Report
from guifan.campaigns.selectors import campaign_list, campaign_progress, problem_list, task_list
from guifan.core.decorators import role_required
from guifan.core.exports import journal_export, xlsx_response
from guifan.core.replica import replica_reads
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.org.access import access_unit
from guifan.org.models import Unit
from guifan.web.actions import run_service

READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)
# Pages a department liaison uses besides: the campaign, its progress and its own tasks.
TASK_READERS = (*READERS, Role.DEPT_LIAISON)


def _office_unit(user) -> Unit:
    """The unit whose campaign office the user is (its own unit first)."""
    units = scope_of(user).role_units.get(Role.OFFICE, frozenset())
    own = user.person.unit_id if user.person_id else None
    if own in units:
        return Unit.objects.get(pk=own)
    unit = Unit.objects.filter(pk__in=units).order_by("path").first()
    if unit is None:
        raise Http404
    return unit


CHECKLIST_ORDER = ["heading", "area", "question", "category"]


@role_required(*TASK_READERS)
def campaign_list_view(request):
    return render(request, "campaigns/list.html", {"campaigns": campaign_list(user=request.user)})


@role_required(Role.OFFICE)
def campaign_create(request):
    form = CampaignCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = run_service(
            request,
            lambda: services.campaign_create_from_template(
                template=form.cleaned_data["template"],
                year=form.cleaned_data["year"],
                issuing_unit=_office_unit(request.user),
                by=request.user,
                theme=form.cleaned_data["theme"],
                departments=form.cleaned_data["departments"] or None,
            ),
            _("已从模板创建活动，核对后即可启动。"),
        )
        if campaign is not None:
            return redirect("campaigns:detail", campaign_id=campaign.pk)
    return render(request, "campaigns/create.html", {"form": form})


@role_required(*TASK_READERS)
def campaign_detail(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    tracks, rows = campaign_progress(campaign=campaign, user=request.user)
    scope = scope_of(request.user)
    oversees = scope.oversees(campaign.issuing_unit_id)
    gate = None
    if oversees and campaign.status != CampaignStatus.DRAFT:
        from guifan.rectification.gate import campaign_gate

        gate = campaign_gate(campaign)  # oversees: the issuing unit's office or inspection
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "gate": gate,
            "tracks": tracks,
            "rows": rows,
            "is_office": scope.acts_as(Role.OFFICE, campaign.issuing_unit_id),
            "can_draw": oversees,
            "is_liaison": liaison_unit(request.user, campaign) is not None,
            # Its own tasks only: none of the unit's lists, reports or statistics.
            "dept_liaison": not scope.business_unit_ids,
            "checklist": campaign.checklist.all(),
            "draft": campaign.status == CampaignStatus.DRAFT,
        },
    )


@require_POST
@role_required(Role.OFFICE)
def campaign_start(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    run_service(
        request,
        lambda: services.campaign_start(campaign=campaign, by=request.user),
        _("活动已启动，各单位已收到任务。"),
    )
    return redirect("campaigns:detail", campaign_id=campaign.pk)


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE)
def campaign_advance(request, campaign_id: int):
    """GET asks the office to confirm (saying what the next stage means); POST moves on."""
    campaign = access_campaign(request.user, campaign_id)
    if request.method == "GET":
        services.office_of(request.user, campaign)
        following = services.NEXT_STATUS.get(CampaignStatus(campaign.status))
        if following is None:
            return redirect("campaigns:detail", campaign_id=campaign.pk)
        context = {"campaign": campaign, "following": following}
        if following == CampaignStatus.CLOSED:
            from guifan.rectification.gate import campaign_gate

            context["gate"] = campaign_gate(campaign)
        return render(request, "campaigns/advance.html", context)
    run_service(
        request,
        lambda: services.campaign_advance(campaign=campaign, by=request.user),
        _("活动已进入下一阶段。"),
    )
    return redirect("campaigns:detail", campaign_id=campaign.pk)


@require_POST
@role_required(Role.OFFICE)
def campaign_chase(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    raw = request.POST.get("unit", "")
    unit = access_unit(request.user, int(raw)) if raw.isdigit() else None
    count = services.campaign_chase_up(campaign=campaign, by=request.user, unit=unit)
    messages.success(
        request,
        _("已向 %(n)d 个单位发出催办。") % {"n": count} if count else _("没有需要催办的单位。"),
    )
    return redirect("campaigns:detail", campaign_id=campaign.pk)


@require_POST
@role_required(Role.LIAISON, Role.DEPT_LIAISON)
def task_submit(request, task_id: int):
    task = access_task(request.user, task_id)
    statement = request.POST.get("statement", "")
    done = run_service(
        request,
        lambda: services.task_submit(task=task, by=request.user, statement=statement),
        _("已报送。"),
    )
    if not done:  # what is missing, and where to write the statement
        return redirect("campaigns:task_detail", task_id=task.pk)
    return redirect("campaigns:detail", campaign_id=task.track.campaign_id)


@role_required(*READERS)
@replica_reads()
def progress_export(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    tracks, rows = campaign_progress(campaign=campaign, user=request.user)
    journal_export(request, campaign, "progress", rows=len(rows))
    columns = [
        ("序号", 6),
        ("单位或部门", 18),
        *((t.name, 16) for t in tracks),
        ("应报", 8),
        ("已报", 8),
        ("完成率", 8),
        ("超期数", 8),
    ]
    data = (
        [
            n,
            row.name,
            *(t.get_status_display() if t else "—" for t in row.cells),
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


@role_required(*READERS)
def problem_list_view(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    form = None
    unit = liaison_unit(request.user, campaign)
    if unit is not None:
        form = ProblemForm(request.POST or None, campaign=campaign)
        if request.method == "POST" and form.is_valid():
            try:
                services.problem_record(
                    campaign=campaign, unit=unit, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("问题已登记。"))
                return redirect("campaigns:problems", campaign_id=campaign.pk)
    units = Unit.objects.visible_to(request.user).filter(
        pk__in=campaign.participants.values("unit")
    )
    filters_form = ProblemFilterForm(
        request.GET or None, campaign=campaign, units=units, auto_id="filter_%s"
    )
    problems = problem_list(user=request.user, campaign=campaign, filters=filters_form.filters())
    return render(
        request,
        "campaigns/problems.html",
        {"campaign": campaign, "form": form, "filters": filters_form, "problems": problems},
    )


@role_required(*READERS)
@replica_reads()
def problem_export(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    units = Unit.objects.visible_to(request.user)
    filters = ProblemFilterForm(
        request.GET or None, campaign=campaign, units=units, auto_id="filter_%s"
    ).filters()
    problems = problem_list(user=request.user, campaign=campaign, filters=filters)
    journal_export(request, campaign, "self_exam_problems", rows=problems.count())
    columns = [
        ("序号", 6),
        ("单位", 10),
        ("自查方面", 10),
        ("问题类别", 30),
        ("问题描述", 40),
        ("责任部门或责任人", 16),
        ("整改措施", 40),
        ("整改时限", 12),
    ]
    rows = (
        [
            n,
            p.unit.short_name,
            p.heading.label,
            p.category.label,
            p.description,
            p.responsible,
            p.measure,
            p.deadline.isoformat(),
        ]
        for n, p in enumerate(problems, start=1)
    )
    return xlsx_response(
        title="查遗补缺问题清单", columns=columns, rows=rows, issuer=campaign.issuing_unit.name
    )


@role_required(*READERS)
def plan_list_view(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    form = None
    unit = liaison_unit(request.user, campaign)
    if unit is not None:
        form = PlanForm(request.POST or None, campaign=campaign)
        if request.method == "POST" and form.is_valid():
            try:
                plans.plan_create(
                    campaign=campaign,
                    unit=unit,
                    by=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("计划已登记。"))
                return redirect("campaigns:plans", campaign_id=campaign.pk)
    items = (
        MechanismPlan.objects.visible_to(request.user)
        .filter(campaign=campaign)
        .select_related("unit", "area", "document")
    )
    is_office = scope_of(request.user).acts_as(Role.OFFICE, campaign.issuing_unit_id)
    return render(
        request,
        "campaigns/plans.html",
        {"campaign": campaign, "form": form, "plans": items, "is_office": is_office},
    )


@require_POST
@role_required(Role.LIAISON)
def plan_move_view(request, plan_id: int):
    plan = MechanismPlan.objects.visible_to(request.user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    run_service(
        request,
        lambda: plans.plan_move(
            plan=plan,
            to=request.POST.get("to", ""),
            by=request.user,
            upload=request.FILES.get("document"),
            findings=request.POST.get("findings", ""),
        ),
        _("计划状态已更新。"),
    )
    return redirect("campaigns:plans", campaign_id=plan.campaign_id)


@role_required(Role.LIAISON)
def my_report(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    unit = liaison_unit(request.user, campaign)
    if unit is None:
        raise Http404
    report = reports.report_for(campaign=campaign, unit=unit)
    body = report.body or hooks.report_template(campaign=campaign, unit=unit, user=request.user)
    form = ReportForm(request.POST or None, initial={"body": body})
    if request.method == "POST" and form.is_valid():
        try:
            report = reports.report_save(
                report=report,
                by=request.user,
                body=form.cleaned_data["body"],
                uploads=request.FILES.getlist("attachments"),
                seen=request.POST.get("seen") or None,
            )
            if "submit" in request.POST:
                version = reports.report_submit(report=report, by=request.user)
                messages.success(
                    request,
                    _("已报送第 %(n)d 版。") % {"n": version.number}
                    + (_("（逾期报送）") if version.late else ""),
                )
            else:
                messages.success(request, _("草稿已保存。"))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("campaigns:my_report", campaign_id=campaign.pk)
    return render(
        request,
        "campaigns/report_edit.html",
        {
            "campaign": campaign,
            "report": report,
            "form": form,
            # A report the unit has not saved yet has no versions or attachments.
            "versions": list(report.versions.all()) if report.pk else [],
            "attachments": list(report.attachments.all()) if report.pk else [],
        },
    )


@role_required(Role.OFFICE, Role.INSPECTION)
def report_list(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    rows = (
        Report.objects.visible_to(request.user)
        .filter(campaign=campaign)
        .select_related("unit")
        .prefetch_related("versions")
    )
    return render(request, "campaigns/report_list.html", {"campaign": campaign, "reports": rows})


@role_required(Role.OFFICE, Role.INSPECTION)
def report_detail(request, report_id: int):
    report = (
        Report.objects.visible_to(request.user)
        .select_related("campaign", "unit")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reports.report_decide(
                report=report,
                by=request.user,
                accept="accept" in request.POST,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已处理。"))
            return redirect("campaigns:reports", campaign_id=report.campaign_id)
    return render(
        request,
        "campaigns/report_detail.html",
        {
            "report": report,
            "form": form,
            "versions": report.versions.select_related("submitted_by", "decided_by"),
        },
    )


@role_required(*TASK_READERS)
def task_list_view(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    filters = {
        key: request.GET.get(key)
        for key in ("unit", "department", "track", "done", "late")
        if request.GET.get(key, "").isdigit()
    }
    tasks = task_list(user=request.user, campaign=campaign, filters=filters)
    return render(request, "campaigns/tasks.html", {"campaign": campaign, "tasks": tasks})
