"""R6-01 受理不属本院管辖的案件 (地域管辖, 刑诉法2018 第25条; 流程监控第5条): a case whose
犯罪地 and 侦查机关所在地 both lie outside the accepting unit's 辖区, with no 指定管辖 — neither
the case's 指定管辖 column nor a 指定管辖决定书 among its documents.

Set-based like ``checks.conflicts`` and decided (type A): one query reads the 院辖区表, one
the cases of the units that have one, a place given and no 指定管辖 (the documents left out
in the database); a place lies within the 辖区 when it names one of its districts
("江州市临江区中山路" lies in 临江区). A case with neither place given, or of a unit with no
辖区 imported, is not judged. 级别管辖 (which tier may accept a case) is not checked.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.db.models import Q

from guifan.cases.models import Case, CaseDocument, Jurisdiction

DESIGNATION = "指定管辖"


def _within(place: str, districts: list[str]) -> bool:
    return any(district in place for district in districts)


def outside_jurisdiction(cases: Q, as_of: date | None = None) -> list:
    from guifan.checks.engine import Hit

    districts = {
        unit: [name for name in names.splitlines() if name]
        for unit, names in Jurisdiction.objects.values_list("unit_id", "districts")
    }
    if not districts:
        return []
    designated = CaseDocument.objects.filter(doc_type__contains=DESIGNATION).values("case_id")
    rows = (
        Case.objects.filter(cases)
        .filter(unit_id__in=districts, designated=False)
        .exclude(crime_place="", police_place="")
        .exclude(pk__in=designated)
        .values("pk", "unit_id", "crime_place", "police_place")
    )
    found = []
    for row in rows.iterator(chunk_size=2000):
        names = districts[row["unit_id"]]
        places = {"犯罪地": row["crime_place"], "侦查机关所在地": row["police_place"]}
        given = {label: place for label, place in places.items() if place}
        if any(_within(place, names) for place in given.values()):
            continue
        stated = "，".join(f"{label}{place}" for label, place in given.items())
        facts = {
            "crime_place": row["crime_place"],
            "police_place": row["police_place"],
            "districts": names,
            "note": f"{stated}，均不在本院辖区（{'、'.join(names)}）内，且无指定管辖",
        }
        found.append(Hit(row["pk"], "R6-01", "jurisdiction", facts, row["unit_id"]))
    return found


def with_districts(digest: str, codes) -> str:
    """A run's input digest with the 院辖区表 folded in when it runs R6-01."""
    if "R6-01" not in codes:
        return digest
    h = hashlib.sha256(digest.encode())
    for unit, row_hash in Jurisdiction.objects.order_by("unit_id").values_list(
        "unit_id", "row_hash"
    ):
        h.update(f"jurisdiction:{unit}:{row_hash};".encode())
    return h.hexdigest()
