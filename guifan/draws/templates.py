"""The draw rules each campaign template starts with, as data.

The seed (规范司法行为总结.txt) asks the look-back campaign for three case draws in the year
before the campaign — 30% of the cases the 省院 or 市院 evaluated, 30% of the closed cases,
every case under 省院/市院 supervision — and for evaluators drawn from the talent pool. The
三个规定 add K09: every case with a record of someone asking about or intervening in it.

The later templates (campaigns.templates): 常规抽查 draws 10% of each unit's closed cases
not yet evaluated; 专项评查 half the cases of its theme; 重点评查 every case of K01–K11.
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


EVALUATORS = RuleTemplate(
    "evaluators", "评查人员", DrawKind.EVALUATORS, Population.POOL, Stratify.LINE, count=3
)

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
    # K09: every case flagged 违纪/过问 or with a 过问干预 record of the year (三个规定; R7-01).
    RuleTemplate(
        "k09", "重点评查（过问干预）", DrawKind.CASES, Population.K09, Stratify.UNIT, ratio="1"
    ),
    EVALUATORS,
)

ROUTINE_RULES = (
    RuleTemplate("new", "常规抽查", DrawKind.CASES, Population.CLOSED, Stratify.UNIT, ratio="0.10"),
    EVALUATORS,
)
KEY_RULES = (
    *(
        RuleTemplate(p.value, str(p.label), DrawKind.CASES, p.value, Stratify.UNIT, ratio="1")
        for p in Population
        if p.value.startswith("k")
    ),
    EVALUATORS,
)


def _special_rules(campaign: Campaign) -> tuple[RuleTemplate, ...]:
    theme = Population(campaign.theme)
    name = f"专项评查（{theme.label.split(' ', 1)[1]}）"
    rule = RuleTemplate("theme", name, DrawKind.CASES, theme.value, Stratify.UNIT, ratio="0.50")
    return (rule, EVALUATORS)


RULE_TEMPLATES = {"look_back": LOOK_BACK_RULES, "routine": ROUTINE_RULES, "key": KEY_RULES}


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
        for position, spec in enumerate(_rules_of(campaign))
    ]
    return DrawRule.objects.bulk_create(rules)


def _rules_of(campaign: Campaign) -> tuple[RuleTemplate, ...]:
    if campaign.template == "special":
        return _special_rules(campaign)
    return RULE_TEMPLATES.get(campaign.template, ())
