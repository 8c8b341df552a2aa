"""The writers that store a kind's parsed rows: look up what is stored, then insert the new
rows and update the changed ones (``CaseWriter`` for the cases and the kinds keyed like
them, ``EventWriter`` for the process events keyed by 部门受案号 + 序号)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext as _

from guifan.cases.importing.columns import Spec
from guifan.cases.importing.resolve import (
    Context,
    Outcome,
    ParsedRow,
    aware,
    digests,
)
from guifan.cases.models import Case
from guifan.core.bulk import insert_rows
from guifan.journal.verbs import Verb
from guifan.org.models import Unit


class _Writer:
    model: type[models.Model]
    # Kept as first imported: a later file spelling the case number differently is no change.
    identity_fields: frozenset[str] = frozenset()

    def __init__(self, spec: Spec, context: Context) -> None:
        self.spec, self.context, self.outcome = spec, context, Outcome()

    def write(self, rows: list[ParsedRow]) -> Outcome:
        stored = [s for s in (self.prepare(row) for row in rows) if s is not None]
        if not stored:
            return self.outcome
        fields = sorted(set().union(*(values for _row, values in stored)) - self.identity_fields)
        existing = self.existing([row.key for row, _ in stored])
        inserts, updates = [], []
        for (row, values), row_hash in zip(
            stored, digests([values for _row, values in stored], fields), strict=True
        ):
            values["row_hash"] = row_hash
            found = existing.get(row.key)
            if found is None:
                inserts.append(values)
            elif found[1] == values["row_hash"]:
                self.outcome.unchanged += 1
            elif self.allowed(found):
                updates.append((found[0], row, values))
            else:
                # Worded so that it does not confirm that another unit's case exists,
                # which the case page answers with 404 as well.
                self.reject(
                    row,
                    "部门受案号",
                    _("本单位不能导入这一部门受案号的案件，请核对受案号；如有疑问请联系整治办"),
                )
        insert_rows(self.model, inserts)
        self.outcome.inserted += len(inserts)
        if updates:
            self.apply_updates(updates, [*fields, "row_hash"])
        return self.outcome

    def reject(self, row: ParsedRow, column: str, reason: str) -> None:
        self.outcome.rejected[row.line] = (column, reason)

    def apply_updates(self, updates: list[tuple[int, ParsedRow, dict]], fields: list[str]) -> None:
        old = {
            r["pk"]: r
            for r in self.model.objects.filter(pk__in=[u[0] for u in updates]).values("pk", *fields)
        }
        objects = []
        for pk, _row, values in updates:
            before = old[pk]
            diff = {
                f: [_plain(before[f]), _plain(values[f])]
                for f in fields
                if f != "row_hash" and before[f] != values[f]
            }
            objects.append(self.model(pk=pk, **values))
            if diff:
                self.outcome.updated += 1
                self.outcome.changes.append(self.journal_item(pk, values, diff))
            else:
                self.outcome.unchanged += 1  # only the digest was out of date
        self.model.objects.bulk_update(objects, fields, batch_size=500)


class CaseWriter(_Writer):
    model = Case
    identity_fields = frozenset({"case_no"})

    def prepare(self, row: ParsedRow) -> tuple[ParsedRow, dict] | None:
        v = dict(row.values)
        staff_no = v.pop("handler_staff_no", None)
        ids, problem = self.place(
            v.pop("unit_code", ""),
            v.pop("unit_name", ""),
            v.pop("department_name", None),
            staff_no,
            v.get("handler_name"),
            by_name=staff_no is not None or "handler_name" in v,
        )
        if problem is not None:
            return self.reject(row, *problem)
        v.update(ids)
        return row, v

    def place(
        self, code: str, name: str, dept: str | None, staff_no: str | None, handler_name, *, by_name
    ) -> tuple[dict[str, Any], None] | tuple[None, tuple[str, str]]:
        """The unit, department and handler ids a row names, or the column and reason why
        it cannot be stored. ``dept`` and ``staff_no`` are None when the file lacks the
        column; ``by_name``: the file names handlers (either column), so every row says who
        its handler is even when the cell is blank, and a batch never mixes rows with and
        without handler_id."""
        unit, problem = self._unit(code or "", name or "")
        if unit is None:
            return None, problem
        ids: dict[str, Any] = {"unit_id": unit.pk}
        if dept is not None:
            ids["department_id"] = self.context.departments.get((unit.pk, dept)) if dept else None
            if dept and ids["department_id"] is None:
                reason = _("%(unit)s没有名为“%(dept)s”的部门") % {
                    "unit": unit.short_name,
                    "dept": dept,
                }
                return None, ("承办部门", reason)
        if staff_no:
            person = self.context.people.get(staff_no)
            if person is None:
                return None, ("承办人工号", _("工号“%(no)s”不存在") % {"no": staff_no})
            if person[1] != unit.pk:
                reason = _("工号“%(no)s”不是%(unit)s的人员") % {
                    "no": staff_no,
                    "unit": unit.short_name,
                }
                return None, ("承办人工号", reason)
            ids["handler_id"] = person[0]
        elif by_name:
            ids["handler_id"] = self.context.people_by_name.get((unit.pk, handler_name))
        return ids, None

    def _unit(self, code: str, name: str) -> tuple[Unit | None, tuple[str, str] | None]:
        unit = (
            self.context.units_by_code.get(code)
            if code
            else self.context.units_by_name.get(name)
            if name
            else None
        )
        column = "单位编码" if code else "承办单位"
        if unit is None:
            shown = code or name
            return None, (
                column,
                _("单位“%(u)s”不存在") % {"u": shown} if shown else _("未填写单位编码或承办单位"),
            )
        if not self.context.may_touch(unit.pk):
            return None, (column, _("不能导入其他单位（%(u)s）的案件") % {"u": unit.short_name})
        return unit, None

    def existing(self, keys: list[str]) -> dict[str, tuple]:
        return stored_cases(keys)

    def allowed(self, found: tuple) -> bool:
        return self.context.may_touch(found[2])

    def journal_item(self, pk: int, values: dict, diff: dict) -> tuple:
        # Field names only: the journal is read by the audit administrator, who must not
        # read business data (三员分立); the values themselves live in the case tables.
        return (
            Verb.CASE_UPDATE,
            ("cases.case", str(pk), values["case_no"]),
            {"fields": sorted(diff)},
        )


class EventWriter(_Writer):
    def __init__(self, spec: Spec, context: Context) -> None:
        super().__init__(spec, context)
        self.model = spec.model

    def prepare(self, row: ParsedRow) -> tuple[ParsedRow, dict] | None:
        v = {k: aware(value) for k, value in row.values.items() if k != "case_no"}
        return row, v

    def write(self, rows: list[ParsedRow]) -> Outcome:
        cases = self._cases({row.key[0] for row in rows})
        kept = []
        for row in rows:
            case = cases.get(row.key[0])
            if case is None or not self.context.may_touch(case[1]):
                self.reject(
                    row,
                    "部门受案号",
                    _(
                        "找不到部门受案号为“%(no)s”的案件（请先导入案件；联络员只能导入本单位案件的数据）"
                    )
                    % {"no": row.values["case_no"]},
                )
                continue
            row.values["case_id"] = case[0]
            row.key = (case[0], row.values["seq"])
            kept.append(row)
        return super().write(kept)

    def _cases(self, norms: set[str]) -> dict[str, tuple[int, int]]:
        return {norm: (pk, unit_id) for norm, (pk, _hash, unit_id) in stored_cases(norms).items()}

    def existing(self, keys: list[tuple[int, int]]) -> dict[tuple[int, int], tuple]:
        case_ids = {case_id for case_id, _ in keys}
        rows = self.model.objects.filter(case_id__in=case_ids).values_list(
            "case_id", "seq", "pk", "row_hash"
        )
        return {(case_id, seq): (pk, row_hash) for case_id, seq, pk, row_hash in rows}

    def allowed(self, found: tuple) -> bool:
        return True  # the case itself was checked in write()

    def journal_item(self, pk: int, values: dict, diff: dict) -> tuple:
        return (
            Verb.CASE_EVENT_UPDATE,
            ("cases.case", str(values["case_id"]), ""),
            {"table": self.spec.kind, "seq": values["seq"], "fields": sorted(diff)},
        )


def stored_cases(norms) -> dict[str, tuple[int, str, int]]:
    """The stored cases among these normalised numbers: (id, row digest, unit) by number."""
    if not norms:
        return {}
    # Plain SQL: the ORM resolves each of the 2,000 parameters of an IN list on its own,
    # 14 µs a row of an import. PostgreSQL takes them as one array: parsing and planning
    # 2,000 parameters cost its backend more than the lookup itself.
    if connection.vendor == "postgresql":
        where, params = "= ANY(%s)", [list(norms)]
    else:
        where, params = f"IN ({', '.join(['%s'] * len(norms))})", list(norms)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT case_no_norm, id, row_hash, unit_id FROM {Case._meta.db_table} "
            f"WHERE case_no_norm {where}",
            params,
        )
        rows = cursor.fetchall()
    return {norm: (pk, row_hash, unit_id) for norm, pk, row_hash, unit_id in rows}


def writer_for(spec: Spec) -> type[_Writer]:
    """The writer that stores a kind's rows."""
    return spec.writer or (CaseWriter if spec.is_case else EventWriter)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value.tzinfo else str(value)
        )
    return value
