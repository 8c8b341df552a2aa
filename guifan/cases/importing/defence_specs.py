"""Import spec of the defence register (辩护人): who defends in a case, identified by the
律师执业证号 or 身份证号, from the 委托日期 (RULES-AND-PROCESS.md §3.4, R3-15, R7-05)."""

from __future__ import annotations

from guifan.cases import models as m
from guifan.cases.importing import values as v
from guifan.cases.importing.columns import CASE_NO, SEQ, Column, Spec

DEFENDERS = Spec(
    "defenders",
    "辩护人",
    m.Defender,
    (
        CASE_NO,
        SEQ,
        Column("name", "辩护人姓名", ("辩护人", "律师姓名", "姓名"), required=True),
        Column("licence_no", "律师执业证号", ("执业证号", "执业证书号", "律师执业证书号")),
        Column("id_no", "身份证号", ("辩护人身份证号", "证件号码"), v.parse_id_no),
        Column("engaged_on", "委托日期", ("委托时间", "指派日期"), v.parse_date, required=True),
    ),
)
