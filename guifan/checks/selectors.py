"""Reads of runs and findings, scoped to the user (``None``: the server's shell)."""

from __future__ import annotations

from django.db.models import Count, Q

from guifan.checks.catalog import catalog
from guifan.checks.models import Finding, FindingStatus, Run


def _findings(user):
    rows = Finding.objects.all() if user is None else Finding.objects.visible_to(user)
    return rows.select_related("case", "unit")


def finding_list(*, user, rule: str = "", unit=None, status: str = "", closed: bool = False):
    """Findings the user may see, the still-holding ones unless ``closed``."""
    rows = _findings(user)
    if not closed:
        rows = rows.filter(holds=True)
    if rule:
        rows = rows.filter(rule=rule)
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("rule", "unit__path", "case__case_no", "subject")


def finding_row(f: Finding) -> dict:
    return {
        "id": f.pk,
        "rule": f.rule,
        "case_no": f.case.case_no,
        "unit": f.unit.code,
        "status": f.status,
        "deadline": f.deadline,
        "actual": f.actual,
        "facts": f.facts,
        "explanation": f.explanation,
        "citation": f.citation,
        "holds": f.holds,
    }


def finding_rows(*, user=None, **filters) -> list[dict]:
    return [finding_row(f) for f in finding_list(user=user, **filters)]


def rule_counts(*, user) -> list[dict]:
    """Per rule: findings still holding, confirmed and dismissed (a rule dismissed often is a
    bad rule), among those the user may see."""
    counts = {
        row["rule"]: row
        for row in _findings(user)
        .filter(holds=True)
        .values("rule")
        .annotate(
            total=Count("pk"),
            confirmed=Count("pk", filter=Q(status=FindingStatus.CONFIRMED)),
            dismissed=Count("pk", filter=Q(status=FindingStatus.DISMISSED)),
        )
    }
    return [
        {**counts.get(code, {"total": 0, "confirmed": 0, "dismissed": 0}), "rule": r}
        for code, r in catalog().items()
    ]


def run_list(*, user):
    return Run.objects.visible_to(user).select_related("unit", "created_by")[:20]


def case_findings(*, user, case):
    return _findings(user).filter(case=case, holds=True).order_by("rule", "subject")


def due_list(*, user, extra_days: int = 0) -> list[dict]:
    """流程监控: the open cases the user sees whose period ends soon or has ended."""
    from guifan.cases.models import Case
    from guifan.cases.models.case import case_visibility_q
    from guifan.checks.monitor import due_cases
    from guifan.core import clock
    from guifan.core.deadlines import calendar
    from guifan.core.scoping import scope_of

    visible = case_visibility_q(scope_of(user))
    due = due_cases(visible, today=clock.today(), cal=calendar(), extra_days=extra_days)
    cases = Case.objects.select_related("unit", "handler").in_bulk([d.case_id for d in due])
    return [{"due": d, "case": cases[d.case_id]} for d in due]


def notice_list(*, user, late: bool = False):
    """流程监控通知书 the user sees (``late``: those whose reply is overdue or came late)."""
    from guifan.checks.models import MonitorNotice
    from guifan.core import clock

    rows = MonitorNotice.objects.visible_to(user).select_related("case", "unit", "handler")
    if late:
        rows = rows.filter(Q(replied_at__isnull=False) | Q(reply_by__lt=clock.today()))
        return [n for n in rows if n.late]
    return rows


def due_by_unit(rows: list[dict], units) -> list[dict]:
    """临期 and 超期 counts per unit (each unit counting the units below it)."""
    out = []
    for unit in units:
        mine = [r for r in rows if r["case"].unit.path.startswith(unit.path)]
        overdue = sum(r["due"].overdue for r in mine)
        if mine:
            out.append({"unit": unit, "near": len(mine) - overdue, "overdue": overdue})
    return out
