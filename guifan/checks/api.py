"""Checks API: the rule catalog, runs, findings and the decision on a finding, scoped like
the screens."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from guifan.api.access import require_role
from guifan.api.errors import Id, Offset, Text, service_call
from guifan.api.reads import journal_list_read
from guifan.checks import selectors, services
from guifan.checks.access import access_finding, access_run
from guifan.checks.catalog import catalog
from guifan.checks.views import READERS, RUNNERS

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
