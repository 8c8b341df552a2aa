from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guifan.cases import selectors
from guifan.cases.access import access_case, access_import_run
from guifan.cases.access_log import case_view_log
from guifan.cases.exports import COLUMNS, ledger_rows
from guifan.cases.flags import may_flag
from guifan.cases.forms import CaseFilterForm, ImportForm
from guifan.cases.housekeeping import import_queue_stalled
from guifan.cases.importing.specs import SPECS
from guifan.cases.panels import panels_for
from guifan.cases.services import import_run_create
from guifan.cases.tasks import count_ledger, run_import
from guifan.core.decorators import poll, role_required
from guifan.core.exports import journal_export, xlsx_response
from guifan.core.paging import CountedPaginator
from guifan.core.replica import replica_reads
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.org.models import Unit

READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON, Role.HANDLER)
IMPORTERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)


def _filter_form(request) -> CaseFilterForm:
    units = Unit.objects.visible_to(request.user).filter(tier__in=["city", "county"])
    return CaseFilterForm(request.GET, units=units)


@role_required(*READERS)
def ledger(request):
    form = _filter_form(request)
    filters = form.filters()
    cases = selectors.case_list(user=request.user, filters=filters, order=form.order)
    total = selectors.ledger_total(user=request.user, filters=filters, cases=cases)
    if total.start_counting:
        count_ledger.enqueue(request.user.pk, filters)
        # A worker in this process (the immediate backend) has counted them already.
        total = selectors.ledger_total(user=request.user, filters=filters, cases=cases)
    page = CountedPaginator(cases, form.page_size, count=total.count, exact=total.exact).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "order": form.order,
        "categories": selectors.case_categories(user=request.user),
    }
    return render(request, "cases/ledger.html", context)


@role_required(*READERS)
@replica_reads()
def ledger_export(request):
    form = _filter_form(request)
    filters = form.filters()
    cases = selectors.case_list(user=request.user, filters=filters, order=form.order)
    total = selectors.case_count(user=request.user, filters=filters, cases=cases)
    if total > settings.GUIFAN_EXPORT_MAX_ROWS:
        messages.error(
            request,
            _("筛选结果共 %(n)s 条，超过单次导出上限 %(max)s 条，请缩小范围后再导出。")
            % {"n": f"{total:,}", "max": f"{settings.GUIFAN_EXPORT_MAX_ROWS:,}"},
        )
        return redirect(f"{request.path.removesuffix('export.xlsx')}?{request.GET.urlencode()}")
    filters_text = {k: str(v) for k, v in filters.items()}
    journal_export(request, ("cases.case", "", "案件台账"), filters=filters_text, rows=total)
    unit = request.user.person.unit.name if request.user.person_id else ""
    return xlsx_response(title="案件台账", columns=COLUMNS, rows=ledger_rows(cases), issuer=unit)


@role_required(*READERS, Role.EVALUATOR, Role.TEAM_LEAD)
def case_detail(request, case_id: int):
    case = access_case(request.user, case_id)
    case_view_log(case=case, user=request.user)  # R7-03 reads who opened which case
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            # Evaluators reach a case through their tasks and may not open the ledger.
            "may_list": scope_of(request.user).has(*READERS),
            "timeline": selectors.case_timeline(case),
            "suspects": case.suspects.all(),
            "panels": panels_for(request, case),
            "may_flag": may_flag(request.user, case),
        },
    )


@role_required(*IMPORTERS)
def import_start(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = import_run_create(
            user=request.user,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            sheet=form.cleaned_data["sheet"],
        )
        run_import.enqueue(run.pk)
        return redirect("cases:import_run", run_id=run.pk)
    return render(
        request,
        "cases/import.html",
        {
            "form": form,
            "runs": selectors.import_runs(user=request.user),
            "stalled": import_queue_stalled(),
        },
    )


@role_required(*IMPORTERS)
def import_format(request):
    """导入说明: the columns of every file kind, straight from the import specs."""
    return render(request, "cases/import_format.html", {"specs": SPECS.values()})


@poll
@role_required(*IMPORTERS)
def import_run(request, run_id: int):
    run = access_import_run(request.user, run_id)
    template = "cases/includes/run_status.html" if request.htmx else "cases/import_run.html"
    rejections = Paginator(run.rejections.all(), 50).get_page(request.GET.get("page"))
    return render(request, template, {"run": run, "rejections": rejections})


@role_required(*IMPORTERS)
def import_errors(request, run_id: int):
    run = access_import_run(request.user, run_id)
    if not run.errors_path:
        return redirect("cases:import_run", run_id=run.pk)
    journal_export(request, run, "import_errors", rows=run.rejected)
    return FileResponse(
        open(run.errors_path, "rb"),
        as_attachment=True,
        filename=f"导入错误_{run.file_name}.xlsx",
    )
