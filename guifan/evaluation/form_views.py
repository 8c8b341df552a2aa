"""The 登记表 screens: the evaluator's form, the team lead's review queue, the handler's
results with the objection button, and the office's decisions on objections."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.cases.selectors import case_timeline
from guifan.core.decorators import role_required
from guifan.core.exports import XLSX, file_response, journal_export
from guifan.core.roles import Role
from guifan.draws.access import access_draw_campaign
from guifan.evaluation import export, objections, workflow
from guifan.evaluation.access import access_assignment, access_form
from guifan.evaluation.dimensions import conclusions
from guifan.evaluation.models import CaseResult, EvaluationForm, FormStatus, Severity
from guifan.evaluation.rubric import ANSWER_CHOICES
from guifan.evaluation.selectors import form_list, form_overview
from guifan.web.actions import run_service

BLANK_FINDINGS = 3
FIELDS = ("dimension", "category", "description", "legal_basis", "severity", "location", "rectify")


MAX_FINDINGS = 60


def _number(value, default: int = -1) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _findings(post) -> list[dict]:
    """The finding rows of the page; a row with anything in it is a finding (and is then
    checked), only rows left wholly empty are dropped."""
    rows = []
    for i in range(min(max(_number(post.get("finding_rows"), 0), 0), MAX_FINDINGS)):
        row = {name: post.get(f"f{i}-{name}", "") for name in FIELDS}
        if any(row[name] for name in FIELDS):
            row["rectify"] = row["rectify"] == "on"
            rows.append(row)
    return rows


def _answer(value) -> dict:
    return {"choice": "", "note": value} if isinstance(value, str) else (value or {})


def _answers(post, questions) -> dict:
    return {
        q: {"choice": post.get(f"q{i}", ""), "note": post.get(f"q{i}-note", "")}
        for i, q in enumerate(questions)
    }


def _context(form: EvaluationForm, user, rows=None, typed=None) -> dict:
    """What the page shows: the saved form, or what was typed when a save was refused."""
    findings = rows if rows is not None else list(form.findings.values(*FIELDS))
    case = form.assignment.case
    values = typed or {
        "grade": form.grade, "basis": form.basis, "answers": form.answers,
        "clear": form.clear_dimensions, "scores": form.scores,
    }  # fmt: skip
    return {
        "form": form,
        "version": form.version,
        "values": values,
        "questions": [
            (i, q, _answer(values["answers"].get(q))) for i, q in enumerate(form.rubric.questions)
        ],
        "answer_choices": ANSWER_CHOICES,
        "dimensions": [
            (i, d, form.rubric.points.get(d, []), d in values["clear"], values["scores"].get(d))
            for i, d in enumerate(form.rubric.dimensions)
        ],
        "scored": settings.GUIFAN_EVALUATION_SCORES,
        "original": case.original_evaluations.order_by("-year", "-seq").first(),
        "case": case,
        "timeline": case_timeline(case),
        "findings": findings + [{} for _ in range(BLANK_FINDINGS)],
        "severities": Severity.choices,
        "mine": user.person_id == form.assignment.evaluator_id,
    }


@role_required(Role.EVALUATOR, Role.TEAM_LEAD)
def form_page(request, assignment_id: int):
    assignment = access_assignment(request.user, assignment_id)
    if assignment.evaluator_id != request.user.person_id:
        raise Http404
    form = EvaluationForm.objects.filter(assignment=assignment).first()
    if form is None and request.method != "POST":
        # Opening the page changes nothing; the form is made by the start button's POST.
        return render(request, "evaluation/form_start.html", {"assignment": assignment})
    form = form or workflow.form_for(assignment)
    if request.method != "POST":
        return render(request, "evaluation/form.html", _context(form, request.user))
    if request.POST.get("action") == "start":
        return redirect("evaluation:form", assignment_id=assignment.pk)
    if request.htmx and request.POST.get("action") == "autosave":
        return _autosave(request, form)
    post = request.POST
    rows = _findings(post)
    answers = _answers(post, form.rubric.questions)
    try:
        form = _save(request, form)
        if post.get("action") == "submit":
            workflow.form_submit(form=form, by=request.user)
            messages.success(request, _("登记表已提交评查组长复核。"))
            return redirect("evaluation:mine")
    except ValidationError as exc:
        # Nothing the evaluator typed is lost: the page comes back with it.
        form.refresh_from_db()
        typed = {
            "grade": post.get("grade", ""), "basis": post.get("basis", ""), "answers": answers,
            "clear": post.getlist("clear"), "scores": _scores(post, form.rubric),
        }  # fmt: skip
        context = _context(form, request.user, rows, typed) | {"error": " ".join(exc.messages)}
        stale = isinstance(exc, workflow.StaleForm)
        if stale:
            # The page keeps the version it was opened at: a later (auto)save from it is
            # refused too, instead of overwriting the save that came in between.
            context["version"] = _number(post.get("version"))
        # Otherwise the page carries the stored version, which the save just before a
        # refused submit has raised: keeping the old one would refuse every later save.
        status = 409 if stale else 200
        return render(request, "evaluation/form.html", context, status=status)
    messages.success(request, _("已保存。"))
    return redirect("evaluation:form", assignment_id=assignment.pk)


def _save(request, form: EvaluationForm) -> EvaluationForm:
    post = request.POST
    answers = _answers(post, form.rubric.questions)
    return workflow.form_save(
        form=form, by=request.user, version=_number(post.get("version")),
        grade=post.get("grade", ""), basis=post.get("basis", ""), answers=answers,
        findings=_findings(post), clear_dimensions=post.getlist("clear"),
        scores=_scores(post, form.rubric),
    )  # fmt: skip


def _scores(post, rubric) -> dict:
    if not settings.GUIFAN_EVALUATION_SCORES:
        return {}
    return {d: post.get(f"s{i}", "").strip() for i, d in enumerate(rubric.dimensions)}


def _autosave(request, form: EvaluationForm):
    """Background save while typing: answers with the new version, or why it did not save."""
    try:
        form = _save(request, form)
    except ValidationError as exc:
        return render(
            request, "evaluation/includes/autosave.html", {"error": " ".join(exc.messages)}
        )
    return render(request, "evaluation/includes/autosave.html", {"form": form})


@role_required(Role.TEAM_LEAD)
def review_queue(request):
    forms = (
        EvaluationForm.objects.visible_to(request.user)
        .filter(assignment__team__lead_id=request.user.person_id, status=FormStatus.SUBMITTED)
        .select_related("assignment__case__unit", "assignment__evaluator")
    )
    return render(request, "evaluation/reviews.html", {"forms": forms})


@role_required(
    Role.EVALUATOR, Role.TEAM_LEAD, Role.OFFICE, Role.INSPECTION, Role.HANDLER, Role.LIAISON
)
def form_detail(request, form_id: int):
    form = access_form(request.user, form_id)
    context = _context(form, request.user) | {
        "findings": list(form.findings.all()),
        "conclusions": conclusions(form),
        "is_lead": workflow.may_review(request.user, form),
        "is_handler": form.assignment.case.handler_id == request.user.person_id,
        "pdf": export.pdf_available(),
        "result": CaseResult.objects.visible_to(request.user)
        .filter(campaign_id=form.assignment.campaign_id, case_id=form.assignment.case_id)
        .first(),
    }
    return render(request, "evaluation/form_detail.html", context)


def _act(request, form_id: int, action, success: str):
    form = access_form(request.user, form_id)
    run_service(request, lambda: action(form), success)
    return redirect("evaluation:form_detail", form_id=form.pk)


@require_POST
@role_required(Role.TEAM_LEAD, Role.OFFICE)
def form_review(request, form_id: int):
    comment = request.POST.get("comment", "")
    if request.POST.get("action") == "return":
        return _act(
            request,
            form_id,
            lambda f: workflow.form_return(form=f, by=request.user, comment=comment),
            _("已退回评查员修改。"),
        )
    return _act(
        request,
        form_id,
        lambda f: workflow.form_approve(form=f, by=request.user, comment=comment),
        _("已复核通过，结果已反馈承办检察官。"),
    )


@require_POST
@role_required(Role.HANDLER)
def form_object(request, form_id: int):
    reason = request.POST.get("reason", "")
    return _act(
        request,
        form_id,
        lambda f: objections.form_object(form=f, by=request.user, reason=reason),
        _("异议已提出，等待专项整治办决定。"),
    )


@require_POST
@role_required(Role.OFFICE)
def form_decide(request, form_id: int):
    grade, decision = request.POST.get("grade", ""), request.POST.get("decision", "")
    withdraw = [int(pk) for pk in request.POST.getlist("withdraw") if pk.isdigit()]
    return _act(
        request,
        form_id,
        lambda f: objections.objection_decide(
            form=f, by=request.user, grade=grade, decision=decision, withdraw=withdraw
        ),
        _("异议已处理，评查意见已确定。"),
    )


@role_required(Role.HANDLER)
def my_results(request):
    forms = (
        EvaluationForm.objects.visible_to(request.user)
        .filter(assignment__case__handler_id=request.user.person_id)
        .select_related("assignment__case__unit", "assignment__campaign")
    )
    return render(request, "evaluation/results.html", {"forms": forms})


@role_required(Role.OFFICE, Role.INSPECTION)
def overview(request, campaign_id: int):
    campaign = access_draw_campaign(request.user, campaign_id)
    filters = {k: request.GET.get(k, "") for k in ("status", "unit")}
    page = Paginator(form_list(user=request.user, campaign=campaign, filters=filters), 50)
    context = {
        "campaign": campaign,
        "summary": form_overview(user=request.user, campaign=campaign),
        "page": page.get_page(request.GET.get("page")),
        "filters": filters,
    }
    return render(request, "evaluation/overview.html", context)


@role_required(Role.OFFICE, Role.INSPECTION)
def forms_download(request, campaign_id: int):
    """Every form of the campaign (or only the final ones) as .docx files with the 台账."""
    campaign = access_draw_campaign(request.user, campaign_id)
    status = request.GET.get("status", "")
    forms = export.forms_for_export(
        form_list(user=request.user, campaign=campaign, filters={"status": status})
    )
    title = f"{campaign.name}案件评查登记表"
    journal_export(request, campaign, "evaluation_forms", rows=len(forms), status=status)
    issuer = campaign.issuing_unit.name
    if request.GET.get("format") == "xlsx":
        return file_response(
            export.ledger_xlsx(forms, title=title, issuer=issuer), f"{title}.xlsx", XLSX
        )
    data = export.forms_zip(forms, title=title, issuer=issuer)
    return file_response(data, f"{title}.zip", "application/zip")
