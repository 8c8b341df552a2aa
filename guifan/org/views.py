from django.core.paginator import Paginator
from django.shortcuts import render

from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.org.access import access_unit
from guifan.org.models import BusinessLine
from guifan.org.selectors import people_of_unit, pool_list, unit_list

ORG_READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON, Role.SYSADMIN, Role.SECADMIN)


@role_required(*ORG_READERS)
def unit_list_view(request):
    return render(request, "org/unit_list.html", {"units": unit_list(user=request.user)})


@role_required(*ORG_READERS)
def unit_detail(request, unit_id: int):
    unit = access_unit(request.user, unit_id)
    people = Paginator(people_of_unit(user=request.user, unit=unit), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "org/unit_detail.html", {"unit": unit, "page": people})


@role_required(Role.OFFICE, Role.INSPECTION)
def pool_list_view(request):
    line = request.GET.get("line", "")
    members = pool_list(user=request.user, line=line if line in BusinessLine.values else "")
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return render(
        request, "org/pool_list.html", {"page": page, "lines": BusinessLine.choices, "line": line}
    )
