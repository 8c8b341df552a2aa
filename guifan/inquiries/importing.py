"""The import kind ``inquiries`` (过问案件记录), registered with the case importer: one row per
record, keyed by 部门受案号 and 序号 so that importing the same file twice changes nothing;
a bad row is refused with its line and reason, the others are stored."""

from __future__ import annotations

from django.utils.translation import gettext as _

from guifan.cases.importing import values as v
from guifan.cases.importing.columns import CASE_NO, SEQ, Column, Spec, choice
from guifan.cases.importing.resolve import ParsedRow
from guifan.cases.importing.writers import EventWriter
from guifan.cases.models import Case
from guifan.core.roles import Role
from guifan.inquiries import models as m
from guifan.inquiries.services import STAFF_CATEGORIES, find_inquirer
from guifan.org.models import Person

REPORTER = "reporter__staff_no"
INQUIRER = "inquirer_person__staff_no"


class InquiryWriter(EventWriter):
    """Stores records with their case's unit; the reporter is the 工号 given, else the case's
    handler; a named or recognisable staff inquirer is linked (they never see the record)."""

    def _cases(self, norms: set[str]) -> dict[str, tuple[int, int]]:
        rows = Case.objects.filter(case_no_norm__in=norms).values_list(
            "case_no_norm", "pk", "unit_id", "handler_id"
        )
        self.case_info = {pk: (unit, handler) for _norm, pk, unit, handler in rows}
        return {norm: (pk, unit) for norm, pk, unit, _handler in rows}

    def prepare(self, row: ParsedRow) -> tuple[ParsedRow, dict] | None:
        _row, values = super().prepare(row)
        values["unit_id"], handler = self.case_info[values["case_id"]]
        reporter = values.pop(REPORTER, "")
        values["reporter_id"] = self._person(reporter) if reporter else handler
        if reporter and values["reporter_id"] is None:
            return self.reject(row, "填报人工号", _("工号“%(no)s”不存在") % {"no": reporter})
        inquirer = values.pop(INQUIRER, "")
        if inquirer:
            values["inquirer_person_id"] = self._person(inquirer)
            if values["inquirer_person_id"] is None:
                return self.reject(row, "过问人工号", _("工号“%(no)s”不存在") % {"no": inquirer})
        elif values["category"] in STAFF_CATEGORIES:
            found = find_inquirer(values["inquirer_name"], values.get("inquirer_unit", ""))
            values["inquirer_person_id"] = found.pk if found else None
        else:
            values["inquirer_person_id"] = None
        return row, values

    def _person(self, staff_no: str) -> int | None:
        return Person.objects.filter(staff_no=staff_no).values_list("pk", flat=True).first()


def _after(values) -> tuple[str, str] | None:
    reported, occurred = values.get("reported_on"), values.get("occurred_on")
    if reported and occurred and occurred > reported:
        return "填报日期", _("填报日期早于过问日期")
    return None


INQUIRIES = Spec(
    "inquiries",
    "过问案件记录",
    m.InquiryRecord,
    (
        CASE_NO,
        SEQ,
        Column("stage", "所处环节", ("环节",), choice(m.Stage, "所处环节"), required=True),
        Column("reported_on", "填报日期", (), v.parse_date),
        Column(REPORTER, "填报人工号", ()),
        Column("inquirer_name", "过问人姓名", ("过问人",), required=True),
        Column("inquirer_unit", "过问人单位", ()),
        Column("inquirer_position", "过问人职务", ()),
        Column("inquirer_contact", "过问人联系方式", ("联系方式",)),
        Column(
            "category", "过问人类别", ("类别",), choice(m.Category, "过问人类别"), required=True
        ),
        Column(INQUIRER, "过问人工号", ()),
        Column("via", "转达人", ("经由",)),
        Column("occurred_on", "过问日期", ("过问时间",), v.parse_date, required=True),
        Column("channel", "过问方式", ("方式",), choice(m.Channel, "过问方式"), required=True),
        Column("content", "过问内容", ("具体事项",), required=True),
        Column("behaviour", "行为类型", ("类型",), choice(m.Behaviour, "行为类型"), required=True),
        Column("response", "处理情况", (), choice(m.Response, "处理情况"), required=True),
        Column("response_note", "处理说明", ()),
        Column("materials", "留存材料", ()),
        Column("improper", "是否违规干预", ("违规干预",), v.parse_bool),
        Column("affected_case", "是否影响案件办理", ("影响案件办理",), v.parse_bool),
    ),
    checks=(_after,),
    writer=InquiryWriter,
    roles=(Role.OFFICE, Role.INSPECTION),
)
