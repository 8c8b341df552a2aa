"""Pages of the automated checks: the findings with filters, a finding with the law quoted and
the decision on it, runs with their progress, the rule catalog."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guifan.checks import selectors, services
from guifan.checks.access import access_finding, access_run
from guifan.checks.catalog import catalog, implemented_codes
from guifan.checks.models import FindingStatus
from guifan.checks.quotes import quotes_for
from guifan.checks.tasks import run_checks
from guifan.core.decorators import poll, role_required
from guifan.core.exports import journal_export, xlsx_response
from guifan.core.replica import replica_reads
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.org.models import Unit
from guifan.web.actions import run_service

READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON, Role.HANDLER, Role.EVALUATOR,
           Role.TEAM_LEAD)  # fmt: skip
RUNNERS = services.RUNNERS


class FilterForm(forms.Form):
    rule = forms.ChoiceField(label=gettext_lazy("规则"), required=False)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("单位"), queryset=Unit.objects.none(), required=False,
        to_field_name="code", empty_label=gettext_lazy("全部"),
    )  # fmt: skip
    status = forms.ChoiceField(
        label=gettext_lazy("核实状态"),
        required=False,
        choices=[("", gettext_lazy("全部")), *FindingStatus.choices],
    )

    def __init__(self, data, *, user):
        super().__init__(data)
        self.fields["rule"].choices = [("", _("全部"))] + [
            (code, f"{code} {catalog()[code].title}") for code in implemented_codes()
        ]
        units = scope_of(user).business_unit_ids
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=units)


def _text(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "form-control"})


class DismissForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("排除理由"), widget=_text(3))


class ConfirmForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("核实意见"), required=False, widget=_text(2))


def _run_unit(user) -> Unit | None:
    """The highest unit where the user runs checks (office or inspection)."""
    units = scope_of(user).units_for(*RUNNERS)
    return Unit.objects.filter(pk__in=units).order_by("path").first()


def _filtered(request) -> tuple[FilterForm, object]:
    form = FilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.finding_list(
        user=request.user,
        rule=filters.get("rule") or "",
        unit=filters.get("unit"),
        status=filters.get("status") or "",
    )
    return form, rows


EXPORT_COLUMNS = (
    ("序号", 6),
    ("规则", 8),
    ("规则名称", 24),
    ("问题类别", 24),
    ("部门受案号", 26),
    ("单位", 10),
    ("问题说明", 60),
    ("法定期限", 18),
    ("实际", 18),
    ("依据", 40),
    ("核实状态", 10),
    ("核实意见", 30),
)


def _export_row(f) -> list:
    rule = f.catalog
    return [f.rule, rule.title, rule.category_label, f.case.case_no, f.unit.short_name,
            f.explanation, f.deadline, f.actual, f.citation, f.get_status_display(),
            f.reason]  # fmt: skip


@role_required(*READERS)
@replica_reads()
def finding_export(request):
    _form, rows = _filtered(request)
    journal_export(request, None, "check_findings", rows=rows.count())
    table = (
        [
            n,
            f.rule,
            f.catalog.title,
            f.catalog.category_label,
            f.case.case_no,
            f.unit.short_name,
            f.explanation,
            f.deadline,
            f.actual,
            f.citation,
            f.get_status_display(),
            f.reason,
        ]
        for n, f in enumerate(rows, start=1)
    )
    return xlsx_response(title="智能辅助评查发现的问题", columns=EXPORT_COLUMNS, rows=table)


@role_required(*READERS)
def finding_list(request):
    form, rows = _filtered(request)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    may_run = scope_of(request.user).has(*RUNNERS)
    return render(
        request,
        "checks/list.html",
        {
            "filters": form,
            "page": page,
            "may_run": may_run,
            "runs": selectors.run_list(user=request.user) if may_run else (),
            "counts": [c for c in selectors.rule_counts(user=request.user) if c["total"]],
        },
    )


@role_required(*READERS)
def finding_detail(request, finding_id: int):
    finding = access_finding(request.user, finding_id)
    may_decide = finding.status == FindingStatus.PENDING and services.may_decide(
        request.user, finding
    )
    return render(
        request,
        "checks/detail.html",
        {
            "finding": finding,
            "rule": finding.catalog,
            "quotes": quotes_for(request.user, finding.catalog),
            "may_decide": may_decide,
            "confirm_form": ConfirmForm(),
            "dismiss_form": DismissForm(),
        },
    )


@require_POST
@role_required(*RUNNERS)
def finding_confirm(request, finding_id: int):
    finding = access_finding(request.user, finding_id)
    if not services.may_decide(request.user, finding):
        raise PermissionDenied
    form = ConfirmForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.finding_confirm(
                finding=finding, by=request.user, note=form.cleaned_data["note"]
            ),
            _("已确认，问题已列入整改清单。"),
        )
    return redirect("checks:finding", finding_id=finding.pk)


@require_POST
@role_required(*RUNNERS)
def finding_dismiss(request, finding_id: int):
    finding = access_finding(request.user, finding_id)
    if not services.may_decide(request.user, finding):
        raise PermissionDenied
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("排除须写明理由。"))
    else:
        run_service(
            request,
            lambda: services.finding_dismiss(
                finding=finding, by=request.user, reason=form.cleaned_data["reason"]
            ),
            _("已排除该问题。"),
        )
    return redirect("checks:finding", finding_id=finding.pk)


@require_POST
@role_required(*RUNNERS)
def run_start(request):
    run = services.run_create(by=request.user, unit=_run_unit(request.user))
    run_checks.enqueue(run.pk)
    return redirect("checks:run", check_run_id=run.pk)


@poll
@role_required(*RUNNERS)
def run_detail(request, check_run_id: int):
    run = access_run(request.user, check_run_id)
    template = "checks/includes/run_status.html" if request.htmx else "checks/run.html"
    return render(request, template, {"run": run})


@role_required(*READERS)
def rule_catalog(request):
    return render(request, "checks/rules.html", {"rules": catalog().values()})


@role_required(Role.OFFICE, Role.INSPECTION, Role.LIAISON, Role.HANDLER)
def monitor(request):
    try:
        extra = max(0, min(int(request.GET.get("extra") or 0), 30))
    except ValueError:
        extra = 0
    rows = selectors.due_list(user=request.user, extra_days=extra)
    return render(request, "checks/monitor.html", {"rows": rows, "extra": extra})
