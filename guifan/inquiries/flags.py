"""Flags for discipline inspection (H: 疑点, never a finding by themselves), with their facts.

R7-02 长期“零报告”异常: a prosecutor or a department with no record in at least two consecutive
quarters while in the top quarter by case load (cases accepted) in each of them.
R8-01 过问之后作出有利决定: within 30 days after an inquiry the case received a favourable
decision — 不批捕, 不起诉, 撤案, a custody measure lifted or changed, seized property released.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.utils import timezone

from guifan.cases.kinds import RELEASING
from guifan.cases.models import Case, CoerciveMeasure, SeizedProperty
from guifan.inquiries.models import InquiryRecord
from guifan.inquiries.quarters import Quarter

WINDOW_DAYS = 30
MIN_QUARTERS = 2
TOP_SHARE = 0.25
CUSTODY = ("detention", "arrest")


@dataclass(frozen=True)
class Flag:
    rule: str  # R7-02 or R8-01
    unit_id: int
    who: str  # the prosecutor or department, or the case
    facts: list[str]
    case_id: int | None = None
    inquiry_id: int | None = None


# --- R7-02 ----------------------------------------------------------------------------------
def top_quarter_threshold(loads: list[int], share: float = TOP_SHARE) -> int:
    """The smallest load in the top ``share`` of ``loads`` (at least 1)."""
    ranked = sorted((n for n in loads if n > 0), reverse=True)
    if not ranked:
        return 0
    return ranked[max(1, math.ceil(len(ranked) * share)) - 1]


def silent_runs(
    loads: dict[Quarter, dict[str, int]],
    records: dict[Quarter, dict[str, int]],
    *,
    least: int = MIN_QUARTERS,
    share: float = TOP_SHARE,
) -> dict[str, list[tuple[Quarter, int, int]]]:
    """Per key (a prosecutor or a department): the longest run of consecutive quarters in
    which it recorded nothing while its load was in the top ``share``, with (quarter, load,
    threshold); only runs of ``least`` quarters or more."""
    runs: dict[str, list] = {}
    current: dict[str, list] = defaultdict(list)
    for quarter in sorted(loads):
        threshold = top_quarter_threshold(list(loads[quarter].values()), share)
        for key in set(current) | set(loads[quarter]):
            load = loads[quarter].get(key, 0)
            silent = threshold and load >= threshold and not records.get(quarter, {}).get(key)
            if silent:
                current[key].append((quarter, load, threshold))
                if len(current[key]) > len(runs.get(key, ())):
                    runs[key] = list(current[key])
            else:
                current[key] = []
    return {key: run for key, run in runs.items() if len(run) >= least}


def zero_report_flags(unit_ids, quarters: list[Quarter]) -> list[Flag]:
    if not quarters:
        return []
    flags = []
    for field, label in (("handler", "handler__name"), ("department", "department__name")):
        loads, records, names = defaultdict(dict), defaultdict(dict), {}
        for quarter in quarters:
            rows = (
                Case.objects.filter(
                    unit__in=unit_ids,
                    accept_date__gte=quarter.start,
                    accept_date__lte=quarter.end,
                    **{f"{field}__isnull": False},
                )
                .values(field, label, "unit_id")
                .annotate(n=Count("pk"))
            )
            for row in rows:
                key = row[field]
                loads[quarter][key] = row["n"]
                names[key] = (row[label], row["unit_id"])
            recorded = (
                InquiryRecord.objects.filter(
                    unit__in=unit_ids, occurred_on__gte=quarter.start, occurred_on__lte=quarter.end
                )
                .values(f"case__{field}")
                .annotate(n=Count("pk"))
            )
            for row in recorded:
                records[quarter][row[f"case__{field}"]] = row["n"]
        for key, run in silent_runs(loads, records).items():
            name, unit_id = names[key]
            facts = [
                f"{q.label}受理 {load} 件（前 25% 为 {threshold} 件以上），过问记录 0 件"
                for q, load, threshold in run
            ]
            who = f"{name}（{'检察官' if field == 'handler' else '部门'}）"
            flags.append(Flag("R7-02", unit_id, who, facts))
    return flags


# --- R8-01 ----------------------------------------------------------------------------------
def _day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def favourable_flags(records) -> list[Flag]:
    """Favourable decisions within 30 days after each of ``records``."""
    records = list(records.select_related("case"))
    case_ids = {r.case_id for r in records}
    measures, released = defaultdict(list), defaultdict(list)
    for m in CoerciveMeasure.objects.filter(
        case_id__in=case_ids, kind__in=CUSTODY, ended_at__isnull=False
    ):
        measures[m.case_id].append((_day(m.ended_at), f"解除或变更{m.get_kind_display()}"))
    for p in SeizedProperty.objects.filter(case_id__in=case_ids, released_at__isnull=False):
        released[p.case_id].append((_day(p.released_at), f"解除查扣（{p.description}）"))
    flags = []
    for record in records:
        case = record.case
        decisions = [*measures[case.pk], *released[case.pk]]
        if case.close_type in RELEASING and case.close_date:
            decisions.append((case.close_date, f"作出“{case.close_type}”决定"))
        start, end = record.occurred_on, record.occurred_on + timedelta(days=WINDOW_DAYS)
        facts = [
            f"{day:%Y-%m-%d}{what}（过问后第 {(day - start).days} 日）"
            for day, what in sorted(decisions)
            if day is not None and start <= day <= end
        ]
        if facts:
            intro = (
                f"{record.occurred_on:%Y-%m-%d} {record.inquirer_name}"
                f"（{record.get_category_display()}）{record.get_channel_display()}过问"
            )
            flags.append(
                Flag("R8-01", record.unit_id, case.case_no, [intro, *facts], case.pk, record.pk)
            )
    return flags
