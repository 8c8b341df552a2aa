"""Case registry API: the ledger with cursor pagination, one case with its events, imports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import Http404
from ninja import File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from guifan.api.access import require_role
from guifan.api.errors import Id, Year, page_size
from guifan.api.reads import journal_list_read
from guifan.cases import selectors
from guifan.cases.access import access_case, access_import_run
from guifan.cases.importing.specs import SPECS
from guifan.cases.services import FileRefused, import_run_create
from guifan.cases.tasks import run_import
from guifan.core.roles import Role

router = Router(tags=["cases"])
READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON, Role.HANDLER)
IMPORTERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON)
MAX_LIMIT = 500
ImportKind = Literal[tuple(SPECS)]  # the schema lists the kinds


class CaseFilters(Schema):
    q: str | None = None
    unit: Id | None = None
    line: str | None = None
    category: str | None = None
    year: Year | None = None
    status: str | None = None
    supervision: str | None = None
    evaluated: str | None = None
    cursor: Id | None = None
    limit: page_size(MAX_LIMIT) = 50


class CaseOut(Schema):
    id: int
    case_no: str
    case_no_norm: str
    unified_no: str
    name: str
    category: str
    cause: str
    unit_code: str
    department: str | None
    handler_staff_no: str | None
    accept_date: date | None
    close_date: date | None
    close_type: str
    status: str
    supervision: str
    prior_eval_year: int | None
    prior_eval_tier: str
    prior_eval_grade: str

    @staticmethod
    def resolve_unit_code(obj) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_department(obj) -> str | None:
        return obj.department.name if obj.department_id else None

    @staticmethod
    def resolve_handler_staff_no(obj) -> str | None:
        return obj.handler.staff_no if obj.handler_id else None


class CasePage(Schema):
    items: list[CaseOut]
    next_cursor: int | None


class EventOut(Schema):
    table: str
    seq: int
    fields: dict[str, str | int | bool | None]


class CaseDetailOut(CaseOut):
    events: list[EventOut]


class ImportRunOut(Schema):
    id: int
    kind: str
    file_name: str
    status: str
    total_rows: int
    processed_rows: int
    imported: int
    updated: int
    unchanged: int
    rejected: int
    warnings: list[str]
    failure: str

    @staticmethod
    def resolve_warnings(obj) -> list[str]:
        return obj.warning_list


@router.get("/", response=CasePage, summary="案件台账（游标分页，按入库先后倒序）")
def case_list(request, filters: Query[CaseFilters]):
    require_role(request, *READERS)
    journal_list_read(request, "cases.case", "案件台账")
    data = filters.dict(exclude_none=True)
    cursor, limit = data.pop("cursor", None), min(max(data.pop("limit"), 1), MAX_LIMIT)
    cases = selectors.case_list(user=request.user, filters=data).order_by("-id")
    if cursor:
        cases = cases.filter(id__lt=cursor)
    items = list(cases[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_cursor": items[-1].id if more else None}


@router.get("/{int:case_id}", response=CaseDetailOut, summary="案件详情及办案过程数据")
def case_detail(request, case_id: Id):
    require_role(request, *READERS, Role.EVALUATOR, Role.TEAM_LEAD)
    case = access_case(request.user, case_id)
    case.events = [
        {"table": kind, "seq": item.seq, "fields": _fields(item)}
        for kind, spec in SPECS.items()
        if spec.is_event
        for item in spec.model.objects.filter(case=case)
    ]
    return case


def _fields(item) -> dict:
    skip = {"id", "case", "seq", "row_hash"}
    out = {}
    for field in item._meta.concrete_fields:
        if field.name in skip:
            continue
        value = getattr(item, field.attname)
        out[field.name] = value.isoformat() if isinstance(value, date | datetime) else value
    return out


@router.post("/imports", response={202: ImportRunOut}, summary="上传文件并排队导入")
def import_upload(request, kind: Form[ImportKind], file: File[UploadedFile], sheet: Form[str] = ""):
    require_role(request, *IMPORTERS)
    try:
        run = import_run_create(user=request.user, upload=file, kind=kind, sheet=sheet)
    except FileRefused as exc:
        raise HttpError(422, str(exc)) from None
    run_import.enqueue(run.pk)
    run.refresh_from_db()
    return Status(202, run)


@router.get("/imports/{int:run_id}", response=ImportRunOut, summary="导入进度与结果")
def import_status(request, run_id: Id):
    require_role(request, *IMPORTERS)
    try:
        return access_import_run(request.user, run_id)
    except Http404:
        raise HttpError(404, "找不到该导入批次") from None
