from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.cases.models import Case
from guifan.core import clock
from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.inquiries import flags, reports, selectors, services
from guifan.inquiries.access import access_inquiry, access_reporting_unit
from guifan.inquiries.forms import (
    FileForm,
    InquiryForm,
    NotifyForm,
    QuarterFilterForm,
    ReceiveForm,
)
from guifan.inquiries.quarters import Quarter, ended_quarters
from guifan.web.actions import form_errors, run_service

RECORDERS = (Role.HANDLER, Role.OFFICE, Role.INSPECTION)
REPORT_READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)


def _recordable_cases(user):
    scope = scope_of(user)
    cases = Case.objects.filter(unit__in=scope.units_for(*services.OVERSEERS))
    if scope.has(Role.HANDLER) and scope.person_id:
        cases = cases | Case.objects.filter(handler_id=scope.person_id)
    return cases


@role_required(*RECORDERS)
def inquiry_list(request):
    filters = QuarterFilterForm(request.GET or None, auto_id="filter_%s")
    quarter = None
    if filters.is_valid() and filters.cleaned_data["quarter"]:
        try:
            quarter = Quarter.parse(filters.cleaned_data["quarter"])
        except ValueError:
            filters.add_error("quarter", _("请按“2015q4”的格式填写季度。"))
    return render(
        request,
        "inquiries/list.html",
        {
            "filters": filters,
            "records": selectors.records(request.user, quarter)[:500],
            "may_read_reports": scope_of(request.user).has(*REPORT_READERS),
        },
    )


@role_required(*RECORDERS)
def inquiry_create(request):
    initial = {}
    case_id = request.GET.get("case", "")
    if case_id.isdigit():
        case = _recordable_cases(request.user).filter(pk=int(case_id)).first()
        if case is not None:
            initial["case_no"] = case.case_no
    form = InquiryForm(request.POST or None, initial=initial, cases=_recordable_cases(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.inquiry_record(by=request.user, **form.fields_for_service())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("过问情况已登记。"))
            return redirect("inquiries:detail", inquiry_id=item.pk)
    return render(request, "inquiries/create.html", {"form": form})


@role_required(*RECORDERS)
def inquiry_detail(request, inquiry_id: int):
    item = access_inquiry(request.user, inquiry_id)
    scope = scope_of(request.user)
    may_receive = item.needs_immediate_report and scope.acts_as(Role.INSPECTION, item.unit_id)
    may_notify = item.improper and not item.notified_at and scope.acts_as(Role.OFFICE, item.unit_id)
    return render(
        request,
        "inquiries/detail.html",
        {
            "item": item,
            "receive_form": ReceiveForm() if may_receive else None,
            "notify_form": NotifyForm() if may_notify else None,
        },
    )


def _act_on(request, inquiry_id: int, form_class, service, success: str):
    """A record's one-form action (receive, notify): the form's fields go to the service."""
    item = access_inquiry(request.user, inquiry_id)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        run_service(
            request, lambda: service(item=item, by=request.user, **form.cleaned_data), success
        )
    return redirect("inquiries:detail", inquiry_id=item.pk)


@require_POST
@role_required(Role.INSPECTION)
def inquiry_receive(request, inquiry_id: int):
    return _act_on(
        request, inquiry_id, ReceiveForm, services.inquiry_receive, _("已接收，处理意见已记录。")
    )


@require_POST
@role_required(Role.OFFICE)
def inquiry_notify(request, inquiry_id: int):
    return _act_on(request, inquiry_id, NotifyForm, services.inquiry_notify, _("已通报。"))


@role_required(*REPORT_READERS)
def report_list(request):
    quarters, rows = selectors.report_table(request.user)
    return render(
        request,
        "inquiries/reports.html",
        {"quarters": quarters, "rows": rows, "file_form": FileForm()},
    )


@require_POST
@role_required(Role.LIAISON, Role.INSPECTION)
def report_file(request, code: str, quarter: str):
    unit = access_reporting_unit(request.user, code)
    try:
        which = Quarter.parse(quarter)
    except ValueError:
        messages.error(request, _("季度格式不对。"))
        return redirect("inquiries:reports")
    form = FileForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: reports.report_file(
                unit=unit,
                quarter=which,
                by=request.user,
                zero_confirmed=form.cleaned_data["zero_confirmed"],
                note=form.cleaned_data["note"],
            ),
            _("%(unit)s%(q)s过问案件情况已报告。") % {"unit": unit.short_name, "q": which.label},
        )
    return redirect("inquiries:reports")


@role_required(Role.INSPECTION)
def flag_list(request):
    """R7-02 and R8-01 for discipline inspection, each with its facts."""
    scope = scope_of(request.user)
    units = scope.units_for(Role.INSPECTION)
    quarters = ended_quarters(clock.today())[-4:]
    records = selectors.records(request.user).filter(unit__in=units)
    return render(
        request,
        "inquiries/flags.html",
        {
            "quarters": quarters,
            "silent": flags.zero_report_flags(units, quarters),
            "favoured": flags.favourable_flags(records),
        },
    )
