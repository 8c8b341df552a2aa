"""R8-03 处理结果显著偏离类案: a handler whose rate of 不诉/不捕 in a class of cases — the same
案件类别 (审查起诉 or 审查逮捕) and the same 罪名 — lies further than ``deviation`` from the
median of the class's handlers.

The rule compares within the same 罪名 *and* 数额档; the registry has no amount (涉案金额)
field, so a class is the 罪名 alone until one is imported. One grouped count per (类别, 罪名,
handler) over the cases closed within ``window_days`` before the business date gives every
figure: a class needs ``min_class_cases`` cases and ``min_handlers`` handlers with at least
``min_handler_cases`` cases each, whose rates give the median. The flag is attached to the
handler's latest case of the class, deviating up (more lenient) or down.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count, Q

from guifan.cases.kinds import ARREST_REVIEWS, PROSECUTION_REVIEWS, RELEASING
from guifan.cases.models import Case
from guifan.checks.crosscase.windows import hits, params

DECIDED = PROSECUTION_REVIEWS | ARREST_REVIEWS


def _counts(cases: Q, since: date, as_of: date):
    """Rows of (category, cause, handler_id, unit_id, n, lenient), one query."""
    rows = (
        Case.objects.filter(cases)
        .filter(category__in=DECIDED, handler__isnull=False)
        .filter(close_date__gte=since, close_date__lte=as_of)
        .exclude(cause="")
        .exclude(close_type="")
    )
    return rows, (
        rows.order_by()
        .values("category", "cause", "handler_id")
        .annotate(n=Count("pk"), lenient=Count("pk", filter=Q(close_type__in=RELEASING)))
    )


def _outliers(counts, p: dict) -> dict[tuple, dict]:
    """{(category, cause, handler): facts} of the handlers deviating from their class."""
    classes: dict[tuple, list[dict]] = defaultdict(list)
    for row in counts:
        classes[(row["category"], row["cause"])].append(row)
    found = {}
    for (category, cause), members in classes.items():
        ranked = [m for m in members if m["n"] >= p["min_handler_cases"]]
        total = sum(m["n"] for m in members)
        if total < p["min_class_cases"] or len(ranked) < p["min_handlers"]:
            continue
        median = statistics.median(m["lenient"] / m["n"] for m in ranked)
        lenient = sum(m["lenient"] for m in members)
        for m in ranked:
            rate = m["lenient"] / m["n"]
            if abs(rate - median) <= p["deviation"] + 1e-9:
                continue
            found[(category, cause, m["handler_id"])] = {
                "category": category,
                "cause": cause,
                "handler_cases": m["n"],
                "lenient": m["lenient"],
                "rate": round(100 * rate, 1),
                "class_median": round(100 * median, 1),
                "class_rate": round(100 * lenient / total, 1),
                "class_cases": total,
                "class_handlers": len(ranked),
            }
    return found


def _note(facts: dict, p: dict) -> str:
    way = "高于" if facts["rate"] > facts["class_median"] else "低于"
    return (
        f"{facts['category']}“{facts['cause']}”类案 {facts['class_cases']} 件"
        f"（{facts['class_handlers']} 名承办人），本人办结 {facts['handler_cases']} 件、"
        f"不诉（不捕）{facts['lenient']} 件，比例 {facts['rate']}%，{way}类案中位数 "
        f"{facts['class_median']}% 逾 {round(100 * p['deviation'])} 个百分点"
        "（登记中无涉案数额，未分数额档）"
    )


def deviating_outcomes(cases: Q, as_of: date) -> list:
    p = params("R8-03")
    rows, counts = _counts(cases, as_of - timedelta(days=p["window_days"]), as_of)
    found = _outliers(counts, p)
    if not found:
        return []
    anchors = {}
    latest = (
        rows.filter(handler_id__in={key[2] for key in found})
        .order_by("close_date", "pk")
        .values("pk", "case_no", "unit_id", "category", "cause", "handler_id")
    )
    for row in latest:  # the last row of each key is its latest case
        key = (row["category"], row["cause"], row["handler_id"])
        if key in found:
            anchors[key] = {"case_id": row["pk"], "case__unit_id": row["unit_id"]}
    result = []
    for key, facts in found.items():
        facts["note"] = _note(facts, p)
        result.append((anchors[key], f"handler={key[2]}/{key[1]}", facts))
    return hits("R8-03", result)
