from urllib.parse import quote

from django.http import Http404, HttpResponse

from guifan.core.decorators import role_required
from guifan.core.exports import journal_export
from guifan.core.roles import Role
from guifan.evaluation import export
from guifan.evaluation.form_views import access_form

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@role_required(
    Role.OFFICE, Role.INSPECTION, Role.EVALUATOR, Role.TEAM_LEAD, Role.HANDLER, Role.LIAISON
)
def form_docx(request, form_id: int):
    form = access_form(request.user, form_id)
    journal_export(request, form, "evaluation_form", case=form.assignment.case.case_no_norm)
    response = HttpResponse(export.form_docx(form), content_type=DOCX)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(export.docx_name(form))}"
    )
    return response


@role_required(
    Role.OFFICE, Role.INSPECTION, Role.EVALUATOR, Role.TEAM_LEAD, Role.HANDLER, Role.LIAISON
)
def form_pdf(request, form_id: int):
    form = access_form(request.user, form_id)
    if not export.pdf_available():
        raise Http404
    journal_export(request, form, "evaluation_form_pdf", case=form.assignment.case.case_no_norm)
    response = HttpResponse(export.to_pdf(export.form_docx(form)), content_type="application/pdf")
    name = export.docx_name(form).removesuffix(".docx") + ".pdf"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
