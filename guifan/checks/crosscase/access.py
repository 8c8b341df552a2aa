"""R7-03 非承办人员频繁查询案件 (规定二：不得打探案情): someone outside the case's team who
opened the same case ``min_queries`` or more times within ``window_days`` days, from the
案件查询日志 (``access_logs``) the 统一业务系统 exports.

The team is the handler, the 审核审批人, the 讯问人 of the case's interrogations and the
evaluators it is assigned to: the handler is left out in the database, the others once the
grouped count has kept the few (case, person) pairs with enough queries in all. Whose duty
is to read any case of the unit is no outsider either: the staff of the 案件管理 and 纪检监察
departments and the 检察长, 副检察长 and 专职委员 of the case's unit or a unit above it, and
whoever holds the 专项整治办 or 纪检监察 role for such a unit (``core.roles``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import F, Q

from guifan.accounts.models import RoleGrant
from guifan.cases.models import AccessLog, Case, Interrogation
from guifan.checks.crosscase.windows import (
    Window,
    hits,
    in_scope,
    params,
    plain_day,
    windowed,
)
from guifan.core.roles import OVERSIGHT_ROLES
from guifan.evaluation.models import Assignment
from guifan.org.models import BusinessLine, Person

READING_LINES = (BusinessLine.ANGUAN, BusinessLine.JIJIAN)
LEADERS = ("检察长", "副检察长", "检察委员会专职委员")

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


def _readers(pairs) -> set[tuple[int, str]]:
    """The (case id, 工号) of ``pairs`` whose role reads the case legitimately (three
    queries): a department, a leader's post or an oversight grant at the case's unit or a
    unit above it (its path begins the case unit's path)."""
    staff = {staff_no for _case, staff_no in pairs}
    paths = dict(
        Case.objects.filter(pk__in={case for case, _staff in pairs}).values_list("pk", "unit__path")
    )
    duty: dict[str, set[str]] = defaultdict(set)  # 工号 -> unit paths it reads
    people = Person.objects.filter(staff_no__in=staff)
    reading = people.filter(Q(department__line__in=READING_LINES) | Q(title__in=LEADERS))
    for staff_no, path in reading.values_list("staff_no", "unit__path"):
        duty[staff_no].add(path)
    grants = RoleGrant.objects.filter(role__in=OVERSIGHT_ROLES, user__person__staff_no__in=staff)
    for staff_no, path in grants.values_list("user__person__staff_no", "unit__path"):
        duty[staff_no].add(path or "")  # a grant without a unit reads every unit
    return {
        (case, staff_no)
        for case, staff_no in pairs
        if any(paths[case].startswith(path) for path in duty.get(staff_no, ()))
    }


def frequent_queries(cases: Q, as_of: date) -> list:
    p = params("R7-03")
    rows = in_scope(AccessLog, cases).exclude(
        Q(case__handler__isnull=False) & Q(staff_no=F("case__handler__staff_no"))
    )
    groups = windowed(rows, QUERIES, p["window_days"], p["min_queries"])
    team = _team({case_id for case_id, _staff in groups})
    strangers = {key: group for key, group in groups.items() if key[1] not in team[key[0]]}
    readers = _readers(set(strangers)) if strangers else set()
    strangers = {key: group for key, group in strangers.items() if key not in readers}
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
