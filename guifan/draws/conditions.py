"""Conditions a case rule may add on top of its population (the rule builder): each one of a
fixed vocabulary over case attributes and process records, all of them combined with AND,
records counted within the rule's year.

A rule stores them as data (``DrawRule.conditions``: a list of ``{"type": ..., "value": ...}``),
checked by ``clean_conditions`` and copied into each draw it freezes. An app above draws adds a
condition type with ``condition_source`` (guifan.checks: a confirmed check finding), so draws
does not import it. A frame is still a set of case ids; these only narrow it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guifan.cases.models import (
    Case,
    CaseComplaint,
    Extension,
    ExtensionKind,
    Judgment,
    JudgmentResult,
    Supervision,
    SupplementaryInvestigation,
)
from guifan.org.models import Tier

MAX_CONDITIONS = 5
MAX_TEXT = 30

# value, year -> the ids of the cases that meet the condition (a queryset of ``case_id``)
# or a Q over Case.
Select = Callable[[str, int], "Q | QuerySet"]


@dataclass(frozen=True)
class ConditionType:
    code: str
    label: str
    select: Select
    # The allowed values (value -> label); None: free text; {}: no value.
    choices: dict[str, str] | None = None
    optional: bool = False  # the value may be left empty ("any")

    def describe(self, value: str) -> str:
        if not value:
            return str(self.label)
        if not self.choices:
            return f"{self.label}“{value}”"
        shown = self.choices.get(value, value)
        return f"{self.label}（{shown}）" if self.optional else f"{self.label}{shown}"


_types: dict[str, ConditionType] = {}


def _range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year + 1, 1, 1)


def _moments(year: int) -> tuple[datetime, datetime]:
    start, end = _range(year)
    return tuple(timezone.make_aware(datetime.combine(d, time.min)) for d in (start, end))


def condition_source(code: str, label, *, choices=None, optional: bool = False):
    """Register a condition type (draws' own below; apps above draws from their ``ready``)."""

    def register(fn: Select) -> Select:
        values = None if choices is None else {str(k): str(v) for k, v in choices.items()}
        _types[code] = ConditionType(code, label, fn, values, optional)
        return fn

    return register


def condition_types() -> dict[str, ConditionType]:
    return dict(_types)


def _labels(choices) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices if value}


@condition_source("close_type", gettext_lazy("结案方式包含"))
def _close_type(value: str, year: int) -> Q:
    return Q(close_type__contains=value)


@condition_source(
    "judgment", gettext_lazy("当年判决结果为"), choices=_labels(JudgmentResult.choices)
)
def _judgment(value: str, year: int) -> QuerySet:
    start, end = _range(year)
    found = Judgment.objects.filter(result=value, judged_on__gte=start, judged_on__lt=end)
    return found.values("case_id")


@condition_source(
    "supervision", gettext_lazy("挂牌督办层级为"), choices=_labels(Supervision.choices)
)
def _supervision(value: str, year: int) -> Q:
    return Q(supervision=value)


@condition_source("complaint", gettext_lazy("当年有信访"), choices={})
def _complaint(value: str, year: int) -> QuerySet:
    start, end = _moments(year)
    return CaseComplaint.objects.filter(received_at__gte=start, received_at__lt=end).values(
        "case_id"
    )


@condition_source(
    "extension",
    gettext_lazy("当年有延长期限"),
    choices=_labels(ExtensionKind.choices),
    optional=True,
)
def _extension(value: str, year: int) -> QuerySet:
    start, end = _range(year)
    found = Extension.objects.filter(approved_on__gte=start, approved_on__lt=end)
    return (found.filter(kind=value) if value else found).values("case_id")


@condition_source("returned", gettext_lazy("当年有退回补充侦查"), choices={})
def _returned(value: str, year: int) -> QuerySet:
    start, end = _range(year)
    found = SupplementaryInvestigation.objects.filter(returned_on__gte=start, returned_on__lt=end)
    return found.values("case_id")


@condition_source("prior_tier", gettext_lazy("已经评查，层级为"), choices=_labels(Tier.choices))
def _prior_tier(value: str, year: int) -> Q:
    return Q(prior_eval_tier=value, prior_eval_year__isnull=False)


@condition_source("prior_year", gettext_lazy("已评查年度为"))
def _prior_year(value: str, year: int) -> Q:
    return Q(prior_eval_year=int(value))


def _value_of(kind: ConditionType, raw: str) -> str:
    """The stored value: a choice is given by its code or its Chinese label."""
    value = " ".join(str(raw or "").split())
    if kind.choices == {}:
        return ""
    if kind.choices is None:
        if not value:
            raise ValidationError(_("条件“%(c)s”需要填写内容。") % {"c": kind.label})
        if len(value) > MAX_TEXT:
            raise ValidationError(
                _("条件“%(c)s”的内容不能超过 %(n)s 个字。") % {"c": kind.label, "n": MAX_TEXT}
            )
        if kind.code == "prior_year" and not (value.isdigit() and 2000 <= int(value) <= 2100):
            raise ValidationError(_("已评查年度应为四位年份，如 2014。"))
        return value
    if not value and kind.optional:
        return ""
    by_label = {label: code for code, label in kind.choices.items()}
    if value in kind.choices or value in by_label:
        return by_label.get(value, value)
    raise ValidationError(
        _("条件“%(c)s”的取值“%(v)s”不在可选范围内，可选：%(all)s。")
        % {"c": kind.label, "v": value, "all": "、".join(kind.choices.values())}
    )


def clean_conditions(raw) -> list[dict[str, str]]:
    """The conditions as stored, or a ValidationError in Chinese naming the bad one."""
    if raw in (None, ""):
        return []
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise ValidationError(_("抽取条件格式不正确。"))
    if len(raw) > MAX_CONDITIONS:
        raise ValidationError(_("抽取条件最多 %(n)s 项。") % {"n": MAX_CONDITIONS})
    cleaned = []
    for condition in raw:
        kind = _types.get(str(condition.get("type", "")))
        if kind is None:
            raise ValidationError(_("不认识的抽取条件“%(c)s”。") % {"c": condition.get("type", "")})
        item = {"type": kind.code, "value": _value_of(kind, condition.get("value", ""))}
        if item in cleaned:
            raise ValidationError(_("抽取条件“%(c)s”重复。") % {"c": kind.describe(item["value"])})
        cleaned.append(item)
    return cleaned


def apply_conditions(cases: QuerySet[Case], conditions: list[dict], year: int) -> QuerySet[Case]:
    """``cases`` narrowed by every condition (AND); each record-based one within ``year``."""
    for condition in conditions:
        found = _types[condition["type"]].select(condition["value"], year)
        cases = cases.filter(found if isinstance(found, Q) else Q(pk__in=found))
    return cases


def describe_conditions(conditions: list[dict]) -> str:
    """The conditions in words, as published in the draw record ("" when there are none)."""
    return "；".join(_types[c["type"]].describe(c["value"]) for c in conditions)
