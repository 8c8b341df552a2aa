from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from guifan.api.errors import Paging
from guifan.api.reads import journal_list_read
from guifan.org.models import Person, Unit

router = Router(tags=["org"])


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    tier: str
    parent_code: str | None


class PersonOut(Schema):
    staff_no: str
    name: str
    unit_code: str = Field(alias="unit.code")
    department: str | None = Field(None, alias="department.name")
    is_quota_prosecutor: bool


@router.get("/units", response=list[UnitOut], summary="可见单位")
def units(request):
    journal_list_read(request, "org.unit", "单位")
    rows = Unit.objects.visible_to(request.user).select_related("parent")
    return [
        {
            "code": u.code,
            "name": u.name,
            "short_name": u.short_name,
            "tier": u.tier,
            "parent_code": u.parent.code if u.parent_id else None,
        }
        for u in rows
    ]


@router.get("/units/{code}/people", response=list[PersonOut], summary="单位人员")
@paginate(Paging)
def unit_people(request, code: str):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), code=code)
    journal_list_read(request, "org.person", "单位人员")
    return (
        Person.objects.visible_to(request.user)
        .filter(unit=unit)
        .select_related("unit", "department")
        .order_by("staff_no")
    )
