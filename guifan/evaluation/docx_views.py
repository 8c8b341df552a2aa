from urllib.parse import quote

from django.http import HttpResponse

from guifan.core.decorators import role_required
from guifan.core.http import client_ip
from guifan.core.roles import Role
from guifan.evaluation import export
from guifan.evaluation.form_views import access_form
from guifan.journal.services import record
from guifan.journal.verbs import Verb

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@role_required(
    Role.OFFICE, Role.INSPECTION, Role.EVALUATOR, Role.TEAM_LEAD, Role.HANDLER, Role.LIAISON
)
def form_docx(request, form_id: int):
    form = access_form(request.user, form_id)
    payload = {"what": "evaluation_form", "case": form.assignment.case.case_no_norm}
    record(
        actor=request.user, verb=Verb.EXPORT, target=form, ip=client_ip(request), payload=payload
    )
    response = HttpResponse(export.form_docx(form), content_type=DOCX)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(export.docx_name(form))}"
    )
    return response
