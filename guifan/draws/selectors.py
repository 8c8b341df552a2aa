"""Reading draws, the evaluation batch and the drawn evaluators, scoped to the user."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from guifan.campaigns.models import Campaign
from guifan.cases.models import Case
from guifan.draws.frames import describe
from guifan.draws.models import (
    Draw,
    DrawKind,
    DrawRule,
    DrawStatus,
    ManualPick,
    Selection,
)
from guifan.org.models import BusinessLine, Person, Unit


def draw_list(*, user, campaign: Campaign | None = None) -> QuerySet[Draw]:
    draws = Draw.objects.visible_to(user).select_related("rule__campaign")
    return draws.filter(rule__campaign=campaign) if campaign is not None else draws


@dataclass
class RuleRow:
    rule: DrawRule
    current: Draw | None
    earlier: list[Draw] = field(default_factory=list)

    @property
    def description(self) -> str:
        return self.current.filter_text if self.current else describe(self.rule)


def rule_rows(*, campaign: Campaign, user) -> list[RuleRow]:
    """Each rule with its current draw and the superseded ones, which stay visible."""
    rows = {
        rule.pk: RuleRow(rule, None)
        for rule in DrawRule.objects.visible_to(user).filter(campaign=campaign)
    }
    for draw in Draw.objects.filter(rule__in=list(rows)).order_by("attempt"):
        row = rows[draw.rule_id]
        if draw.status == DrawStatus.SUPERSEDED:
            row.earlier.append(draw)
        else:
            row.current = draw
    return list(rows.values())


def _done(campaign: Campaign, kind: str) -> QuerySet[Draw]:
    return Draw.objects.filter(rule__campaign=campaign, rule__kind=kind, status=DrawStatus.DONE)


def case_selections(*, campaign: Campaign) -> QuerySet[Selection]:
    """The cases the campaign's current (completed, not superseded) case draws selected."""
    return Selection.objects.filter(draw__in=_done(campaign, DrawKind.CASES))


@dataclass
class BatchCase:
    case: Case
    reasons: list[str]


def batch_cases(*, campaign: Campaign, user) -> QuerySet[Case]:
    """The evaluation batch: every case a current draw selected, once, that the user sees."""
    drawn = case_selections(campaign=campaign)
    return (
        Case.objects.visible_to(user)
        .filter(pk__in=drawn.values("case_id"))
        .select_related("unit")
        .order_by("unit__path", "case_no_norm")
    )


def with_reasons(*, campaign: Campaign, cases: list[Case]) -> list[BatchCase]:
    """The cases of one page with every rule that selected them (a case drawn twice is
    evaluated once, for both reasons)."""
    reasons: dict[int, list[str]] = defaultdict(list)
    rows = case_selections(campaign=campaign).filter(case__in=[c.pk for c in cases])
    rows = rows.values_list("case_id", "draw__rule__name")
    for case_id, name in rows.order_by("draw__rule__position"):
        reasons[case_id].append(name)
    return [BatchCase(case, reasons[case.pk]) for case in cases]


@dataclass
class DrawnPerson:
    person: Person
    line: str
    manual: bool
    reason: str = ""

    @property
    def line_label(self) -> str:
        return BusinessLine(self.line).label if self.line in BusinessLine.values else self.line


def drawn_evaluators(*, campaign: Campaign) -> list[DrawnPerson]:
    """The evaluators of the campaign: the random part first, then those added by hand."""
    done = _done(campaign, DrawKind.EVALUATORS)
    drawn = Selection.objects.filter(draw__in=done, person__isnull=False).select_related(
        "person__unit"
    )
    people = [DrawnPerson(s.person, s.stratum, manual=False) for s in drawn]
    picks = ManualPick.objects.filter(draw__in=done).select_related("person__unit")
    people += [DrawnPerson(p.person, p.line, manual=True, reason=p.reason) for p in picks]
    return people


def stratum_labels(draw: Draw) -> dict[str, str]:
    """Readable names for a draw's strata: unit codes as unit names, lines as line names."""
    strata = list(draw.strata)
    if draw.rule.stratify == "unit":
        names = dict(Unit.objects.filter(code__in=strata).values_list("code", "short_name"))
        return {s: f"{s} {names[s]}" if s in names else s for s in strata}
    return {s: BusinessLine(s).label if s in BusinessLine.values else s for s in strata}
