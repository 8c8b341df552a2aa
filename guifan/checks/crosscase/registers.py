"""Conflicts found by joining the cases' people with the staff registers by 身份证号, set-based
like ``checks.crosscase`` and decided (type A).

R7-04 应回避未回避 (刑诉法2012 第28条, 2018 第29条): a near relative of the handler (配偶, 父母,
子女, 同胞兄弟姊妹: 刑诉法2012 第106条) is a suspect or a defender of the case. Victims and
agents carry no 身份证号 in the imports and are not compared.

R7-05 辩护人资格冲突 (高检规则2012 第39条):

- a member of staff who left any procuratorate defends within two years of leaving (the day
  of leaving not counted: two years end on the same date two years later);
- one who left defends in a case of the procuratorate served, at any time after (the article
  excepts a guardian or near relative of the suspect, which the register does not say: the
  finding says so);
- the spouse or a child of a serving member of staff defends in a case of that person's unit.

Only defenders whose 身份证号 is on a register are read (an ``IN`` over the registers' indexed
column, one query each), so a run over cases without such defenders reads nothing more.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.db.models import Q

from guifan.cases.models import Defender, Kinship, StaffDeparture, StaffRelative, Suspect
from guifan.checks.crosscase.windows import in_scope, mask
from guifan.core.periods import add_months

CLOSE = (Kinship.SPOUSE, Kinship.CHILD)
NEAR_KIN = (Kinship.SPOUSE, Kinship.CHILD, Kinship.PARENT, Kinship.SIBLING)
YEARS = 2
DEFENDER = ("case_id", "case__case_no", "case__unit_id", "seq", "name", "id_no", "engaged_on")


def _defenders(cases: Q, ids) -> list[dict]:

    rows = in_scope(Defender, cases).exclude(id_no="").filter(id_no__in=ids)
    return list(rows.order_by("case_id", "seq").values(*DEFENDER))


def _after_leaving(engaged: date, left: date) -> bool:
    """Engaged within two years after leaving (the day of leaving not counted)."""
    return left < engaged <= add_months(left, 12 * YEARS)


def departed_staff(cases: Q) -> list[tuple[dict, str, dict]]:
    found = []
    rows = _defenders(cases, StaffDeparture.objects.values("id_no"))
    departures: dict[str, list[dict]] = {}
    for d in (
        StaffDeparture.objects.filter(id_no__in={r["id_no"] for r in rows})
        .order_by("-left_on", "ref")  # the latest departure first: it is the one a finding names
        .values("id_no", "unit_id", "unit__name", "left_on")
    ):
        departures.setdefault(d["id_no"], []).append(d)
    for row in rows:
        said = set()  # one finding per reason, however many departures a person has
        for d in departures.get(row["id_no"], ()):
            engaged, left = row["engaged_on"], d["left_on"]
            if _after_leaving(engaged, left) and "within_two_years" not in said:
                said.add("within_two_years")
                note = f"辩护人于 {left.isoformat()} 从{d['unit__name']}离任，{YEARS} 年内（至 "
                note += f"{add_months(left, 12 * YEARS).isoformat()}）以律师身份担任辩护人"
                found.append((row, "within_two_years", _facts(row, note, left_on=left)))
            if (
                d["unit_id"] == row["case__unit_id"]
                and left < engaged
                and "former_unit" not in said
            ):
                said.add("former_unit")
                note = f"辩护人原任职于本案承办院（{d['unit__name']}，{left.isoformat()} 离任）；"
                note += "如系犯罪嫌疑人的监护人、近亲属，不在此限，须核实"
                found.append((row, "former_unit", _facts(row, note, left_on=left)))
    return found


def staff_relatives(cases: Q) -> list[tuple[dict, str, dict]]:
    close = StaffRelative.objects.filter(relation__in=CLOSE)
    rows = _defenders(cases, close.values("id_no"))
    relatives: dict[str, list[dict]] = {}
    for r in close.filter(id_no__in={r["id_no"] for r in rows}, person__active=True).values(
        "id_no", "unit_id", "relation", "person__name", "person__staff_no"
    ):
        relatives.setdefault(r["id_no"], []).append(r)
    found = []
    for row in rows:
        for r in relatives.get(row["id_no"], ()):
            if r["unit_id"] != row["case__unit_id"]:
                continue
            relation = Kinship(r["relation"]).label
            note = f"辩护人系本院检察人员{r['person__name']}（{r['person__staff_no']}）的{relation}"
            found.append((row, f"relative_of_{r['person__staff_no']}", _facts(row, note)))
    return found


def _facts(row: dict, note: str, **more) -> dict:

    facts = {"seq": row["seq"], "defender": row["name"], "id_no": mask(row["id_no"])}
    facts |= {"engaged_on": row["engaged_on"].isoformat(), "note": note}
    return facts | {key: value.isoformat() for key, value in more.items()}


def _handler_kin(cases: Q, model, role: str) -> list[tuple[dict, str, dict]]:
    """Rows of ``model`` (suspects or defenders) who are near kin of their case's handler."""

    kin = StaffRelative.objects.filter(relation__in=NEAR_KIN)
    rows = (
        in_scope(model, cases)
        .exclude(id_no="")
        .filter(id_no__in=kin.values("id_no"), case__handler__isnull=False)
        .order_by("case_id", "seq")
        .values("case_id", "case__unit_id", "case__handler_id", "seq", "name", "id_no")
    )
    rows = list(rows)
    relatives: dict[tuple[str, int], dict] = {}
    for r in kin.filter(id_no__in={r["id_no"] for r in rows}).values(
        "id_no", "person_id", "relation", "person__name", "person__staff_no"
    ):
        relatives[r["id_no"], r["person_id"]] = r
    found = []
    for row in rows:
        r = relatives.get((row["id_no"], row["case__handler_id"]))
        if r is None:
            continue
        relation = Kinship(r["relation"]).label
        note = (
            f"{role}{row['name']}系承办人{r['person__name']}（{r['person__staff_no']}）的{relation}"
        )
        facts = {"seq": row["seq"], "id_no": mask(row["id_no"]), "note": note + "，承办人应当回避"}
        found.append((row, f"{model._meta.model_name}={row['seq']}", facts))
    return found


def handler_relatives(cases: Q, as_of: date | None = None) -> list:
    from guifan.checks.engine import Hit

    found = _handler_kin(cases, Suspect, "犯罪嫌疑人") + _handler_kin(cases, Defender, "辩护人")
    return [
        Hit(row["case_id"], "R7-04", subject, facts, row["case__unit_id"])
        for row, subject, facts in found
    ]


def defender_conflicts(cases: Q, as_of: date | None = None) -> list:
    from guifan.checks.engine import Hit

    return [
        Hit(row["case_id"], "R7-05", f"seq={row['seq']}/{reason}", facts, row["case__unit_id"])
        for row, reason, facts in departed_staff(cases) + staff_relatives(cases)
    ]


REGISTERS = (StaffDeparture, StaffRelative)


def with_registers(digest: str, codes) -> str:
    """A run's input digest with the staff registers folded in, when it runs R7-04 or R7-05:
    they are input too (a register changed is a different run)."""
    if not {"R7-04", "R7-05"} & set(codes):
        return digest
    h = hashlib.sha256(digest.encode())
    for model in REGISTERS:
        for row_hash in model.objects.order_by("ref").values_list("row_hash", flat=True):
            h.update(f"{model._meta.model_name}:{row_hash};".encode())
    return h.hexdigest()
