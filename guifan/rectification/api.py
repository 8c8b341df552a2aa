"""Rectification and complaints API: the list, one item, its transitions, the counts, the
complaints and a campaign's "三个不放过" gate, scoped like the screens."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from django.http import Http404
from ninja import Field, File, Form, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from guifan.api.access import require_role
from guifan.api.errors import Id, Text, service_call
from guifan.api.reads import journal_list_read
from guifan.campaigns.access import access_campaign
from guifan.complaints import services as complaint_services
from guifan.complaints.access import access_complaint
from guifan.complaints.models import Complaint
from guifan.core.roles import Role
from guifan.rectification import services
from guifan.rectification.access import access_item
from guifan.rectification.gate import campaign_gate, may_see_gate
from guifan.rectification.selectors import (
    ItemFilters,
    counts_by_category,
    counts_by_unit,
    item_list,
)

router = Router(tags=["rectification"])
READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)


class ItemOut(Schema):
    id: int
    campaign: int = Field(alias="campaign_id")
    source: str
    source_id: int | None
    unit_code: str = Field(alias="unit.code")
    department: str | None
    handler_staff_no: str | None
    category: str
    description: str
    measures: str
    responsible: str
    deadline: date
    status: str
    overdue: bool
    light: str
    returns: int
    chase_count: int
    recurrence_of: int | None
    recurrence_pending: bool
    done_at: datetime | None
    closed_at: datetime | None

    @staticmethod
    def resolve_source_id(obj) -> int | None:
        return obj.problem_id or obj.finding_id or obj.complaint_id

    @staticmethod
    def resolve_department(obj) -> str | None:
        return obj.department.name if obj.department_id else None

    @staticmethod
    def resolve_handler_staff_no(obj) -> str | None:
        return obj.handler.staff_no if obj.handler_id else None

    @staticmethod
    def resolve_recurrence_of(obj) -> int | None:
        return obj.recurrence.earlier_id if obj.is_recurrence else None


class ItemQuery(Schema):
    campaign: Id | None = None
    status: str = ""
    category: str = ""
    unit: Id | None = None
    overdue: bool = False
    recurrence: bool = False


class CountOut(Schema):
    key: str
    label: str
    total: int
    open: int
    in_progress: int
    done: int
    closed: int
    overdue: int
    recurrences: int


class StatsOut(Schema):
    by_unit: list[CountOut]
    by_category: list[CountOut]


class StartIn(Schema):
    measures: str
    responsible: str


class CommentIn(Schema):
    comment: str = ""


class BlockerOut(Schema):
    kind: str
    id: int
    unit: str
    reason: str


GateLimit = Annotated[int, Field(ge=1, le=100_000, description="列出的未了结事项条数上限")]


class GateCounts(Schema):
    complaint: int
    rectification: int
    recurrence: int
    evaluation: int
    evaluation_result: int


class GateOut(Schema):
    closable: bool
    total: int
    counts: GateCounts
    blockers: list[BlockerOut]


class ComplaintOut(Schema):
    id: int
    campaign: int | None = Field(alias="campaign_id")
    unit_code: str = Field(alias="unit.code")
    received_on: date
    channel: str
    about: str
    content: str
    status: str
    conclusion: str
    reply_deadline: date | None
    concluded_at: datetime | None
    items: list[Id]

    @staticmethod
    def resolve_items(obj) -> list[int]:
        return [item.pk for item in obj.rectification_items.all()]


def _item(request, item_id: Id):
    require_role(request, *READERS)
    try:
        return access_item(request.user, item_id)
    except Http404:
        raise HttpError(404, "找不到该整改问题") from None


@router.get("/items", response=list[ItemOut], summary="整改清单（按权限范围）")
def items(request, query: Query[ItemQuery]):
    require_role(request, *READERS)
    journal_list_read(request, "rectification.item", "整改清单")
    filters = ItemFilters(**query.dict())
    return item_list(user=request.user, filters=filters)


@router.get("/items/{int:item_id}", response=ItemOut, summary="一项整改问题")
def item(request, item_id: Id):
    return _item(request, item_id)


@router.post("/items/{int:item_id}/start", response=ItemOut, summary="开始整改（联络员）")
def item_start(request, item_id: Id, data: StartIn):
    target = _item(request, item_id)
    return service_call(lambda: services.item_start(item=target, by=request.user, **data.dict()))


@router.post("/items/{int:item_id}/verify", response=ItemOut, summary="核查销号")
def item_verify(request, item_id: Id, data: CommentIn):
    target = _item(request, item_id)
    return service_call(
        lambda: services.item_verify(item=target, by=request.user, comment=data.comment)
    )


@router.post("/items/{int:item_id}/return", response=ItemOut, summary="退回继续整改")
def item_return(request, item_id: Id, data: CommentIn):
    target = _item(request, item_id)
    return service_call(
        lambda: services.item_return(item=target, by=request.user, reason=data.comment)
    )


@router.post(
    "/items/{int:item_id}/submit",
    response=ItemOut,
    summary="报送整改情况和整改材料（联络员，multipart）",
)
def item_submit(
    request,
    item_id: Id,
    outcome: Form[Text],
    evidence: File[list[UploadedFile]] = None,  # type: ignore[assignment]
):
    target = _item(request, item_id)
    return service_call(
        lambda: services.item_submit(
            item=target, by=request.user, outcome=outcome, uploads=evidence or []
        )
    )


class HandlingIn(Schema):
    handling: str


@router.post(
    "/items/{int:item_id}/recurrence",
    response=ItemOut,
    summary="处置改后又复发（专项整治办或纪检监察）",
)
def recurrence_handle(request, item_id: Id, data: HandlingIn):
    target = _item(request, item_id)
    recurrence = getattr(target, "recurrence", None)
    if recurrence is None:
        raise HttpError(404, "该问题不是复发问题")
    service_call(
        lambda: services.recurrence_handle(
            recurrence=recurrence, by=request.user, handling=data.handling
        )
    )
    return access_item(request.user, item_id)


@router.get("/stats", response=StatsOut, summary="各单位、各类别整改情况")
def stats(request, campaign: Id | None = None):
    require_role(request, *READERS)
    target = None
    if campaign is not None:
        try:
            target = access_campaign(request.user, campaign)
        except Http404:
            raise HttpError(404, "找不到该活动") from None
    return {
        "by_unit": [r.as_dict() for r in counts_by_unit(user=request.user, campaign=target)],
        "by_category": [
            r.as_dict() for r in counts_by_category(user=request.user, campaign=target)
        ],
    }


@router.get("/complaints", response=list[ComplaintOut], summary="群众反映（按权限范围）")
def complaints(request, campaign: Id | None = None):
    require_role(request, *READERS)
    journal_list_read(request, "complaints.complaint", "群众反映")
    rows = Complaint.objects.visible_to(request.user).select_related("unit")
    if campaign is not None:
        rows = rows.filter(campaign_id=campaign)
    return rows.prefetch_related("rectification_items")


def _complaint(request, complaint_id: Id) -> Complaint:
    require_role(request, *READERS)
    try:
        return access_complaint(request.user, complaint_id)
    except Http404:
        raise HttpError(404, "找不到该群众反映") from None


@router.get("/complaints/{int:complaint_id}", response=ComplaintOut, summary="一件群众反映")
def complaint(request, complaint_id: Id):
    return _complaint(request, complaint_id)


class AssignIn(Schema):
    investigator: str = Field("", description="纪检监察人员的账号；空：交被反映单位调查")
    deadline: date | None = None


@router.post(
    "/complaints/{int:complaint_id}/assign",
    response=ComplaintOut,
    summary="交办调查（专项整治办或纪检监察）",
)
def complaint_assign(request, complaint_id: Id, data: AssignIn):
    from guifan.accounts.models import User

    target = _complaint(request, complaint_id)
    investigator = None
    if data.investigator:
        investigator = User.objects.filter(username=data.investigator, is_active=True).first()
        if investigator is None:
            raise HttpError(422, "没有这个账号")
    return service_call(
        lambda: complaint_services.complaint_assign(
            complaint=target, by=request.user, investigator=investigator, deadline=data.deadline
        )
    )


class ProblemIn(Schema):
    category: str
    description: str
    measures: str = ""
    responsible: str = ""
    deadline: date


PROBLEMS = TypeAdapter(list[ProblemIn])


@router.post(
    "/complaints/{int:complaint_id}/conclude",
    response=ComplaintOut,
    summary="办结（承办人，multipart；problems 为需整改问题的 JSON 数组，evidence 为证据文件）",
)
def complaint_conclude(
    request,
    complaint_id: Id,
    conclusion: Form[Text],
    investigation: Form[Text],
    problems: Form[str] = "[]",
    evidence: File[list[UploadedFile]] = None,  # type: ignore[assignment]
):
    target = _complaint(request, complaint_id)
    try:
        rows = [p.dict() for p in PROBLEMS.validate_json(problems or "[]")]
    except PydanticValidationError:
        raise HttpError(
            422, "problems 须为 JSON 数组，每项含 category、description、deadline"
        ) from None
    return service_call(
        lambda: complaint_services.complaint_conclude(
            complaint=target,
            by=request.user,
            conclusion=conclusion,
            investigation=investigation,
            uploads=evidence or [],
            problems=rows,
        )
    )


@router.get("/gate/{int:campaign_id}", response=GateOut, summary="活动结束前“三个不放过”核对")
def gate(request, campaign_id: Id, limit: GateLimit = 500):
    require_role(request, Role.OFFICE, Role.INSPECTION)
    try:
        campaign = access_campaign(request.user, campaign_id)
    except Http404:
        raise HttpError(404, "找不到该活动") from None
    if not may_see_gate(request.user, campaign):
        raise HttpError(403, "无权访问")
    return campaign_gate(campaign).as_dict(limit)
