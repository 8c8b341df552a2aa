"""Campaign API: campaigns, unit tasks, problems, plans and reports, scoped like the screens."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from guifan.api.access import require_role
from guifan.api.errors import Id, service_call
from guifan.api.reads import journal_list_read
from guifan.campaigns import services
from guifan.campaigns.access import access_campaign, liaison_unit
from guifan.campaigns.models import ChecklistItem, MechanismPlan, Report, UnitTask
from guifan.campaigns.selectors import campaign_list, problem_list
from guifan.core.roles import Role

router = Router(tags=["campaigns"])
READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON, Role.DEPT_LIAISON)


def _campaign(request, campaign_id: Id):
    require_role(request, *READERS)
    try:
        return access_campaign(request.user, campaign_id)
    except Http404:
        raise HttpError(404, "找不到该活动") from None


class TrackOut(Schema):
    id: int
    kind: str
    name: str
    deadline: date


class CampaignOut(Schema):
    id: int
    name: str
    status: str
    start_date: date
    report_deadline: date
    issuing_unit_code: str = Field(alias="issuing_unit.code")
    tracks: list[TrackOut]

    @staticmethod
    def resolve_tracks(obj) -> list:
        return list(obj.tracks.all())


class TaskOut(Schema):
    id: int
    track: str = Field(alias="track.kind")
    unit_code: str = Field(alias="unit.code")
    department: str | None = Field(None, description="部门任务的部门名称；单位任务为空")
    deadline: date
    status: str
    submitted_at: datetime | None
    late: bool
    light: str
    chase_count: int

    @staticmethod
    def resolve_department(obj) -> str | None:
        return obj.department.name if obj.department_id else None


class ProblemIn(Schema):
    heading: str
    category: str
    description: str
    responsible: str
    measure: str
    deadline: date


class ProblemOut(Schema):
    id: int
    unit_code: str = Field(alias="unit.code")
    heading: str = Field(alias="heading.label")
    category: str = Field(alias="category.label")
    description: str
    responsible: str
    measure: str
    deadline: date


class PlanOut(Schema):
    id: int
    unit_code: str = Field(alias="unit.code")
    area: str = Field(alias="area.label")
    title: str
    status: str
    planned_date: date
    document_sha256: str | None

    @staticmethod
    def resolve_document_sha256(obj) -> str | None:
        return obj.document.sha256 if obj.document_id else None


class ReportOut(Schema):
    id: int
    unit_code: str = Field(alias="unit.code")
    status: str
    versions: int
    late: bool

    @staticmethod
    def resolve_versions(obj) -> int:
        return obj.versions.count()

    @staticmethod
    def resolve_late(obj) -> bool:
        latest = obj.versions.order_by("-number").first()
        return bool(latest and latest.late)


@router.get("/", response=list[CampaignOut], summary="可见的专项活动")
def campaigns(request):
    require_role(request, *READERS)
    journal_list_read(request, "campaigns.campaign", "专项活动")
    return campaign_list(user=request.user).prefetch_related("tracks")


@router.get("/{int:campaign_id}/tasks", response=list[TaskOut], summary="单位任务与进度")
def tasks(request, campaign_id: Id):
    campaign = _campaign(request, campaign_id)
    journal_list_read(request, "campaigns.unittask", "单位任务")
    return (
        UnitTask.objects.visible_to(request.user)
        .filter(track__campaign=campaign)
        .select_related("track", "unit", "department")
    )


@router.get("/{int:campaign_id}/problems", response=list[ProblemOut], summary="查遗补缺问题")
def problems(request, campaign_id: Id):
    campaign = _campaign(request, campaign_id)
    journal_list_read(request, "campaigns.selfexamproblem", "查遗补缺问题")
    return problem_list(user=request.user, campaign=campaign, filters={})


@router.post(
    "/{int:campaign_id}/problems",
    response={201: ProblemOut},
    summary="登记本单位的自查问题（联络员）",
)
def problem_create(request, campaign_id: Id, data: ProblemIn):
    campaign = _campaign(request, campaign_id)
    unit = liaison_unit(request.user, campaign)
    if unit is None:
        raise HttpError(403, "只有参加活动单位的联络员可以登记")
    items = {(i.kind, i.label): i for i in ChecklistItem.objects.filter(campaign=campaign)}
    heading = items.get(("heading", data.heading))
    category = items.get(("category", data.category))
    if heading is None or category is None:
        raise HttpError(422, "自查方面或问题类别不属于此活动")
    problem = service_call(
        lambda: services.problem_record(
            campaign=campaign,
            unit=unit,
            by=request.user,
            heading=heading,
            category=category,
            description=data.description,
            responsible=data.responsible,
            measure=data.measure,
            deadline=data.deadline,
        )
    )
    return Status(201, problem)


@router.get("/{int:campaign_id}/plans", response=list[PlanOut], summary="机制建设计划")
def plans(request, campaign_id: Id):
    campaign = _campaign(request, campaign_id)
    journal_list_read(request, "campaigns.mechanismplan", "机制建设计划")
    return (
        MechanismPlan.objects.visible_to(request.user)
        .filter(campaign=campaign)
        .select_related("unit", "area", "document")
    )


@router.get("/{int:campaign_id}/reports", response=list[ReportOut], summary="开展情况报告")
def reports(request, campaign_id: Id):
    campaign = _campaign(request, campaign_id)
    journal_list_read(request, "campaigns.report", "开展情况报告")
    return Report.objects.visible_to(request.user).filter(campaign=campaign).select_related("unit")
