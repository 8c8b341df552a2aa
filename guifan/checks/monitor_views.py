"""Pages of 流程监控: the open cases near or past their period, the 流程监控通知书 (issue,
reply, print), the overdue list for the 案件管理 office and the office's additions to the
working-day calendar."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guifan.cases.access import access_case
from guifan.checks import holidays, notices, selectors
from guifan.checks.access import access_notice
from guifan.checks.models import MonitorNotice
from guifan.checks.monitor import MAX_EXTRA_DAYS
from guifan.core.decorators import role_required
from guifan.core.exports import file_response, journal_export
from guifan.core.models import CalendarDay, DayKind
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.org.models import Unit
from guifan.web.actions import form_errors, run_service

MONITORS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON, Role.HANDLER)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _text(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "form-control"})


class NoticeForm(forms.Form):
    content = forms.CharField(label=gettext_lazy("监控意见"), required=False, widget=_text(5))


class ReplyForm(forms.Form):
    reply = forms.CharField(label=gettext_lazy("回复意见"), widget=_text(4))


class DayForm(forms.Form):
    day = forms.DateField(
        label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=DayKind.choices)
    note = forms.CharField(label=gettext_lazy("说明"), max_length=60, required=False)


def _unit_filter(request) -> Unit | None:
    code = request.GET.get("unit") or ""
    visible = scope_of(request.user).business_unit_ids
    return Unit.objects.filter(code=code, pk__in=visible).first() if code else None


@role_required(*MONITORS)
def monitor(request):
    try:
        extra = max(0, min(int(request.GET.get("extra") or 0), MAX_EXTRA_DAYS))
    except ValueError:
        extra = 0
    rows = selectors.due_list(user=request.user, extra_days=extra)
    unit = _unit_filter(request)
    if unit is not None:
        rows = [r for r in rows if r["case"].unit.path.startswith(unit.path)]
    if request.GET.get("overdue"):
        rows = [r for r in rows if r["due"].overdue]
    scope = scope_of(request.user)
    for row in rows:
        row["may_issue"] = row["due"].warned and scope.acts_as(Role.OFFICE, row["case"].unit_id)
    return render(
        request,
        "checks/monitor.html",
        {
            "rows": rows,
            "extra": extra,
            "unit": unit,
            "overdue": bool(request.GET.get("overdue")),
            "oversees": scope.has(Role.OFFICE, Role.INSPECTION),
        },
    )


@role_required(Role.OFFICE, Role.INSPECTION)
def overdue(request):
    """The 案件管理 office's list: cases past their period, notices not replied in time."""
    rows = [r for r in selectors.due_list(user=request.user) if r["due"].overdue]
    late = selectors.notice_list(user=request.user, late=True)
    return render(request, "checks/overdue.html", {"rows": rows, "late": late})


@role_required(Role.OFFICE)
def notice_issue(request, case_id: int):
    case = access_case(request.user, case_id)
    if not notices.may_issue(request.user, case):
        raise PermissionDenied
    due = notices.due_of(case)
    if request.method == "POST":
        form = NoticeForm(request.POST)
        if form.is_valid():
            notice = run_service(
                request,
                lambda: notices.notice_issue(
                    case=case, by=request.user, content=form.cleaned_data["content"]
                ),
                _("流程监控通知书已发出。"),
            )
            if notice is not None:
                return redirect("checks:notice", notice_id=notice.pk)
    else:
        initial = {"content": notices.default_content(case, due)} if due else {}
        form = NoticeForm(initial=initial)
    return render(request, "checks/notice_issue.html", {"case": case, "due": due, "form": form})


def _notice(user, notice_id: int) -> MonitorNotice:
    return access_notice(user, notice_id)


@role_required(*MONITORS)
def notice_list(request):
    rows = selectors.notice_list(user=request.user)
    return render(request, "checks/notices.html", {"rows": rows})


@role_required(*MONITORS)
def notice_detail(request, notice_id: int):
    notice = _notice(request.user, notice_id)
    may_reply = notice.replied_at is None and notices.may_reply(request.user, notice)
    return render(
        request,
        "checks/notice.html",
        {
            "notice": notice,
            "may_reply": may_reply,
            "form": ReplyForm(),
        },
    )


@require_POST
@role_required(Role.HANDLER)
def notice_reply(request, notice_id: int):
    notice = _notice(request.user, notice_id)
    if not notices.may_reply(request.user, notice):
        raise PermissionDenied
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        run_service(
            request,
            lambda: notices.notice_reply(
                notice=notice, by=request.user, reply=form.cleaned_data["reply"]
            ),
            _("已回复。"),
        )
    return redirect("checks:notice", notice_id=notice.pk)


@role_required(*MONITORS)
def notice_docx(request, notice_id: int):
    notice = _notice(request.user, notice_id)
    journal_export(request, notice, "monitor_notice")
    name = f"流程监控通知书_{notice.case.case_no}.docx"
    return file_response(notices.notice_docx(notice), name, DOCX)


@role_required(*holidays.EDITORS)
def calendar_days(request):
    form = DayForm(request.POST or None)
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            day = get_object_or_404(CalendarDay, pk=remove if remove.isdigit() else None)
            holidays.calendar_day_remove(by=request.user, day=day)
            messages.success(request, _("已删除。"))
            return redirect("checks:calendar")
        if not form.is_valid():
            messages.error(request, form_errors(form))
        elif run_service(
            request,
            lambda: holidays.calendar_day_add(by=request.user, **form.cleaned_data),
            _("已登记，此后计算的期限按调整后的日历。"),
        ):
            return redirect("checks:calendar")
    return render(
        request,
        "checks/calendar.html",
        {"form": form, "days": CalendarDay.objects.all(), "years": holidays.known_years()},
    )
