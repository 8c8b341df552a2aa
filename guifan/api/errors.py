"""How the API answers what it will not do: JSON with a Chinese message, every time, and
declared in the OpenAPI schema. Numbers are checked against these types before any query runs
(a 21-digit id or a negative offset used to reach the database and come back as HTTP 500)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as Refused
from django.http import Http404, JsonResponse
from ninja import Field, Schema
from ninja.errors import HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination

INT64_MAX = 2**63 - 1

Id = Annotated[int, Field(ge=1, le=INT64_MAX, description="编号（正整数）")]
Year = Annotated[int, Field(ge=1900, le=2100, description="年份")]
Offset = Annotated[int, Field(ge=0, le=INT64_MAX, description="跳过的条数")]
# A required text field of a form: the schema says that it must not be empty, as it is.
Text = Annotated[str, Field(min_length=1)]


def page_size(most: int) -> Any:
    """A page size between 1 and ``most``."""
    return Annotated[int, Field(ge=1, le=most, description=f"每页条数（1–{most}）")]


class ErrorOut(Schema):
    detail: str
    errors: list[str] | None = None


STATUSES = {
    400: "请求内容无法解析，请以 JSON 或表单提交",
    401: "未登录或会话已过期，请先登录",
    403: "无权访问",
    404: "找不到该对象，或无权查看",
    422: "参数不正确",
}


class Paging(LimitOffsetPagination):
    """ninja's limit/offset paging with an upper bound on both."""

    class Input(Schema):
        limit: page_size(1000) = 100
        offset: Offset = 0


def declare_errors(schema: dict) -> dict:
    """Every operation can answer 401, 403, 404 and 422 with an ``ErrorOut`` body."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorOut"] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for operations in schema["paths"].values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, text in STATUSES.items():
                responses.setdefault(str(status), {"description": text, "content": body})
    return schema


_MESSAGES = {
    "missing": "缺少{name}",
    "int_parsing": "{name} 须为整数",
    "int_type": "{name} 须为整数",
    "int_from_float": "{name} 须为整数",
    "greater_than_equal": "{name} 不能小于 {ge}",
    "less_than_equal": "{name} 不能大于 {le}",
    "greater_than": "{name} 须大于 {gt}",
    "less_than": "{name} 须小于 {lt}",
    "string_too_long": "{name} 最多 {max_length} 个字符",
    "string_too_short": "{name} 不能为空",
    "bool_parsing": "{name} 须为 true 或 false",
    "date_parsing": "{name} 须为日期，如 2016-03-01",
    "date_from_datetime_parsing": "{name} 须为日期，如 2016-03-01",
    "datetime_parsing": "{name} 须为时间，如 2016-03-01T09:00:00+08:00",
    "json_invalid": "请求内容不是有效的 JSON",
}
_WHERE = {"query", "path", "body", "form", "file", "header", "cookie", "data"}


def _message(error: dict) -> str:
    location = [str(part) for part in error.get("loc", ()) if part not in _WHERE]
    name = f"参数 {'.'.join(location)}" if location else "参数"
    template = _MESSAGES.get(error.get("type", ""), "{name} 格式不正确")
    return template.format(name=name, **error.get("ctx", {}))


def _error(status: int, detail: str, errors: list[str] | None = None) -> JsonResponse:
    body = {"detail": detail} | ({"errors": errors} if errors else {})
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def install(api) -> None:
    """Give ``api`` Chinese answers for bad input, no login and unknown objects."""

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = [_message(e) for e in exc.errors]
        return _error(422, f"{STATUSES[422]}：{'；'.join(errors)}", errors)

    @api.exception_handler(HttpError)
    def refused(request, exc):
        message = str(exc)
        if message.isascii():  # ninja's own English words ("Unauthorized", "Cannot parse …")
            message = STATUSES.get(exc.status_code, message)
        return _error(exc.status_code, message)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _error(404, STATUSES[404])


def api_not_found(request) -> JsonResponse:
    """An /api/ address that matches no operation: JSON like every other API answer."""
    return _error(404, STATUSES[404])


def service_call(action: Callable[[], Any]) -> Any:
    """Run a service for an API operation: its refusal becomes 403, its rejection of the input
    422 with the service's own Chinese messages."""
    try:
        return action()
    except PermissionDenied:
        raise HttpError(403, "无权访问") from None
    except Refused as exc:
        raise HttpError(422, "；".join(exc.messages)) from None
