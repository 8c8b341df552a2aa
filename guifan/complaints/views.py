from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guifan.campaigns.models import SelfExamProblem
from guifan.complaints.forms import ComplaintForm
from guifan.complaints.models import Complaint
from guifan.complaints.services import REGISTRARS, complaint_register
from guifan.core.decorators import role_required
from guifan.org.models import Tier, Unit


@role_required(*REGISTRARS)
def complaint_list(request):
    units = Unit.objects.visible_to(request.user).exclude(tier=Tier.PROVINCE)
    problems = SelfExamProblem.objects.visible_to(request.user).select_related("unit")
    form = ComplaintForm(request.POST or None, units=units, problems=problems)
    if request.method == "POST" and form.is_valid():
        try:
            complaint_register(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("群众反映已登记。"))
            return redirect("complaints:list")
    complaints = Complaint.objects.visible_to(request.user).select_related(
        "unit", "problem__category"
    )
    return render(request, "complaints/list.html", {"form": form, "complaints": complaints})
