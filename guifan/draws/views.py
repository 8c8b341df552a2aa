from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.campaigns.access import access_campaign
from guifan.core.decorators import role_required
from guifan.core.exports import file_response, journal_export, xlsx_response
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.draws import bundle, ceremony, rules, services
from guifan.draws.access import access_draw, access_draw_campaign, access_rule
from guifan.draws.forms import (
    CommitForm,
    FreezeForm,
    ManualForm,
    PublicValueForm,
    RedoForm,
    RevealForm,
    RuleCreateForm,
    RuleForm,
)
from guifan.draws.models import Draw, DrawFrame, DrawStatus
from guifan.draws.selectors import (
    batch_cases,
    draw_list,
    drawn_evaluators,
    rule_rows,
    stratum_labels,
    with_reasons,
)
from guifan.org.models import Person
from guifan.web.actions import form_errors, run_service

WATCHERS = (Role.OFFICE, Role.INSPECTION)


@role_required(*WATCHERS)
def draw_list_view(request):
    return render(request, "draws/list.html", {"draws": draw_list(user=request.user)})


@role_required(*WATCHERS)
def campaign_draws(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    return render(
        request,
        "draws/campaign.html",
        {
            "campaign": campaign,
            "rows": rule_rows(campaign=campaign, user=request.user),
            "is_office": scope_of(request.user).acts_as(Role.OFFICE, campaign.issuing_unit_id),
            "batch_size": batch_cases(campaign=campaign, user=request.user).count(),
            "evaluators": drawn_evaluators(campaign=campaign),
            "freeze_form": FreezeForm(),
            "rule_form": RuleCreateForm(initial={"year": campaign.start_date.year - 1}),
        },
    )


@require_POST
@role_required(Role.OFFICE)
def rule_create(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    form = RuleCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        run_service(
            request,
            lambda: rules.rule_create(campaign=campaign, by=request.user, **form.cleaned_data),
            _("抽取规则已新增。"),
        )
    return redirect("draws:campaign", campaign_id=campaign.pk)


@role_required(*WATCHERS, Role.LIAISON)
def batch_view(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    page = Paginator(batch_cases(campaign=campaign, user=request.user), 50).get_page(
        request.GET.get("page")
    )
    rows = with_reasons(campaign=campaign, cases=list(page))
    return render(request, "draws/batch.html", {"campaign": campaign, "page": page, "rows": rows})


@role_required(*WATCHERS, Role.LIAISON)
def batch_export(request, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id)
    cases = list(batch_cases(campaign=campaign, user=request.user))
    rows = with_reasons(campaign=campaign, cases=cases)
    journal_export(request, campaign, "draw_batch", rows=len(rows))
    columns = [
        ("序号", 6),
        ("部门受案号", 28),
        ("案件名称", 30),
        ("承办单位", 14),
        ("抽取理由", 20),
    ]
    data = (
        [n, r.case.case_no, r.case.name, r.case.unit.short_name, "、".join(r.reasons)]
        for n, r in enumerate(rows, start=1)
    )
    return xlsx_response(
        title=f"{campaign.name}评查案件",
        columns=columns,
        rows=data,
        issuer=campaign.issuing_unit.name,
    )


def _ceremony_forms(request, draw) -> dict:
    """The forms the user may use now, given the draw's state and the user's part in it."""
    scope = scope_of(request.user)
    unit = draw.campaign.issuing_unit_id
    mine = draw.commitments.filter(user=request.user).first()
    roles = [r for r in services.PARTY_ROLES if scope.acts_as(r, unit)]
    forms = {"mine": mine, "is_office": scope.acts_as(Role.OFFICE, unit)}
    if draw.status == DrawStatus.COMMITTING and mine is None and roles:
        forms["commit_form"] = CommitForm(roles=roles)
    if draw.status == DrawStatus.REVEALING and mine is not None and mine.revealed_at is None:
        forms["reveal_form"] = RevealForm()
    if forms["is_office"] and draw.status == DrawStatus.REVEALING and draw.needs_public_value:
        forms["public_form"] = PublicValueForm()
    if forms["is_office"] and draw.status != DrawStatus.SUPERSEDED:
        forms["redo_form"] = RedoForm()
    if forms["is_office"] and draw.kind == "evaluators" and draw.status == DrawStatus.DONE:
        forms["manual_form"] = ManualForm()
    return forms


@role_required(*WATCHERS)
def draw_detail(request, draw_id: int):
    draw = access_draw(request.user, draw_id)
    result = Paginator(draw.selections.select_related("case", "person"), 100).get_page(
        request.GET.get("page")
    )
    labels = stratum_labels(draw)
    for selection in result:
        selection.label = labels[selection.stratum]
    context = {
        "draw": draw,
        "strata": [(labels[s], n) for s, n in draw.strata.items()],
        "commitments": draw.commitments.all(),
        "events": draw.events.all(),
        "result": result,
        "manual": draw.manual_picks.select_related("person__unit"),
        **_ceremony_forms(request, draw),
    }
    return render(request, "draws/detail.html", context)


def _act(request, draw_id: int, form_class, action, success: str, **form_kwargs):
    """Validate a ceremony form and call its service; errors come back as messages."""
    draw = access_draw(request.user, draw_id)
    form = form_class(request.POST, **form_kwargs)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("draws:detail", draw_id=draw.pk)
    outcome = run_service(request, lambda: action(draw, form.cleaned_data), success)
    # A re-draw answers with the new draw; every other step stays on this one.
    target = outcome if isinstance(outcome, Draw) else draw
    return redirect("draws:detail", draw_id=target.pk)


@require_POST
@role_required(Role.OFFICE)
def draw_freeze(request, rule_id: int):
    rule = access_rule(request.user, rule_id)
    form = FreezeForm(request.POST)
    source = form.cleaned_data["public_source"] if form.is_valid() else ""
    draw = run_service(
        request,
        lambda: services.draw_freeze(rule=rule, by=request.user, public_source=source),
        _("抽样框已冻结并记入审计日志。请各参与方提交承诺值。"),
    )
    if draw is None:
        return redirect("draws:campaign", campaign_id=rule.campaign_id)
    return redirect("draws:detail", draw_id=draw.pk)


@require_POST
@role_required(*WATCHERS)
def draw_commit(request, draw_id: int):
    roles = [r for r in services.PARTY_ROLES if scope_of(request.user).has(r)]
    return _act(
        request,
        draw_id,
        CommitForm,
        lambda draw, data: ceremony.draw_commit(draw=draw, by=request.user, **data),
        _("承诺值已提交。请保管好密钥，揭示阶段开始后原样输入。"),
        roles=roles,
    )


@require_POST
@role_required(Role.OFFICE)
def draw_close(request, draw_id: int):
    draw = access_draw(request.user, draw_id)
    run_service(
        request,
        lambda: ceremony.draw_close_commitments(draw=draw, by=request.user),
        _("承诺已截止，各参与方现在可以揭示密钥。"),
    )
    return redirect("draws:detail", draw_id=draw.pk)


@require_POST
@role_required(*WATCHERS)
def draw_reveal(request, draw_id: int):
    return _act(
        request,
        draw_id,
        RevealForm,
        lambda draw, data: ceremony.draw_reveal(draw=draw, by=request.user, **data),
        _("密钥已揭示。"),
    )


@require_POST
@role_required(Role.OFFICE)
def draw_public_value(request, draw_id: int):
    return _act(
        request,
        draw_id,
        PublicValueForm,
        lambda draw, data: ceremony.draw_set_public_value(draw=draw, by=request.user, **data),
        _("公开随机值已录入。"),
    )


@require_POST
@role_required(Role.OFFICE)
def draw_redo(request, draw_id: int):
    return _act(
        request,
        draw_id,
        RedoForm,
        lambda draw, data: services.draw_redo(draw=draw, by=request.user, **data),
        _(
            "原抽取已作废并保留在记录中；新的抽样框已冻结。已分配的评查任务一并清空，抽取完成后请重新分配。"
        ),
    )


def _manual(request, draw, data):
    person = Person.objects.filter(staff_no=data["staff_no"].strip(), active=True).first()
    if person is None:
        raise ValidationError(_("没有工号为 %(no)s 的在岗人员。") % {"no": data["staff_no"]})
    services.draw_add_manual(
        draw=draw, by=request.user, person=person, line=data["line"], reason=data["reason"]
    )
    return draw


@require_POST
@role_required(Role.OFFICE)
def draw_manual(request, draw_id: int):
    return _act(
        request,
        draw_id,
        ManualForm,
        lambda draw, data: _manual(request, draw, data),
        _("已添加库外人员，名单中标明为人工选调。"),
    )


@role_required(*WATCHERS)
def draw_bundle(request, draw_id: int):
    draw = access_draw(request.user, draw_id)
    data = run_service(request, lambda: bundle.bundle_bytes(draw))
    if data is None:
        return redirect("draws:detail", draw_id=draw.pk)
    journal_export(request, draw, "draw_bundle", result_hash=draw.result_hash)
    return file_response(data, bundle.bundle_name(draw), "application/zip")


@role_required(*WATCHERS)
def draw_frame(request, draw_id: int):
    """The frozen frame, so that every party can check it before committing."""
    draw = access_draw(request.user, draw_id)
    text = DrawFrame.objects.select_related("draw").get(draw=draw).text()
    journal_export(request, draw, "draw_frame", frame_hash=draw.frame_hash)
    tsv = "text/tab-separated-values; charset=utf-8"
    return file_response(text.encode("utf-8"), f"draw-{draw.pk}-frame.tsv", tsv)


@role_required(Role.OFFICE)
def rule_edit(request, rule_id: int):
    rule = access_rule(request.user, rule_id)
    initial = {f: getattr(rule, f) for f in ("year", "ratio", "count", "exclude_evaluated")}
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_update(rule=rule, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("抽取规则已修改。"))
            return redirect("draws:campaign", campaign_id=rule.campaign_id)
    return render(request, "draws/rule_edit.html", {"rule": rule, "form": form})
