"""R8-02 特定律师与特定检察官高度关联: one lawyer in ``min_cases`` or more cases of one
prosecutor within the window, *and* the pair's rate of outcomes favouring the suspect
(有利结论率) above the unit's mean by more than ``sigmas`` standard deviations.

The unit's mean is the favourable share of its closed cases in which a lawyer made a request
(one grouped count per unit); the standard deviation is the one of a rate over as many closed
cases as the pair has, were they drawn from the unit (``sqrt(p(1-p)/n)``): five cases at a
unit's 20% give 17.9 points, so three favourable of five (60%) stand out and two (40%) do not.
A unit with fewer than ``min_unit_cases`` such cases gives no mean to compare with.
"""

from __future__ import annotations

import math
from datetime import date

from django.db.models import Count, Q, QuerySet

from guifan.cases.models import LawyerRequest
from guifan.checks.crosscase.windows import Window, hits, in_scope, params, window_facts, windowed
from guifan.checks.reference.flags import FAVOURABLE

LAWYERS = Window(("lawyer_name", "case__handler_id"), "submitted_at", "case_id")


def _unit_rates(rows: QuerySet) -> dict[int, tuple[int, int]]:
    """{unit id: (closed cases with a lawyer's request, favourable ones)} (one query)."""
    closed = rows.exclude(case__close_type="").order_by().values("case__unit_id")
    counted = closed.annotate(
        n=Count("case_id", distinct=True),
        favourable=Count("case_id", distinct=True, filter=Q(case__close_type__in=FAVOURABLE)),
    )
    return {r["case__unit_id"]: (r["n"], r["favourable"]) for r in counted}


def _percent(share: float) -> float:
    return round(100 * share, 1)


def _compared(closes: dict, base: tuple[int, int] | None, p: dict) -> dict | None:
    """The pair's rate against its unit's mean, or None when the rate does not stand out
    (or there is nothing to compare)."""
    closed = [close for close in closes.values() if close]
    if not closed or base is None or base[0] < p["min_unit_cases"]:
        return None
    rate = sum(close in FAVOURABLE for close in closed) / len(closed)
    mean = base[1] / base[0]
    sigma = math.sqrt(mean * (1 - mean) / len(closed))
    limit = mean + p["sigmas"] * sigma
    if rate <= limit + 1e-9:
        return None
    return {
        "closed_count": len(closed),
        "rate": _percent(rate),
        "unit_rate": _percent(mean),
        "unit_cases": base[0],
        "sigma": _percent(sigma),
        "limit": _percent(limit),
    }


def lawyer_and_prosecutor(cases: Q, as_of: date) -> list:
    p = params("R8-02")
    rows = (
        in_scope(LawyerRequest, cases).exclude(lawyer_name="").filter(case__handler__isnull=False)
    )
    found = []
    groups = windowed(rows, LAWYERS, p["window_days"], p["min_cases"], ("case__close_type",))
    bases = _unit_rates(rows) if groups else {}
    for (lawyer, handler), (anchor, members) in groups.items():
        closes = {m["case_id"]: m["case__close_type"] for m in members}
        compared = _compared(closes, bases.get(anchor["case__unit_id"]), p)
        if compared is None:
            continue
        favourable = sum(close in FAVOURABLE for close in closes.values())
        facts = window_facts(LAWYERS, members, anchor, p["window_days"])
        others = facts["group"]
        facts |= {"lawyer": lawyer, "count": len(closes), "favourable": favourable, **compared}
        facts["note"] = (
            f"律师{lawyer}在同一承办人处 {p['window_days']} 日内代理 {len(closes)} 件"
            f"（另涉案件 {'、'.join(others)}），已结 {compared['closed_count']} 件中有利于"
            f"犯罪嫌疑人的结论 {favourable} 件，有利结论率 {compared['rate']}%，高于本院均值"
            f" {compared['unit_rate']}%（{compared['unit_cases']} 件）加 {p['sigmas']} 个标准差"
            f"（{compared['limit']}%）"
        )
        found.append((anchor, f"lawyer={lawyer}/{handler}", facts))
    return hits("R8-02", found)
