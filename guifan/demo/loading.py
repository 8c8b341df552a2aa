"""Loading the demo world's cases and their process events straight into the database.

The values pass through the import specs' own parsers, so the demo holds exactly what
importing the exported files would give, without writing the files first.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from typing import Any

from django.db import transaction

from guifan.cases.importing.resolve import aware
from guifan.cases.importing.specs import SPECS
from guifan.cases.models import Case
from guifan.cases.numbers import normalise_case_no
from guifan.cases.selectors import cases_changed
from guifan.cases.services import refresh_statistics
from guifan.core.bulk import insert_rows
from guifan.demo.events import CaseEvents, EventGenerator
from guifan.demo.export import cell
from guifan.demo.generator import CaseRow, DemoWorld
from guifan.org.models import Department, Person, Unit

BATCH = 5000
Progress = Callable[[str], None]


def load_cases(world: DemoWorld, count: int, progress: Progress) -> int:
    """Insert ``count`` cases with their events, in batches of one transaction each."""
    lookups = _Lookups()
    stream = EventGenerator(world).cases_with_events(count)
    done = 0
    while batch := list(islice(stream, BATCH)):
        with transaction.atomic():
            insert_rows(Case, [lookups.case_values(case, events) for case, events in batch])
            ids = dict(
                Case.objects.filter(
                    case_no_norm__in=[normalise_case_no(c.case_no) for c, _ in batch]
                ).values_list("case_no_norm", "pk")
            )
            for kind, spec in SPECS.items():
                if spec.is_case:
                    continue
                rows = [
                    _event_values(kind, row, ids[normalise_case_no(case.case_no)])
                    for case, events in batch
                    for row in events.rows[kind]
                ]
                insert_rows(spec.model, rows)
        done += len(batch)
        if done % 100_000 == 0 or done == count:
            progress(f"已生成案件 {done:,} / {count:,}")
    cases_changed()
    for spec in SPECS.values():
        refresh_statistics(spec.model)
    return done


class _Lookups:
    def __init__(self) -> None:
        self.units = dict(Unit.objects.values_list("code", "pk"))
        self.depts = {
            (code, name): pk
            for pk, code, name in Department.objects.values_list("pk", "unit__code", "name")
        }
        self.people = dict(Person.objects.values_list("staff_no", "pk"))

    def case_values(self, row: CaseRow, events: CaseEvents) -> dict[str, Any]:
        return {
            "case_no": row.case_no,
            "case_no_norm": normalise_case_no(row.case_no),
            "unified_no": row.unified_no,
            "name": row.name,
            "category": row.category,
            "cause": row.cause,
            "unit_id": self.units[row.unit_code],
            "department_id": self.depts[row.unit_code, row.department],
            "handler_id": self.people[row.handler_staff_no],
            "accept_date": row.accept_date,
            "filing_date": events.case_fields["filing_date"],
            "close_date": row.close_date,
            "close_type": row.close_type,
            "status": row.status,
            "is_self_investigation": row.is_self_investigation,
            "is_major_bribery": events.case_fields["is_major_bribery"],
            "supervision": row.supervision,
            "prior_eval_year": row.prior_eval_year,
            "prior_eval_tier": row.prior_eval_tier,
            "prior_eval_grade": row.prior_eval_grade,
            "prior_evaluators": ",".join(row.prior_evaluators),
        }


def _event_values(kind: str, row: dict[str, Any], case_id: int) -> dict[str, Any]:
    values: dict[str, Any] = {"case_id": case_id}
    for column in SPECS[kind].columns:
        if column.field != "case_no":
            values[column.field] = aware(column.parse(cell(row.get(column.field))))
    return values
