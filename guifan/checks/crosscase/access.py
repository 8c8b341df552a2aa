"""R7-03 非承办人员频繁查询案件 (规定二：不得打探案情): someone outside the case's team who
opened the same case ``min_queries`` or more times within ``window_days`` days, from the
案件查询日志 (``access_logs``) the 统一业务系统 exports.

The team is the handler, the 审核审批人, the 讯问人 of the case's interrogations and the
evaluators it is assigned to: the handler is left out in the database, the others once the
grouped count has kept the few (case, person) pairs with enough queries in all.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import F, Q

from guifan.cases.models import AccessLog, Case, Interrogation
from guifan.checks.crosscase.windows import (
    Window,
    hits,
    in_scope,
    params,
    plain_day,
    windowed,
)
from guifan.evaluation.models import Assignment
from guifan.org.models import Person

QUERIES = Window(("case_id", "staff_no"), "queried_at", "pk")


def _team(case_ids: set[int]) -> dict[int, set[str]]:
    """{case id: 工号s of its team} besides the handler (three queries)."""
    team: dict[int, set[str]] = defaultdict(set)
    for pk, reviewers in Case.objects.filter(pk__in=case_ids).values_list("pk", "reviewers"):
        team[pk].update(no for no in reviewers.split(",") if no)
    asked = Interrogation.objects.filter(case_id__in=case_ids).exclude(interrogators="")
    for case_id, staff in asked.values_list("case_id", "interrogators"):
        team[case_id].update(no for no in staff.split(",") if no)
    assigned = Assignment.objects.filter(case_id__in=case_ids)
    for case_id, staff_no in assigned.values_list("case_id", "evaluator__staff_no"):
        team[case_id].add(staff_no)
    return team


def frequent_queries(cases: Q, as_of: date) -> list:
    p = params("R7-03")
    rows = in_scope(AccessLog, cases).exclude(
        Q(case__handler__isnull=False) & Q(staff_no=F("case__handler__staff_no"))
    )
    groups = windowed(rows, QUERIES, p["window_days"], p["min_queries"])
    team = _team({case_id for case_id, _staff in groups})
    strangers = {key: group for key, group in groups.items() if key[1] not in team[key[0]]}
    names = dict(
        Person.objects.filter(staff_no__in={staff for _case, staff in strangers}).values_list(
            "staff_no", "name"
        )
    )
    found = []
    for (_case_id, staff_no), (anchor, members) in strangers.items():
        who = f"{names.get(staff_no, '')}（{staff_no}）" if staff_no in names else staff_no
        facts = {
            "staff_no": staff_no,
            "staff_name": names.get(staff_no, ""),
            "count": len(members),
            "window_days": p["window_days"],
            "since": plain_day(members[0]["queried_at"]),
            "until": plain_day(anchor["queried_at"]),
            "note": f"非办案组成员 {who} {p['window_days']} 日内查询本案 {len(members)} 次",
        }
        found.append((anchor, f"staff={staff_no}", facts))
    return hits("R7-03", found)
