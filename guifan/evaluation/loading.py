"""A campaign's batch and drawn evaluators, read from the database into the pure records
the recusal rules and the solver work on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from guifan.campaigns.models import Campaign
from guifan.cases.models import Case as CaseRow
from guifan.cases.numbers import normalise_case_no
from guifan.draws.models import KEY_POPULATIONS, Population
from guifan.draws.selectors import case_selections, drawn_evaluators
from guifan.evaluation.recusal import Case, Evaluator
from guifan.org.models import DeclaredConflict, Person


@dataclass
class Batch:
    """The cases to assign and the people to assign them to, with the rows behind them."""

    cases: list[Case] = field(default_factory=list)
    evaluators: list[Evaluator] = field(default_factory=list)
    case_rows: dict[str, CaseRow] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def load_batch(campaign: Campaign, *, key_need: int = 2, caps: dict | None = None) -> Batch:
    batch = Batch()
    selections = (
        case_selections(campaign=campaign)
        .filter(case__isnull=False)
        .select_related("draw__rule", "case__unit", "case__department", "case__handler")
        .order_by("draw__rule__position", "case__case_no_norm")
    )
    populations: dict[str, set[str]] = defaultdict(set)
    for selection in selections:
        row = selection.case
        batch.case_rows[row.case_no_norm] = row
        batch.reasons[row.case_no_norm].append(selection.draw.rule.name)
        populations[row.case_no_norm].add(selection.draw.rule.population)
    for case_id, row in sorted(batch.case_rows.items()):
        kinds = populations[case_id]
        batch.cases.append(
            case_record(row, recheck=Population.EVALUATED in kinds,
                        need=key_need if kinds & KEY_POPULATIONS else 1)
        )  # fmt: skip
    caps = caps or {}
    for drawn in drawn_evaluators(campaign=campaign):
        batch.people.setdefault(drawn.person.staff_no, drawn.person)
    batch.evaluators = evaluator_records(list(batch.people.values()), caps=caps)
    return batch


def case_record(row: CaseRow, *, recheck: bool, need: int = 1) -> Case:
    involved = set(row.reviewer_list)
    if row.handler_id:
        involved.add(row.handler.staff_no)
    return Case(
        id=row.case_no_norm,
        unit=row.unit.code,
        line=row.department.line if row.department_id else "",
        involved=frozenset(involved),
        prior_evaluators=frozenset(row.prior_evaluator_list),
        recheck=recheck,
        need=need,
    )


def evaluator_record(person: Person, *, cap: int | None = None) -> Evaluator:
    return evaluator_records([person], caps={} if cap is None else {person.staff_no: cap})[0]


def evaluator_records(people: list[Person], *, caps: dict[str, int]) -> list[Evaluator]:
    """The people as the recusal rules see them, read in one go (a province draws 2,000)."""
    rows = (
        Person.objects.filter(pk__in=[p.pk for p in people])
        .select_related("unit", "department")
        .prefetch_related(
            "specialties",
            Prefetch(
                "declared_conflicts",
                queryset=DeclaredConflict.objects.select_related("other_person"),
            ),
        )
    )
    by_pk = {row.pk: row for row in rows}
    return [_record(by_pk[p.pk], caps.get(p.staff_no)) for p in people]


def _record(person: Person, cap: int | None) -> Evaluator:
    conflicts = list(person.declared_conflicts.all())
    return Evaluator(
        id=person.staff_no,
        unit=person.unit.code,
        line=person.department.line if person.department_id else "",
        specialties=frozenset(s.line for s in person.specialties.all()),
        related_people=frozenset(c.other_person.staff_no for c in conflicts if c.other_person_id),
        related_cases=frozenset(normalise_case_no(c.case_no) for c in conflicts if c.case_no),
        cap=cap,
    )
