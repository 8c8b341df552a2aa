"""What the 工作台 shows, per role."""

from __future__ import annotations

from guifan.accounts.selectors import account_summary, grants_of, role_summary
from guifan.cases.tallies import closed_counts_by_unit
from guifan.core.deadlines import Light
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.selectors import journal_summary
from guifan.org.selectors import org_summary
from guifan.rectification.selectors import counts_by_unit
from guifan.web.todos import todos_for

# The seed's campaign looks back at the cases of 2015.
LOOK_BACK_YEAR = 2015


def dashboard_for(user) -> dict:
    scope = scope_of(user)
    todos = todos_for(user)
    context = {
        "grants": grants_of(user),
        "todos": todos,
        "tiles": {
            "todo": len(todos),
            "due_soon": sum(1 for t in todos if t.light == Light.YELLOW),
            "overdue": sum(1 for t in todos if t.light == Light.RED),
        },
    }
    if scope.has(Role.SYSADMIN):
        context["accounts"] = account_summary(user=user)
    if scope.has(Role.SECADMIN):
        context["role_counts"] = role_summary(user=user)
    if scope.has(Role.AUDITADMIN):
        context["journal"] = journal_summary(user=user)
    if scope.has(Role.OFFICE, Role.INSPECTION, Role.LIAISON):
        context["org"] = org_summary(user=user)
        rows = closed_counts_by_unit(user=user, year=LOOK_BACK_YEAR)
        peak = max((row["total"] for row in rows), default=0) or 1
        context["case_bars"] = [
            {
                "label": row["unit__short_name"],
                "total": row["total"],
                "percent": round(row["total"] * 100 / peak),
            }
            for row in rows
        ]
        context["look_back_year"] = LOOK_BACK_YEAR
        context["rectification"] = counts_by_unit(user=user)
    return context
