"""Groups of records within a window: complaints about one handler (R1-05), one suspect
accepted again (R5-03, R5-04)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractMonth

from guifan.cases.models import CaseComplaint, Suspect
from guifan.checks.crosscase.windows import (
    CASE,
    Window,
    case_nos,
    hits,
    in_scope,
    mask,
    params,
    plain_day,
    window_facts,
    windowed,
)

# -- R1-05 同一检察官被投诉作风问题反复出现 ------------------------------------------------

COMPLAINTS = Window(("case__handler_id",), "received_at", "pk")


def repeated_conduct_complaints(cases: Q, as_of: date) -> list:
    p = params("R1-05")
    topic = Q()
    for word in p["topics"]:
        topic |= Q(topic__contains=word)
    rows = in_scope(CaseComplaint, cases).filter(topic, case__handler__isnull=False)
    found = []
    groups = windowed(rows, COMPLAINTS, p["window_days"], p["min_count"], ("topic",))
    for key, (anchor, members) in groups.items():
        facts = window_facts(COMPLAINTS, members, anchor, p["window_days"])
        others = facts["group"]
        facts |= {
            "count": len(members),
            "topics": sorted({m["topic"] for m in members}),
            "note": f"同一承办人 {p['window_days']} 日内被投诉作风、态度问题 {len(members)} 次"
            + (f"（另涉案件 {'、'.join(others)}）" if others else "（均在本案）"),
        }
        found.append((anchor, f"handler={key[0]}", facts))
    return hits("R1-05", found)


# -- R5-03 拆分立案、重复受案"冲数" ---------------------------------------------------------

SPLIT = Window(("id_no", "case__cause"), "case__accept_date", "case_id")


def _suspects(cases: Q) -> QuerySet:
    return in_scope(Suspect, cases).exclude(id_no="").exclude(case__cause="")


def split_cases(cases: Q, as_of: date) -> list:
    p = params("R5-03")
    rows = _suspects(cases).filter(case__accept_date__isnull=False)
    found = []
    groups = windowed(rows, SPLIT, p["window_days"], p["min_cases"], ("name",))
    for (id_no, cause), (anchor, members) in groups.items():
        facts = window_facts(SPLIT, members, anchor, p["window_days"])
        others = facts["group"]
        facts |= {
            "person": members[-1]["name"],
            "id_no": mask(id_no),
            "cause": cause,
            "count": len(others) + 1,
            "note": f"同一犯罪嫌疑人（{mask(id_no)}）、同一案由“{cause}”{p['window_days']} 日内"
            f"受案 {len(others) + 1} 件，另有受案号 {'、'.join(others)}"
            "（是否属法定重新计算须人工核实）",
        }
        found.append((anchor, f"id={id_no}", facts))
    return hits("R5-03", found)


# -- R5-04 年底突击结案、次年重新受理 ------------------------------------------------------

YEAR_END = 62  # days from a close in December to an acceptance in January at most


def reaccepted_after_year_end(cases: Q, as_of: date) -> list:
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
        others = case_nos(members, anchor["case_id"])
        facts = {
            "person": anchor["name"],
            "id_no": mask(anchor["id_no"]),
            "cause": anchor["case__cause"],
            "closed_on": plain_day(members[-1]["case__close_date"]),
            "accepted_on": plain_day(accepted),
            "group": others,
            "count": len(others),
            "note": f"{'、'.join(others)} 于 {plain_day(members[-1]['case__close_date'])} 结案，"
            f"本案 {plain_day(accepted)} 又以同一犯罪嫌疑人、同一案由“{anchor['case__cause']}”受理",
        }
        found.append((anchor, f"id={anchor['id_no']}", facts))
    return hits("R5-04", found)
