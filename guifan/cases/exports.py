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
    for number, case in enumerate(cases.iterator(chunk_size=2000), start=1):
        evaluated = (
            f"{case.prior_eval_year} {case.get_prior_eval_tier_display()}"
            f"{case.get_prior_eval_grade_display()}"
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
            case.get_status_display(),
            case.get_supervision_display() if case.supervision else "",
            evaluated,
        ]


__all__ = ["COLUMNS", "Case", "ledger_rows"]
