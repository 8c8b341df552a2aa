"""Type H rules comparing cases or people (跨案件比对, RULES-AND-PROCESS.md §3): flags for
review, never decisions, like the per-case H flags of ``checks.reference.flags``.

Each pass is set-based, the same on SQLite and PostgreSQL, never a loop per case: a grouped
count in the database keeps the keys (handler, suspect and 案由, lawyer and handler) with
enough records in all, one more query reads those keys' records in key and time order, and
a window slides over them once to find the *anchor* of each key: its latest record ending a
window that reaches the threshold. (A correlated count per record, tried first, cost time
growing with the square of the records: 24 s for R5-03 over 12,000 demo cases on
PostgreSQL.) A finding is attached to the anchor's case, the latest of the group, its facts
list the other cases and the counts, and its
subject names the key, so that a re-run finds the same finding again and a group that no
longer reaches the threshold is closed by the engine's store. Windows and thresholds are in
``settings.GUIFAN_CROSS_CASE``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractMonth

from guifan.cases.models import Case, CaseComplaint, LawyerRequest, Suspect
from guifan.checks.conflicts import defender_conflicts, handler_relatives
from guifan.checks.reference.base import day_of
from guifan.checks.reference.flags import FAVOURABLE

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


def _in_scope(model, cases: Q) -> QuerySet:
    return model.objects.filter(case__in=Case.objects.filter(cases).values("pk"))


def _groups(rows: QuerySet, window: Window, days: int, least: int, extra=()):
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
            while _day(row[window.when]) - _day(group[first][window.when]) > span:
                inside[group[first][window.counted]] -= 1
                inside += Counter()  # drop the zero counts
                first += 1
            if len(inside) >= least:
                last = (first, i)
        if last is not None:
            found[key] = (group[last[1]], group[last[0] : last[1] + 1])
    return found


def _case_nos(members: list[dict], but: int) -> list[str]:
    """The case numbers of a group other than the case ``but``, each once, in time order."""
    return list(dict.fromkeys(m["case__case_no"] for m in members if m["case_id"] != but))


def _span(window: Window, members: list[dict], anchor: dict, days: int) -> dict:
    """The facts every windowed group states: the window, its first and last day and the
    other cases of the group."""
    return {
        "window_days": days,
        "since": _plain(members[0][window.when]),
        "until": _plain(anchor[window.when]),
        "group": _case_nos(members, anchor["case_id"]),
    }


def _day(value):
    """A date, or a moment's local day: windows count calendar days."""
    return day_of(value) if isinstance(value, datetime) else value


