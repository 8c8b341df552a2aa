"""The 案件查询日志 import kind (``access_logs``): who opened which case when, as the 统一业务系统
exports its access log (R7-03)."""

from __future__ import annotations

from guifan.cases import models as m
from guifan.cases.importing import values as v
from guifan.cases.importing.columns import CASE_NO, Column, Spec

ACCESS_LOGS = Spec(
    "access_logs",
    "查询日志",
    m.AccessLog,
    (
        CASE_NO,
        Column("seq", "序号", ("编号", "流水号", "日志序号"), v.parse_positive_int, required=True),
        Column("staff_no", "查询人工号", ("查询人", "操作人工号", "用户工号"), required=True),
        Column("queried_at", "查询时间", ("操作时间", "访问时间"), v.parse_datetime, required=True),
    ),
)
