from urllib.parse import quote

from django.http import Http404, HttpResponse

from guifan.core.decorators import role_required
from guifan.core.exports import journal_export
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.evaluation import export
from guifan.evaluation.form_views import access_form

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@role_required(
    Role.OFFICE, Role.INSPECTION, Role.EVALUATOR, Role.TEAM_LEAD, Role.HANDLER, Role.LIAISON
)
def form_docx(request, form_id: int):
    form = access_form(request.user, form_id)
    journal_export(request, form, "evaluation_form", case=form.assignment.case.case_no_norm)
    response = HttpResponse(
        export.form_docx(form, show_evaluator=_sees_evaluator(request.user, form)),
        content_type=DOCX,
    )
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
    document = export.form_docx(form, show_evaluator=_sees_evaluator(request.user, form))
    response = HttpResponse(export.to_pdf(document), content_type="application/pdf")
    name = export.docx_name(form).removesuffix(".docx") + ".pdf"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _sees_evaluator(user, form) -> bool:
    """The office, inspection, the team and the evaluator; not the handler or the unit."""
    scope = scope_of(user)
    unit = form.assignment.campaign.issuing_unit_id
    if scope.acts_as(Role.OFFICE, unit) or scope.acts_as(Role.INSPECTION, unit):
        return True
    team = form.assignment.team
    mine = user.person_id == form.assignment.evaluator_id
    return mine or (team is not None and user.person_id == team.lead_id)
