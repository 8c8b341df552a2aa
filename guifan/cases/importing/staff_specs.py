"""Import specs of the two staff registers the defence is checked against (高检规则2012
第39条, R7-05; 回避, R7-04): staff who left a procuratorate (离任人员) and the relatives of
serving staff (检察人员亲属). Each row names its unit and is keyed by the unit's 登记编号."""

from __future__ import annotations

from django.utils.translation import gettext as _

from guifan.cases import models as m
from guifan.cases.importing import values as v
from guifan.cases.importing.columns import Column, Spec, choice
from guifan.cases.importing.resolve import ParsedRow
from guifan.cases.importing.writers import CaseWriter
from guifan.journal.verbs import Verb

_UNIT = (
    Column("unit_code", "单位编码", ("dwbm", "原任职院编码")),
    Column("unit_name", "单位", ("单位名称", "原任职院", "任职院")),
)
_kinship = choice(m.Kinship, "关系", 妻子="spouse", 丈夫="spouse", 夫妻="spouse", 儿子="child",
                  女儿="child", 父亲="parent", 母亲="parent", 兄弟姐妹="sibling")  # fmt: skip


class RegisterWriter(CaseWriter):
    """Rows keyed by 登记编号; the unit resolved and checked as for cases."""

    identity_fields = frozenset({"ref"})

    def __init__(self, spec: Spec, context) -> None:
        super().__init__(spec, context)
        self.model = spec.model

    def existing(self, keys: list[str]) -> dict[str, tuple]:
        rows = self.model.objects.filter(ref__in=keys).values_list(
            "ref", "pk", "row_hash", "unit_id"
        )
        return {ref: (pk, row_hash, unit_id) for ref, pk, row_hash, unit_id in rows}

    def journal_item(self, pk: int, values: dict, diff: dict) -> tuple:
        return (
            Verb.CASE_EVENT_UPDATE,
            (self.model._meta.label_lower, str(pk), values["ref"]),
            {"table": self.spec.kind, "ref": values["ref"], "fields": sorted(diff)},
        )


class RelativeWriter(RegisterWriter):
    """The member of staff is found by 工号 and must serve in the row's unit."""

    def prepare(self, row: ParsedRow) -> tuple[ParsedRow, dict] | None:
        prepared = super().prepare(row)
        if prepared is None:
            return None
        values = prepared[1]
        staff_no = values.pop("staff_no")
        person = self.context.people.get(staff_no)
        if person is None or person[1] != values["unit_id"]:
            return self.reject(
                row, "检察人员工号", _("工号“%(no)s”不是该单位的人员") % {"no": staff_no}
            )
        values["person_id"] = person[0]
        return prepared


STAFF_DEPARTURES = Spec(
    "staff_departures",
    "离任人员",
    m.StaffDeparture,
    (
        Column("ref", "登记编号", ("编号",), required=True),
        *_UNIT,
        Column("name", "姓名", ("离任人员姓名",), required=True),
        Column("staff_no", "原工号", ("工号",)),
        Column("id_no", "身份证号", ("证件号码",), v.parse_id_no, required=True),
        Column("left_on", "离任日期", ("离职日期", "离任时间"), v.parse_date, required=True),
    ),
    writer=RegisterWriter,
    key="ref",
)

STAFF_RELATIVES = Spec(
    "staff_relatives",
    "检察人员亲属",
    m.StaffRelative,
    (
        Column("ref", "登记编号", ("编号",), required=True),
        *_UNIT,
        Column("staff_no", "检察人员工号", ("工号", "干警工号"), required=True),
        Column("name", "亲属姓名", ("姓名",), required=True),
        Column("relation", "关系", ("亲属关系", "与本人关系"), _kinship, required=True),
        Column("id_no", "身份证号", ("亲属身份证号", "证件号码"), v.parse_id_no, required=True),
    ),
    writer=RelativeWriter,
    key="ref",
)
