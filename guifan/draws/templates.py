"""The draw rules each campaign template starts with, as data.

The seed (规范司法行为总结.txt) asks the look-back campaign for three case draws in the year
before the campaign — 30% of the cases the 省院 or 市院 evaluated, 30% of the closed cases,
every case under 省院/市院 supervision — and for evaluators drawn from the talent pool. The
三个规定 add K09: every case with a record of someone asking about or intervening in it.
"""

from dataclasses import dataclass

from guifan.campaigns.models import Campaign
from guifan.draws.models import DrawKind, DrawRule, Population, Stratify


@dataclass(frozen=True)
class RuleTemplate:
    code: str
    name: str
    kind: str
    population: str
    stratify: str
    ratio: str = ""
    count: int | None = None
    tiers: str = ""
    exclude_evaluated: bool = True


LOOK_BACK_RULES = (
    RuleTemplate(
        "recheck",
        "复查",
        DrawKind.CASES,
        Population.EVALUATED,
        Stratify.UNIT,
        ratio="0.30",
        tiers="province,city",
    ),
    RuleTemplate("new", "新评查", DrawKind.CASES, Population.CLOSED, Stratify.UNIT, ratio="0.30"),
    RuleTemplate(
        "key",
        "重点评查",
        DrawKind.CASES,
        Population.SUPERVISED,
        Stratify.UNIT,
        ratio="1",
        tiers="province,city",
    ),
    # K09: every case with a 过问干预 record of the year (三个规定; R7-01).
    RuleTemplate(
        "k09", "重点评查（过问干预）", DrawKind.CASES, Population.INQUIRED, Stratify.UNIT, ratio="1"
    ),
    RuleTemplate(
        "evaluators", "评查人员", DrawKind.EVALUATORS, Population.POOL, Stratify.LINE, count=3
    ),
)

RULE_TEMPLATES = {"look_back": LOOK_BACK_RULES}


def rules_create_from_template(*, campaign: Campaign) -> list[DrawRule]:
    """The template's rules for a new campaign, looking back at the year before it."""
    year = campaign.start_date.year - 1
    rules = [
        DrawRule(
            campaign=campaign,
            position=position,
            year=None if spec.count else year,
            **{f: getattr(spec, f) for f in ("code", "name", "kind", "population", "stratify")},
            **{f: getattr(spec, f) for f in ("ratio", "count", "tiers", "exclude_evaluated")},
        )
        for position, spec in enumerate(RULE_TEMPLATES.get(campaign.template, ()))
    ]
    return DrawRule.objects.bulk_create(rules)
