"""The must-select situations of 重点评查 (RULES-AND-PROCESS.md §1.3, K01–K11) as case
populations a draw rule can name, each read from the case data within the rule's year:
the year of the judgment, closure, letter or mark that puts the case in.

An app above draws adds what it knows of a situation with ``preset_source`` (guifan.inquiries:
a case with a 过问干预 record is in K09 as much as one flagged 过问 by the import), so one
population reads both without draws importing that app.

A frame is still a set of case ids (draws.frames); these only say which.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from guifan.cases.models import Case, FlagKind, JudgmentResult
from guifan.draws.models import Population

# 结案方式 wordings that mean the same decision (as units' exports write them).
NOT_ARRESTED_OR_PROSECUTED = ("不批准逮捕", "不批捕", "不捕", "不起诉", "不诉")
WITHDRAWN = ("撤回起诉", "撤诉")
CASE_DROPPED = ("撤销案件", "撤案")
EXECUTION_CATEGORIES = ("减刑", "假释", "暂予监外执行")


def _days(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year + 1, 1, 1)


def _closed_in(year: int) -> Q:
    start, end = _days(year)
    return Q(close_date__gte=start, close_date__lt=end)


def _judged(year: int, *results: str) -> Q:
    start, end = _days(year)
    return Q(judgments__result__in=results, judgments__judged_on__gte=start) & Q(
        judgments__judged_on__lt=end
    )


def _flagged(year: int, *kinds: str) -> Q:
    start, end = _days(year)
    return Q(flags__kind__in=kinds, flags__flagged_on__gte=start, flags__flagged_on__lt=end)


def _close_type(*words: str) -> Q:
    found = Q()
    for word in words:
        found |= Q(close_type__contains=word)
    return found


def _letters(year: int) -> Q:
    start, end = (timezone.make_aware(datetime.combine(d, time.min)) for d in _days(year))
    return Q(complaints__received_at__gte=start, complaints__received_at__lt=end)


def _category(*words: str) -> Q:
    found = Q()
    for word in words:
        found |= Q(category__contains=word)
    return found


PRESETS = {
    Population.K01: lambda y: _judged(y, JudgmentResult.ACQUITTED),
    Population.K02: lambda y: (
        _judged(y, JudgmentResult.WITHDRAWN) | (_close_type(*WITHDRAWN) & _closed_in(y))
    ),
    Population.K03: lambda y: _close_type(*NOT_ARRESTED_OR_PROSECUTED) & _closed_in(y),
    Population.K04: lambda y: (
        Q(is_self_investigation=True) & _close_type(*CASE_DROPPED) & _closed_in(y)
    ),
    Population.K05: lambda y: _judged(
        y, JudgmentResult.CHARGE_CHANGED, JudgmentResult.AMENDED, JudgmentResult.REMANDED
    ),
    Population.K06: lambda y: _flagged(y, FlagKind.COMPENSATION),
    Population.K07: _letters,
    Population.K08: lambda y: (~Q(supervision="") & _closed_in(y)) | _flagged(y, FlagKind.REFERRAL),
    Population.K09: lambda y: _flagged(y, FlagKind.DISCIPLINE, FlagKind.INTERVENTION),
    Population.K10: lambda y: _flagged(y, FlagKind.MEDIA),
    Population.K11: lambda y: (
        _flagged(y, FlagKind.EXECUTION) | (_category(*EXECUTION_CATEGORIES) & _closed_in(y))
    ),
}


# Per preset, the case ids other apps put in it for a year (a queryset of ``case_id``).
CaseIds = Callable[[int], QuerySet]
_sources: dict[str, list[CaseIds]] = {}


def preset_source(population: str):
    """Register more cases of a preset's situation (from the providing app's ``ready``)."""

    def register(fn: CaseIds) -> CaseIds:
        if fn not in _sources.setdefault(population, []):
            _sources[population].append(fn)
        return fn

    return register


def preset_cases(cases: QuerySet[Case], population: str, year: int) -> QuerySet[Case]:
    """The cases of ``cases`` in the preset's situation in ``year`` (each case once), from the
    case data and from every registered source."""
    found = Q(pk__in=cases.filter(PRESETS[population](year)).values("pk"))
    for source in _sources.get(population, ()):
        found |= Q(pk__in=source(year))
    return cases.filter(found)


def is_preset(population: str) -> bool:
    return population in PRESETS
