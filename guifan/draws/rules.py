"""Adding a case rule to a campaign: a population (the seed's three, or a 重点评查 preset
K01–K11 of draws.presets), a year, strata, a ratio and conditions (draws.conditions). Rules
are data; the draw itself is unchanged (a frame is still a set of case ids)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from guifan.campaigns.models import OPEN_STATUSES, CampaignStatus
from guifan.campaigns.services import office_of
from guifan.draws.conditions import clean_conditions
from guifan.draws.models import DrawKind, DrawRule, Population, Stratify
from guifan.draws.presets import is_preset
from guifan.draws.services import _check_amount
from guifan.journal.services import record
from guifan.journal.verbs import Verb

# The populations an office may add a case rule over (the pool is for evaluators).
CASE_POPULATIONS = [p for p in Population if p != Population.POOL]


@transaction.atomic
def rule_create(
    *,
    campaign,
    by,
    population: str,
    year: int,
    ratio: str = "1",
    stratify: str = Stratify.UNIT,
    name: str = "",
    tiers: str = "",
    conditions: list[dict] | None = None,
) -> DrawRule:
    """A new case rule; a preset's frame holds every case in its situation (ratio 1: 每案必查)
    unless a smaller ratio is set. ``conditions`` (draws.conditions) narrow the population,
    all of them met within the rule's year."""
    office_of(by, campaign)
    if campaign.status not in (CampaignStatus.DRAFT, *OPEN_STATUSES):
        raise ValidationError(_("活动已结束，不能再新增抽取规则。"))
    if population not in CASE_POPULATIONS:
        raise ValidationError(_("请选择抽取范围。"))
    if not year:
        raise ValidationError(_("请填写年度。"))
    if population in (Population.EVALUATED, Population.SUPERVISED) and not tiers:
        tiers = "province,city"
    _check_amount(ratio, None)
    conditions = clean_conditions(conditions)
    code = population if is_preset(population) else slugify(population)
    taken = set(campaign.draw_rules.values_list("code", flat=True))
    base, n = code, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    position = (campaign.draw_rules.aggregate(m=Max("position"))["m"] or 0) + 1
    rule = DrawRule(
        campaign=campaign,
        code=code,
        name=(name or str(Population(population).label))[:50],
        kind=DrawKind.CASES,
        population=population,
        year=year,
        tiers=tiers,
        stratify=stratify,
        ratio=ratio,
        position=position,
        exclude_evaluated=population == Population.CLOSED,
        conditions=conditions,
    )
    rule.full_clean()
    rule.save()
    record(
        actor=by,
        verb=Verb.DRAW_RULE_CREATE,
        target=rule,
        payload={
            "population": population,
            "year": year,
            "ratio": ratio,
            "stratify": stratify,
            "conditions": conditions,
        },
    )
    return rule
