from django.http import Http404

from guifan.core.decorators import role_required
from guifan.core.exports import file_response, journal_export
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.evaluation import export
from guifan.evaluation.access import access_form

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


READERS = (Role.OFFICE, Role.INSPECTION, Role.EVALUATOR, Role.TEAM_LEAD, Role.HANDLER, Role.LIAISON)


@role_required(*READERS)
def form_docx(request, form_id: int):
    return _document(request, form_id, pdf=False)


@role_required(*READERS)
def form_pdf(request, form_id: int):
    return _document(request, form_id, pdf=True)


def _document(request, form_id: int, *, pdf: bool):
    """The 登记表 as the user may see it (without the evaluator for handlers and units)."""
    form = access_form(request.user, form_id)
    if pdf and not export.pdf_available():
        raise Http404
    what = "evaluation_form_pdf" if pdf else "evaluation_form"
    journal_export(request, form, what, case=form.assignment.case.case_no_norm)
    document = export.form_docx(form, show_evaluator=_sees_evaluator(request.user, form))
    name = export.docx_name(form)
    if pdf:
        return file_response(export.to_pdf(document), name.removesuffix(".docx") + ".pdf", PDF)
    return file_response(document, name, DOCX)


def _sees_evaluator(user, form) -> bool:
    """The office, inspection, the team and the evaluator; not the handler or the unit."""
    scope = scope_of(user)
    if scope.oversees(form.assignment.campaign.issuing_unit_id):
        return True
    team = form.assignment.team
    mine = user.person_id == form.assignment.evaluator_id
    return mine or (team is not None and user.person_id == team.lead_id)
