"""The case page's section of 过问案件记录, for those who may see them."""

from django.template.loader import render_to_string

from guifan.cases.panels import case_panel
from guifan.inquiries import selectors, services


@case_panel
def inquiry_panel(request, case) -> str:
    rows = list(selectors.case_records(request.user, case))
    may_record = services.may_record(request.user, case)
    if not rows and not may_record:
        return ""
    return render_to_string(
        "inquiries/includes/case_panel.html",
        {"case": case, "records": rows, "may_record": may_record},
        request=request,
    )
