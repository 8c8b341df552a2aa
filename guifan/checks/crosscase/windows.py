"""The machinery the cross-case passes share: the scope, the sliding window over grouped
records, and the shape of a hit (see the package's docstring)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from guifan.cases.models import Case
from guifan.checks.reference.base import day_of

CASE = ("case_id", "case__case_no", "case__unit_id")


@dataclass(frozen=True)
class Window:
    """Records of the same ``keys`` whose ``when`` lies at most ``days`` calendar days (local
    time) before the record ending the window (N days apart is within), counting distinct
    ``counted``."""

    keys: tuple[str, ...]
    when: str
    counted: str


def params(code: str) -> dict:
    return settings.GUIFAN_CROSS_CASE[code]


def in_scope(model, cases: Q) -> QuerySet:
    return model.objects.filter(case__in=Case.objects.filter(cases).values("pk"))


def windowed(rows: QuerySet, window: Window, days: int, least: int, extra=()):
    """{key: (anchor, members)}: for each key the latest record ending a window that holds
    ``least`` or more, and the records of that window. A grouped count in the database
    keeps the keys with ``least`` or more in all (one query); their records are read in
    key and time order (one more) and the window slides over them once."""
    heavy = (
        rows.order_by()
        .values(*window.keys)
        .annotate(n=Count(window.counted, distinct=True))
        .filter(n__gte=least)
        .values(window.keys[0])
    )
    read = (
        rows.filter(**{f"{window.keys[0]}__in": heavy})
        .order_by(*window.keys, window.when, "case_id", "pk")
        .values(*CASE, *window.keys, window.when, window.counted, *extra)
    )
    span = timedelta(days=days)
    found = {}
    for key, group in groupby(read, key=lambda r: tuple(r[k] for k in window.keys)):
        group = list(group)
        inside: Counter = Counter()
        first, last = 0, None
        for i, row in enumerate(group):
            inside[row[window.counted]] += 1
            while local_day(row[window.when]) - local_day(group[first][window.when]) > span:
                inside[group[first][window.counted]] -= 1
                inside += Counter()  # drop the zero counts
                first += 1
            if len(inside) >= least:
                last = (first, i)
        if last is not None:
            found[key] = (group[last[1]], group[last[0] : last[1] + 1])
    return found


def case_nos(members: list[dict], but: int) -> list[str]:
    """The case numbers of a group other than the case ``but``, each once, in time order."""
    return list(dict.fromkeys(m["case__case_no"] for m in members if m["case_id"] != but))


def window_facts(window: Window, members: list[dict], anchor: dict, days: int) -> dict:
    """The facts every windowed group states: the window, its first and last day and the
    other cases of the group."""
    return {
        "window_days": days,
        "since": plain_day(members[0][window.when]),
        "until": plain_day(anchor[window.when]),
        "group": case_nos(members, anchor["case_id"]),
    }


def local_day(value):
    """A date, or a moment's local day: windows count calendar days."""
    return day_of(value) if isinstance(value, datetime) else value


def plain_day(value) -> str:
    value = local_day(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def mask(id_no: str) -> str:
    return f"{id_no[:6]}{'*' * max(len(id_no) - 10, 0)}{id_no[-4:]}"


def hits(code: str, found: list[tuple[dict, str, dict]]):
    from guifan.checks.engine import Hit

    return [Hit(a["case_id"], code, key[:40], facts, a["case__unit_id"]) for a, key, facts in found]
