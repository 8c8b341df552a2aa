"""Checks API: the rule catalog, runs, findings and the decision on a finding, the
流程监控通知书 (issue, read, reply), scoped like the screens."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from guifan.api.access import require_role
from guifan.api.errors import Id, Offset, Text, service_call
from guifan.api.reads import journal_list_read
from guifan.cases.access import access_case
from guifan.checks import notices, selectors, services
from guifan.checks.access import access_finding, access_notice, access_run
from guifan.checks.catalog import catalog
from guifan.checks.monitor_views import MONITORS
from guifan.checks.views import READERS, RUNNERS
from guifan.core.roles import Role
from guifan.org.models import Unit

router = Router(tags=["checks"])


class RuleOut(Schema):
    code: str
    category: int
    category_label: str
    kind: str
    severity: str
    title: str
    basis: str
    implemented: bool


class RunOut(Schema):
    id: int
    unit: str | None
    status: str
    as_of: str
    rules: list[str]
    cases_total: int
    cases_done: int
    findings: int
    added: int
    closed: int
    seconds: float | None
    input_hash: str
    output_hash: str
    created_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_unit(obj) -> str | None:
        return obj.unit.code if obj.unit_id else None

    @staticmethod
    def resolve_as_of(obj) -> str:
        return obj.as_of.isoformat()


class FindingOut(Schema):
    id: int
    rule: str
    case_no: str
    unit: str
    status: str
    deadline: str
    actual: str
    facts: dict
    explanation: str
    citation: str
    holds: bool


class FindingQuery(Schema):
    rule: str = Field("", max_length=8)
    status: str = Field("", max_length=10)
    category: int | None = Field(None, ge=1, le=8, description="问题类别（1–8）")
    handler: str = Field("", max_length=50, description="承办人姓名或工号")
    offset: Offset = 0
    limit: int = Field(1000, ge=1, le=10000, description="条数（至多 10000）")


class NoteIn(Schema):
    note: str = ""


class ReasonIn(Schema):
    reason: Text


def _finding(request, finding_id: int):
    require_role(request, *READERS)
    try:
        return access_finding(request.user, finding_id)
    except Http404:
        raise HttpError(404, "找不到该问题") from None


@router.get("/rules", response=list[RuleOut], summary="规则库（77 条，含是否已实现）")
def rules(request):
    require_role(request, *READERS)
    return [
        RuleOut(category_label=r.category_label, implemented=r.implemented, **r.__dict__)
        for r in catalog().values()
    ]


@router.get("/runs", response=list[RunOut], summary="最近的检查批次")
def runs(request):
    require_role(request, *RUNNERS)
    return list(selectors.run_list(user=request.user))


@router.get("/runs/{int:check_run_id}", response=RunOut, summary="一个检查批次及其进度")
def run(request, check_run_id: Id):
    require_role(request, *RUNNERS)
    try:
        return access_run(request.user, check_run_id)
    except Http404:
        raise HttpError(404, "找不到该检查批次") from None


@router.get("/findings", response=list[FindingOut], summary="检查发现的问题（仍成立的）")
def findings(request, query: Query[FindingQuery]):
    require_role(request, *READERS)
    journal_list_read(request, "checks.finding", "检查发现")
    rows = selectors.finding_list(
        user=request.user,
        rule=query.rule,
        status=query.status,
        category=query.category,
        handler=query.handler.strip(),
    )
    return [selectors.finding_row(f) for f in rows[query.offset : query.offset + query.limit]]


@router.get("/findings/{int:finding_id}", response=FindingOut, summary="一个检查发现")
def finding(request, finding_id: Id):
    return selectors.finding_row(_finding(request, finding_id))


@router.post(
    "/findings/{int:finding_id}/confirm", response=FindingOut, summary="确认并列入整改清单"
)
def confirm(request, finding_id: Id, data: NoteIn):
    require_role(request, *RUNNERS)
    target = _finding(request, finding_id)
    done = service_call(
        lambda: services.finding_confirm(finding=target, by=request.user, note=data.note)
    )
    return selectors.finding_row(done)


@router.post(
    "/findings/{int:finding_id}/dismiss", response=FindingOut, summary="排除（须写明理由）"
)
def dismiss(request, finding_id: Id, data: ReasonIn):
    require_role(request, *RUNNERS)
    target = _finding(request, finding_id)
    done = service_call(
        lambda: services.finding_dismiss(finding=target, by=request.user, reason=data.reason)
    )
    return selectors.finding_row(done)


class NoticeOut(Schema):
    id: int
    number: str
    case_no: str
    unit: str
    handler: str
    handler_staff_no: str
    period: str
    deadline: str
    overdue_days: int
    content: str
    reply_by: str
    issued_at: str
    reply: str
    replied_at: str | None
    late: bool


class NoticeQuery(Schema):
    overdue: bool = Field(False, description="只列逾期未回复或逾期回复的")
    unit: str = Field("", max_length=20, description="单位代码（含下级院）")
    offset: Offset = 0
    limit: int = Field(1000, ge=1, le=10000, description="条数（至多 10000）")


class IssueIn(Schema):
    content: str = Field("", max_length=2000, description="监控意见（空：按期限自动生成）")


class ReplyIn(Schema):
    reply: Text


def _notice(request, notice_id: int, *roles: str):
    require_role(request, *roles)
    try:
        return access_notice(request.user, notice_id)
    except Http404:
        raise HttpError(404, "找不到该通知书") from None


@router.get("/notices", response=list[NoticeOut], summary="流程监控通知书（按用户范围）")
def notice_list(request, query: Query[NoticeQuery]):
    require_role(request, *MONITORS)
    journal_list_read(request, "checks.monitornotice", "流程监控通知书")
    unit = Unit.objects.filter(code=query.unit).first() if query.unit else None
    if query.unit and unit is None:
        raise HttpError(422, f"没有单位代码 {query.unit}")
    rows = selectors.notice_list(user=request.user, late=query.overdue, unit=unit)
    return [selectors.notice_row(n) for n in rows[query.offset : query.offset + query.limit]]


@router.get("/notices/{int:notice_id}", response=NoticeOut, summary="一份流程监控通知书")
def notice(request, notice_id: Id):
    return selectors.notice_row(_notice(request, notice_id, *MONITORS))


@router.post(
    "/notices/{int:notice_id}/reply", response=NoticeOut, summary="承办检察官书面回复通知书"
)
def notice_reply(request, notice_id: Id, data: ReplyIn):
    target = _notice(request, notice_id, Role.HANDLER)
    done = service_call(
        lambda: notices.notice_reply(notice=target, by=request.user, reply=data.reply)
    )
    return selectors.notice_row(done)


@router.post(
    "/monitor/cases/{int:case_id}/notice",
    response=NoticeOut,
    summary="案件管理部门就临期、超期案件发出流程监控通知书",
)
def notice_issue(request, case_id: Id, data: IssueIn):
    require_role(request, Role.OFFICE)
    try:
        case = access_case(request.user, case_id)
    except Http404:
        raise HttpError(404, "找不到该案件") from None
    done = service_call(
        lambda: notices.notice_issue(case=case, by=request.user, content=data.content)
    )
    return selectors.notice_row(done)
