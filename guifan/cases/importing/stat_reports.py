"""The 统计报表 import kind (``stat_reports``): a unit's monthly figures as it reported them,
keyed by unit, month and indicator rather than by case (R5-05 recounts them)."""

from __future__ import annotations

from django.db.models import Q

from guifan.cases import models as m
from guifan.cases.importing import values as v
from guifan.cases.importing.columns import Column, Spec, choice
from guifan.cases.importing.resolve import ParsedRow
from guifan.cases.importing.writers import CaseWriter
from guifan.journal.verbs import Verb

_indicator = choice(m.StatIndicator, "指标", 受理审查起诉="prosecution_accepted",
                    审查起诉受理数="prosecution_accepted", 审结数="concluded", 办结件数="concluded",
                    不起诉人数="no_prosecution", 不起诉数="no_prosecution")  # fmt: skip


class StatReportWriter(CaseWriter):
    """Rows keyed by (unit, month, indicator); the unit resolved and scoped as for cases."""

    model = m.StatReport
    identity_fields = frozenset()

    def prepare(self, row: ParsedRow) -> tuple[ParsedRow, dict] | None:
        prepared = super().prepare(row)
        if prepared is not None:
            values = prepared[1]
            row.key = (values["unit_id"], values["period"], values["indicator"])
        return prepared

    def existing(self, keys: list) -> dict[tuple, tuple]:
        wanted = Q()
        for unit_id, period, indicator in set(keys):
            wanted |= Q(unit_id=unit_id, period=period, indicator=indicator)
        rows = m.StatReport.objects.filter(wanted).values_list(
            "unit_id", "period", "indicator", "pk", "row_hash"
        )
        return {(u, p, i): (pk, row_hash, u) for u, p, i, pk, row_hash in rows}

    def journal_item(self, pk: int, values: dict, diff: dict) -> tuple:
        label = f"{values['period']:%Y-%m} {m.StatIndicator(values['indicator']).label}"
        return (Verb.STAT_REPORT_UPDATE, ("cases.statreport", str(pk), label),
                {"fields": sorted(diff)})  # fmt: skip


STAT_REPORTS = Spec(
    "stat_reports",
    "统计报表",
    m.StatReport,
    (
        Column("unit_code", "单位编码", ("dwbm",)),
        Column("unit_name", "单位", ("单位名称", "填报单位")),
        Column("period", "期间", ("统计期间", "月份", "统计月份"), v.parse_month, required=True),
        Column("indicator", "指标", ("统计指标", "指标名称"), _indicator, required=True),
        Column("reported_value", "上报值", ("数值", "上报数"), v.parse_count, True),
    ),
    writer=StatReportWriter,
    key=("unit_code", "unit_name", "period", "indicator"),
)
