"""Import specs of the records the oversight rules read beside the case's steps: crime clues
(线索记录, 高检规则2012 第161条、第164条) and receptions (接待登记, 规定三)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guifan.cases import models as m
from guifan.cases.importing import values as v
from guifan.cases.importing.columns import CASE_NO, SEQ, Column, Spec, choice


def _not_before_receipt(values: Mapping[str, Any]) -> tuple[str, str] | None:
    """A clue cannot be sent on or put on record before it was received (swapped dates)."""
    received = values.get("received_on")
    for field, header in (("sent_to_centre_on", "移送举报中心日期"), ("recorded_on", "备案日期")):
        done = values.get(field)
        if received and done and done < received:
            return (
                header,
                f"{header} {done.isoformat()} 早于收到日期 {received.isoformat()}，请核对",
            )
    return None


CLUES = Spec(
    "clues",
    "线索记录",
    m.Clue,
    (
        CASE_NO,
        SEQ,
        Column("clue_no", "线索编号", ("线索号",)),
        Column("received_on", "收到日期", ("受理线索日期", "收到线索日期"), v.parse_date, True),
        Column("sent_to_centre_on", "移送举报中心日期", ("移送日期",), v.parse_date),
        Column("is_major", "是否要案线索", ("要案线索",), v.parse_bool),
        Column("recorded_on", "备案日期", ("要案线索备案日期",), v.parse_date),
    ),
    checks=(_not_before_receipt,),
)

_role = choice(m.VisitorRole, "来访人身份", 辩护律师="lawyer", 代理律师="lawyer",
               犯罪嫌疑人="party", 被害人="party", 家属="relative")  # fmt: skip
_place = choice(m.ReceptionPlace, "接待场所", 接待室="workplace", 办公场所="workplace",
                本院="workplace", 非工作场所="other", 其他场所="other")  # fmt: skip

RECEPTIONS = Spec(
    "receptions",
    "接待登记",
    m.Reception,
    (
        CASE_NO,
        SEQ,
        Column("staff_no", "接待人工号", ("接待人",), required=True),
        Column("visitor", "来访人", ("来访人姓名",)),
        Column("visitor_role", "来访人身份", ("身份",), _role, required=True),
        Column("received_at", "接待时间", ("接触时间",), v.parse_datetime, required=True),
        Column("place", "接待场所", ("接触场所", "场所"), _place, required=True),
        Column("reported_on", "报告纪检监察日期", ("报告日期",), v.parse_date),
    ),
)

OVERSIGHT_SPECS = (CLUES, RECEPTIONS)
