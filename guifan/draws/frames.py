"""A rule's population read from the database as (stratum, id) pairs, and its description."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from guifan.cases.models import Case, Supervision
from guifan.draws.conditions import apply_conditions, describe_conditions
from guifan.draws.models import DrawKind, DrawRule, Population, Stratify
from guifan.draws.presets import is_preset, preset_cases
from guifan.draws.protocol import Member
from guifan.org.models import TalentPoolMember, Tier


def frame_members(rule: DrawRule) -> list[Member]:
    """The rule's frame now: every member its filter selects, with its stratum."""
    return list(iter_frame_members(rule))


def frame_size(rule: DrawRule) -> int:
    """How many members the rule's frame holds now (one count, no members read)."""
    return (_pool(rule) if rule.kind == DrawKind.EVALUATORS else _cases(rule)).count()


def iter_frame_members(rule: DrawRule) -> Iterator[Member]:
    """frame_members() as the database hands them over, without a list of millions."""
    if rule.kind == DrawKind.EVALUATORS:
        yield from _pool(rule).values_list("line", "person__staff_no").iterator(chunk_size=5000)
        return
    stratum = "unit__code" if rule.stratify == Stratify.UNIT else "department__line"
    rows = _cases(rule).values_list(stratum, "case_no_norm").iterator(chunk_size=5000)
    # A case without a department has no line: it forms its own stratum rather than vanish.
    for s, case_no in rows:
        yield (s or "-", case_no)


def _cases(rule: DrawRule) -> QuerySet[Case]:
    cases = _population(rule)
    return apply_conditions(cases, rule.conditions, rule.year) if rule.conditions else cases


def _population(rule: DrawRule) -> QuerySet[Case]:
    units = rule.campaign.participants.values_list("unit_id", flat=True)
    cases = Case.objects.filter(unit__in=units)
    if rule.population == Population.EVALUATED:
        return cases.filter(prior_eval_year=rule.year, prior_eval_tier__in=rule.tier_list)
    if rule.population == Population.CLOSED:
        cases = cases.filter(**_closed_in(rule.year))
        return cases.exclude(prior_eval_year=rule.year) if rule.exclude_evaluated else cases
    if rule.population == Population.SUPERVISED:
        # Supervised cases closed in the rule's year, as the other populations.
        return cases.filter(supervision__in=rule.tier_list, **_closed_in(rule.year))
    if is_preset(rule.population):
        return preset_cases(cases, rule.population, rule.year)
    raise ValueError(f"rule {rule.code} of kind cases has population {rule.population}")


def _closed_in(year: int) -> dict:
    return {"close_date__gte": date(year, 1, 1), "close_date__lt": date(year + 1, 1, 1)}


def _pool(rule: DrawRule) -> QuerySet[TalentPoolMember]:
    return TalentPoolMember.objects.filter(
        pool_unit=rule.campaign.issuing_unit, active=True, person__active=True
    )


def describe(rule: DrawRule) -> str:
    """The filter in words, as published in the draw record."""
    tiers = "、".join(str(Tier(t).label) for t in rule.tier_list)
    if rule.population == Population.EVALUATED:
        text = _("参加单位%(year)s年经%(tiers)s评查的案件") % {"year": rule.year, "tiers": tiers}
    elif rule.population == Population.CLOSED:
        text = _("参加单位%(year)s年办结的案件") % {"year": rule.year}
        if rule.exclude_evaluated:
            text += _("（不含当年已评查的案件）")
    elif rule.population == Population.SUPERVISED:
        labels = "、".join(str(Supervision(t).label) for t in rule.tier_list)
        text = _("参加单位%(year)s年办结的%(labels)s案件") % {"year": rule.year, "labels": labels}
    elif is_preset(rule.population):
        text = _("参加单位%(year)s年的重点评查情形：%(what)s") % {
            "year": rule.year,
            "what": Population(rule.population).label,
        }
    else:
        text = _("%(unit)s评查人才库在库人员") % {"unit": rule.campaign.issuing_unit.short_name}
    if rule.conditions:
        text += _("，且%(conditions)s") % {"conditions": describe_conditions(rule.conditions)}
    return f"{text}，{Stratify(rule.stratify).label}分层"
