"""Import spec of the 院辖区表 (R6-01, 地域管辖): per unit the districts (区县名) it has
jurisdiction over, several in one cell separated by 、 , ; or spaces. Keyed by the unit: a
re-import replaces a unit's districts."""

from __future__ import annotations

import re
from typing import Any

from guifan.cases import models as m
from guifan.cases.importing import values as v
from guifan.cases.importing.columns import Column, Spec
from guifan.cases.importing.resolve import ParsedRow
from guifan.cases.importing.writers import CaseWriter
from guifan.journal.verbs import Verb
from guifan.org.models import Unit

_SEPARATORS = re.compile(r"[,，;；、\s]+")


def parse_districts(value: Any) -> str:
    """District names, each once in the order given, one per line."""
    names = [name for name in _SEPARATORS.split(v.text(value)) if name]
    return "\n".join(dict.fromkeys(names))


class JurisdictionWriter(CaseWriter):
    """Rows keyed by the unit, resolved and scoped as for cases."""

    model = m.Jurisdiction
    identity_fields = frozenset()

    def prepare(self, row: ParsedRow) -> tuple[ParsedRow, dict] | None:
        prepared = super().prepare(row)
        if prepared is not None:
            row.key = prepared[1]["unit_id"]
        return prepared

    def existing(self, keys: list) -> dict[int, tuple]:
        rows = m.Jurisdiction.objects.filter(unit_id__in=set(keys))
        return {
            u: (pk, row_hash, u)
            for u, pk, row_hash in rows.values_list("unit_id", "pk", "row_hash")
        }

    def journal_item(self, pk: int, values: dict, diff: dict) -> tuple:
        unit = Unit.objects.get(pk=values["unit_id"]).short_name
        return (
            Verb.CASE_EVENT_UPDATE,
            ("cases.jurisdiction", str(pk), unit),
            {"table": self.spec.kind, "unit": unit, "fields": sorted(diff)},
        )


JURISDICTIONS = Spec(
    "jurisdictions",
    "院辖区",
    m.Jurisdiction,
    (
        Column("unit_code", "单位编码", ("dwbm", "院编码")),
        Column("unit_name", "单位", ("单位名称", "院名称")),
        Column("districts", "辖区", ("管辖区域", "辖区范围", "区县"), parse_districts, True),
    ),
    writer=JurisdictionWriter,
    key=("unit_code", "unit_name"),
)
