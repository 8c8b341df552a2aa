from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.core import clock
from guifan.core.decorators import role_required
from guifan.core.exports import journal_export, xlsx_response
from guifan.core.replica import replica_reads
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.draws.access import access_draw_campaign
from guifan.evaluation import services
from guifan.evaluation.access import access_assignment
from guifan.evaluation.explain import explanation_text
from guifan.evaluation.forms import (
    ConflictForm,
    MoveForm,
    PeriodForm,
    RunForm,
    TeamForm,
    WhyNotForm,
)
from guifan.evaluation.period import overloads, period_of, period_set
from guifan.evaluation.selectors import (
    assignment_list,
    conflict_list,
    latest_run,
    load_rows,
    my_assignments,
    unit_rows,
)
from guifan.org.models import Person
from guifan.web.actions import form_errors, run_service

WATCHERS = (Role.OFFICE, Role.INSPECTION)


@role_required(*WATCHERS)
def assign_page(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    is_office = scope_of(request.user).acts_as(Role.OFFICE, campaign.issuing_unit_id)
    form = RunForm(request.POST or None)
    if request.method == "POST" and is_office and form.is_valid():
        run = run_service(
            request,
            lambda: services.assignment_run(
                campaign=campaign, by=request.user, **form.cleaned_data
            ),
        )
        if run is not None:
            if run.feasible:
                messages.success(request, _("已分配 %(n)s 件案件。") % {"n": run.case_count})
            else:
                messages.error(request, _("无法按当前条件分配，原有分配未改变。原因见下。"))
            return redirect("evaluation:assign", campaign_id=campaign.pk)
    filters = {k: request.GET.get(k, "") for k in ("evaluator", "unit", "manual")}
    rows = assignment_list(user=request.user, campaign=campaign, filters=filters)
    run = latest_run(campaign)
    context = {
        "campaign": campaign,
        "is_office": is_office,
        "form": form,
        "run": run,
        "explanations": [explanation_text(x) for x in run.explanations] if run else [],
        "loads": load_rows(campaign=campaign, run=run),
        "units": unit_rows(campaign=campaign),
        "page": Paginator(rows, 50).get_page(request.GET.get("page")),
        "filters": filters,
        "why_form": WhyNotForm(request.GET if "why-case" in request.GET else None, prefix="why"),
        "conflicts": conflict_list(user=request.user, campaign=campaign),
        "conflict_form": ConflictForm(),
        "teams": campaign.teams.select_related("lead").prefetch_related("members"),
        "team_form": TeamForm(),
        "period": period_of(campaign),
        "period_form": _period_form(campaign),
        "overloads": [o.text() for o in overloads(campaign)],
    }
    context["why"] = _why(campaign, context["why_form"])
    return render(request, "evaluation/assign.html", context)


def _period_form(campaign) -> PeriodForm:
    period = period_of(campaign)
    initial = {"cases_per_day": settings.GUIFAN_EVALUATION_CASES_PER_DAY, "mode": "online"}
    if period is not None:
        initial = {k: getattr(period, k) for k in ("start", "end", "cases_per_day", "mode")}
    return PeriodForm(initial=initial, prefix="period")


@require_POST
@role_required(Role.OFFICE)
def period_page(request, campaign_id: int):
    """The office fixes the evaluation period (评查时间安排)."""
    campaign = access_draw_campaign(request.user, campaign_id)
    form = PeriodForm(request.POST, prefix="period")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        run_service(
            request,
            lambda: period_set(campaign=campaign, by=request.user, **form.cleaned_data),
            _("评查时间安排已保存。"),
        )
    return redirect("evaluation:assign", campaign_id=campaign.pk)


def _why(campaign, form) -> dict | None:
    if not form.is_bound or not form.is_valid():
        return None
    found = services.why_not_lookup(
        campaign=campaign,
        staff_no=form.cleaned_data["evaluator"],
        case_no=form.cleaned_data["case"],
    )
    if found is None:
        return {"missing": True}
    person, case = found
    return {
        "person": person,
        "case": case,
        "reasons": services.why_not(campaign=campaign, person=person, case=case),
    }


@require_POST
@role_required(Role.OFFICE)
def assignment_move(request, assignment_id: int):
    assignment = access_assignment(request.user, assignment_id)
    form = MoveForm(request.POST)
    target = redirect("evaluation:assign", campaign_id=assignment.campaign_id)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return target
    to = Person.objects.filter(staff_no=form.cleaned_data["to"].strip()).first()
    if to is None:
        messages.error(request, _("没有工号为 %(no)s 的人员。") % {"no": form.cleaned_data["to"]})
        return target
    run_service(
        request,
        lambda: services.assignment_move(
            assignment=assignment, to=to, reason=form.cleaned_data["reason"], by=request.user
        ),
        _("已将 %(case)s 改由 %(p)s 评查。") % {"case": assignment.case.case_no, "p": to},
    )
    return target


@require_POST
@role_required(Role.OFFICE)
def conflict_declare(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    form = ConflictForm(request.POST)
    target = redirect("evaluation:assign", campaign_id=campaign.pk)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return target
    data = form.cleaned_data
    people = Person.objects.visible_to(request.user)
    person = people.filter(staff_no=data["person"].strip()).first()
    other = Person.objects.filter(staff_no=data["other"].strip()).first() if data["other"] else None
    if person is None or (data["other"] and other is None):
        messages.error(request, _("工号有误：没有找到该人员。"))
        return target
    run_service(
        request,
        lambda: services.conflict_declare(
            campaign=campaign, person=person, other=other, case_no=data["case_no"],
            relation=data["relation"], note=data["note"], by=request.user,
        ),
        _("回避申报已登记；重新分配或人工调整时将据此回避。"),
    )  # fmt: skip
    return target


@role_required(*WATCHERS)
@replica_reads()
def assignments_export(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    rows = list(assignment_list(user=request.user, campaign=campaign))
    journal_export(request, campaign, "assignments", rows=len(rows))
    columns = [
        ("序号", 6), ("部门受案号", 28), ("案件名称", 30), ("承办单位", 12), ("抽取理由", 16),
        ("评查人员", 10), ("工号", 12), ("评查人员单位", 12), ("评查期限", 12), ("人工调整", 24),
    ]  # fmt: skip
    data = (
        [n, a.case.case_no, a.case.name, a.case.unit.short_name, a.reasons, a.evaluator.name,
         a.evaluator.staff_no, a.evaluator.unit.short_name, a.deadline, a.move_reason]
        for n, a in enumerate(rows, start=1)
    )  # fmt: skip
    return xlsx_response(
        title=f"{campaign.name}评查任务",
        columns=columns,
        rows=data,
        issuer=campaign.issuing_unit.name,
    )


@role_required(Role.EVALUATOR, Role.TEAM_LEAD)
def my_tasks(request):
    page = Paginator(my_assignments(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "evaluation/mine.html", {"page": page, "today": clock.today()})


@require_POST
@role_required(Role.OFFICE)
def assignment_chase(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    staff_no = request.POST.get("evaluator", "").strip()
    person = Person.objects.filter(staff_no=staff_no).first() if staff_no else None
    count = services.assignment_chase_up(campaign=campaign, by=request.user, evaluator=person)
    if count:
        messages.success(request, _("已向 %(n)d 名评查人员发出催办。") % {"n": count})
    else:
        messages.success(request, _("没有超期未提交的评查任务。"))
    return redirect("evaluation:assign", campaign_id=campaign.pk)


@require_POST
@role_required(Role.OFFICE)
def team_create(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    form = TeamForm(request.POST)
    target = redirect("evaluation:assign", campaign_id=campaign.pk)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return target
    data = form.cleaned_data
    wanted = [data["lead"].strip(), *data["members"]]
    people = {p.staff_no: p for p in Person.objects.filter(staff_no__in=wanted)}
    missing = [no for no in wanted if no not in people]
    if missing:
        messages.error(request, _("没有这些工号的人员：%(nos)s。") % {"nos": "、".join(missing)})
        return target
    members = [people[no] for no in data["members"] if no != data["lead"].strip()]
    run_service(
        request,
        lambda: services.team_create(campaign=campaign, by=request.user, name=data["name"],
                                     lead=people[data["lead"].strip()], members=members),
        _("评查组已组建，组员的登记表由组长复核。"),
    )  # fmt: skip
    return target