def _plain(value) -> str:
    value = _day(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def _mask(id_no: str) -> str:
    return f"{id_no[:6]}{'*' * max(len(id_no) - 10, 0)}{id_no[-4:]}"


def _hits(code: str, found: list[tuple[dict, str, dict]]):
    from guifan.checks.engine import Hit

    return [Hit(a["case_id"], code, key[:40], facts, a["case__unit_id"]) for a, key, facts in found]


# -- R1-05 同一检察官被投诉作风问题反复出现 ------------------------------------------------

COMPLAINTS = Window(("case__handler_id",), "received_at", "pk")


def repeated_conduct_complaints(cases: Q) -> list:
    p = params("R1-05")
    topic = Q()
    for word in p["topics"]:
        topic |= Q(topic__contains=word)
    rows = _in_scope(CaseComplaint, cases).filter(topic, case__handler__isnull=False)
    found = []
    groups = _groups(rows, COMPLAINTS, p["window_days"], p["min_count"], ("topic",))
    for key, (anchor, members) in groups.items():
        facts = _span(COMPLAINTS, members, anchor, p["window_days"])
        others = facts["group"]
        facts |= {
            "count": len(members),
            "topics": sorted({m["topic"] for m in members}),
            "note": f"同一承办人 {p['window_days']} 日内被投诉作风、态度问题 {len(members)} 次"
            + (f"（另涉案件 {'、'.join(others)}）" if others else "（均在本案）"),
        }
        found.append((anchor, f"handler={key[0]}", facts))
    return _hits("R1-05", found)


# -- R5-03 拆分立案、重复受案"冲数" ---------------------------------------------------------

SPLIT = Window(("id_no", "case__cause"), "case__accept_date", "case_id")


def _suspects(cases: Q) -> QuerySet:
    return _in_scope(Suspect, cases).exclude(id_no="").exclude(case__cause="")


def split_cases(cases: Q) -> list:
    p = params("R5-03")
    rows = _suspects(cases).filter(case__accept_date__isnull=False)
    found = []
    groups = _groups(rows, SPLIT, p["window_days"], p["min_cases"], ("name",))
    for (id_no, cause), (anchor, members) in groups.items():
        facts = _span(SPLIT, members, anchor, p["window_days"])
        others = facts["group"]
        facts |= {
            "person": members[-1]["name"],
            "id_no": _mask(id_no),
            "cause": cause,
            "count": len(others) + 1,
            "note": f"同一犯罪嫌疑人（{_mask(id_no)}）、同一案由“{cause}”{p['window_days']} 日内"
            f"受案 {len(others) + 1} 件，另有受案号 {'、'.join(others)}"
            "（是否属法定重新计算须人工核实）",
        }
        found.append((anchor, f"id={id_no}", facts))
    return _hits("R5-03", found)


# -- R5-04 年底突击结案、次年重新受理 ------------------------------------------------------

YEAR_END = 62  # days from a close in December to an acceptance in January at most


def reaccepted_after_year_end(cases: Q) -> list:
    p = params("R5-04")
    rows = _suspects(cases)
    closed = rows.annotate(month=ExtractMonth("case__close_date")).filter(
        case__close_date__isnull=False, month=p["close_month"]
    )
    earlier = closed.filter(
        id_no=OuterRef("id_no"),
        case__cause=OuterRef("case__cause"),
        case__close_date__lt=OuterRef("case__accept_date"),
        case__close_date__gt=OuterRef("case__accept_date") - timedelta(days=YEAR_END + 1),
    ).exclude(case_id=OuterRef("case_id"))
    fields = (*CASE, "id_no", "case__cause", "name")
    anchors = {
        (a["case_id"], a["id_no"]): a
        for a in rows.filter(id_no__in=closed.values("id_no"))
        .annotate(month=ExtractMonth("case__accept_date"))
        .filter(case__accept_date__isnull=False, month=p["accept_month"])
        .filter(Exists(earlier))
        .order_by("case__accept_date", "case_id", "pk")
        .values(*fields, "case__accept_date")
    }
    before = list(
        closed.filter(id_no__in={a["id_no"] for a in anchors.values()})
        .order_by("case__close_date", "case_id", "pk")
        .values(*fields, "case__close_date")
    )
    found = []
    for anchor in anchors.values():
        accepted = anchor["case__accept_date"]
        members = [
            m for m in before
            if (m["id_no"], m["case__cause"]) == (anchor["id_no"], anchor["case__cause"])
            and 0 < (accepted - m["case__close_date"]).days <= YEAR_END
            and m["case_id"] != anchor["case_id"]
        ]  # fmt: skip
        others = _case_nos(members, anchor["case_id"])
        facts = {
            "person": anchor["name"],
            "id_no": _mask(anchor["id_no"]),
            "cause": anchor["case__cause"],
            "closed_on": _plain(members[-1]["case__close_date"]),
            "accepted_on": _plain(accepted),
            "group": others,
            "count": len(others),
            "note": f"{'、'.join(others)} 于 {_plain(members[-1]['case__close_date'])} 结案，"
            f"本案 {_plain(accepted)} 又以同一犯罪嫌疑人、同一案由“{anchor['case__cause']}”受理",
        }
        found.append((anchor, f"id={anchor['id_no']}", facts))
    return _hits("R5-04", found)


# -- R8-02 特定律师与特定检察官高度关联 ----------------------------------------------------

LAWYERS = Window(("lawyer_name", "case__handler_id"), "submitted_at", "case_id")


def lawyer_and_prosecutor(cases: Q) -> list:
    """On the count alone: the 有利结论率 against the unit's mean (2 standard deviations) is
    left to the person reviewing, who is given the number of favourable outcomes."""
    p = params("R8-02")
    rows = (
        _in_scope(LawyerRequest, cases).exclude(lawyer_name="").filter(case__handler__isnull=False)
    )
    found = []
    groups = _groups(rows, LAWYERS, p["window_days"], p["min_cases"], ("case__close_type",))
    for (lawyer, handler), (anchor, members) in groups.items():
        closes = {m["case_id"]: m["case__close_type"] for m in members}
        favourable = sum(close in FAVOURABLE for close in closes.values())
        facts = _span(LAWYERS, members, anchor, p["window_days"])
        others = facts["group"]
        facts |= {
            "lawyer": lawyer,
            "count": len(closes),
            "favourable": favourable,
            "note": f"律师{lawyer}在同一承办人处 {p['window_days']} 日内代理 {len(closes)} 件"
            f"（另涉案件 {'、'.join(others)}），其中有利于犯罪嫌疑人的处理结论 {favourable} 件；"
            "有利结论率未与本院均值比较，须人工判断",
        }
        found.append((anchor, f"lawyer={lawyer}/{handler}", facts))
    return _hits("R8-02", found)


CROSS: dict[str, Callable[[Q], list]] = {
    "R7-04": handler_relatives,  # type A: decides (checks.conflicts)
    "R7-05": defender_conflicts,  # type A: decides (checks.conflicts)
    "R1-05": repeated_conduct_complaints,
    "R5-03": split_cases,
    "R5-04": reaccepted_after_year_end,
    "R8-02": lawyer_and_prosecutor,
}


def evaluate(cases: Q, codes) -> list:
    """The hits of the cross-case rules among ``codes`` over the cases ``cases`` selects."""
    return [hit for code in codes if code in CROSS for hit in CROSS[code](cases)]
