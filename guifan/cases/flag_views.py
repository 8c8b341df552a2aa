"""The case's 选案标记 page: every mark with its source, and — for the office or the unit's
liaison — adding one by hand or removing one with the reason."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guifan.cases.access import access_case
from guifan.cases.flags import flag_add, flag_remove, may_flag
from guifan.cases.models import CaseFlag, FlagKind
from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.web.actions import form_errors, run_service
from guifan.web.forms import StyledFormMixin

EDITORS = (Role.OFFICE, Role.LIAISON)


class FlagForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("标记类型"), choices=FlagKind.choices)
    flagged_on = forms.DateField(
        label=gettext_lazy("标记日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.CharField(label=gettext_lazy("依据"), max_length=100)


@role_required(*EDITORS)
def case_flags(request, case_id: int):
    case = access_case(request.user, case_id)
    editable = may_flag(request.user, case)
    form = FlagForm(request.POST or None)
    if request.method == "POST":
        if not editable:
            raise Http404
        if not form.is_valid():
            messages.error(request, form_errors(form))
        elif run_service(
            request,
            lambda: flag_add(case=case, by=request.user, **form.cleaned_data),
            _("已添加选案标记。"),
        ):
            return redirect("cases:flags", case_id=case.pk)
    context = {
        "case": case,
        "flags": CaseFlag.objects.filter(case=case).order_by("flagged_on", "seq"),
        "form": form,
        "editable": editable,
    }
    return render(request, "cases/flags.html", context)


@require_POST
@role_required(*EDITORS)
def case_flag_remove(request, flag_id: int):
    flag = CaseFlag.objects.filter(pk=flag_id).select_related("case").first()
    if flag is None:
        raise Http404
    case = access_case(request.user, flag.case_id)  # 404 for a case not seen
    if not may_flag(request.user, case):
        raise Http404
    reason = request.POST.get("reason", "")
    run_service(
        request,
        lambda: flag_remove(flag=flag, by=request.user, reason=reason),
        _("已删除选案标记。"),
    )
    return redirect("cases:flags", case_id=case.pk)
