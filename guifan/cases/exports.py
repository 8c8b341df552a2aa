"""The 案件台账 as an Excel ledger."""

from collections.abc import Iterator

from guifan.cases.models import Case

COLUMNS = [
    ("序号", 6),
    ("部门受案号", 30),
    ("统一受案号", 20),
    ("案件名称", 30),
    ("案件类别", 16),
    ("案由", 16),
    ("承办单位", 10),
    ("承办部门", 14),
    ("承办人", 10),
    ("受理日期", 12),
    ("办结日期", 12),
    ("结案方式", 14),
    ("案件状态", 10),
    ("挂牌督办", 12),
    ("评查情况", 18),
]


def ledger_rows(cases) -> Iterator[list]:
    # Choice labels looked up once per export: get_FOO_display() hashes the field's choices
    # (translating each label) on every call, a third of the time of a big export.
    status, supervision, tier, grade = (
        _labels(name) for name in ("status", "supervision", "prior_eval_tier", "prior_eval_grade")
    )
    rows = cases.only(*FIELDS, "unit__short_name", "department__name", "handler__name")
    for number, case in enumerate(rows.iterator(chunk_size=2000), start=1):
        evaluated = (
            f"{case.prior_eval_year} {tier.get(case.prior_eval_tier, case.prior_eval_tier)}"
            f"{grade.get(case.prior_eval_grade, case.prior_eval_grade)}"
            if case.prior_eval_year
            else ""
        )
        yield [
            number,
            case.case_no,
            case.unified_no,
            case.name,
            case.category,
            case.cause,
            case.unit.short_name,
            case.department.name if case.department_id else "",
            case.handler.name if case.handler_id else case.handler_name,
            case.accept_date.isoformat() if case.accept_date else "",
            case.close_date.isoformat() if case.close_date else "",
            case.close_type,
            status.get(case.status, case.status),
            supervision.get(case.supervision, case.supervision) if case.supervision else "",
            evaluated,
        ]


# The case's own columns the ledger prints (and the keys its joins need).
FIELDS = (
    "case_no", "unified_no", "name", "category", "cause", "unit", "department", "handler",
    "handler_name", "accept_date", "close_date", "close_type", "status", "supervision",
    "prior_eval_year", "prior_eval_tier", "prior_eval_grade",
)  # fmt: skip


def _labels(field: str) -> dict[str, str]:
    return {value: str(label) for value, label in Case._meta.get_field(field).flatchoices}
