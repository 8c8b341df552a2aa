"""Reads of runs and findings, scoped to the user (``None``: the server's shell)."""

from __future__ import annotations

from django.db.models import Count, Q

from guifan.checks.catalog import catalog
from guifan.checks.models import Finding, FindingStatus, Run


def _findings(user):
    rows = Finding.objects.all() if user is None else Finding.objects.visible_to(user)
    return rows.select_related("case", "case__handler", "unit")


def _handler_q(handler: str) -> Q:
    """A handler named by 工号 or by name (the linked person's or the one exported)."""
    return (
        Q(case__handler__staff_no=handler)
        | Q(case__handler__name=handler)
        | Q(case__handler__isnull=True, case__handler_name=handler)
    )


def filtered(rows, *, rule="", unit=None, status="", category=None, handler=""):
    if rule:
        rows = rows.filter(rule=rule)
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    if status:
        rows = rows.filter(status=status)
    if category:
        rows = rows.filter(rule__in=[c for c, r in catalog().items() if r.category == category])
    if handler:
        rows = rows.filter(_handler_q(handler))
    return rows


def finding_list(*, user, closed: bool = False, **filters):
    """Findings the user may see, the still-holding ones unless ``closed``; filtered by
    rule, unit (with those below), status, category (1–8) and handler."""
    rows = _findings(user)
    if not closed:
        rows = rows.filter(holds=True)
    rows = filtered(rows, **filters)
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


_DECIDED = {
    "total": Count("pk"),
    "confirmed": Count("pk", filter=Q(status=FindingStatus.CONFIRMED)),
    "dismissed": Count("pk", filter=Q(status=FindingStatus.DISMISSED)),
}


def counts_by(*, user, by: str, **filters) -> list[dict]:
    """Findings still holding, confirmed and dismissed per unit, per category or per
    handler, among those the user sees with the list's filters; most first."""
    rows = filtered(_findings(user).filter(holds=True), **filters).order_by()
    if by == "category":
        per_rule = rows.values("rule").annotate(**_DECIDED)
        out: dict[int, dict] = {}
        for row in per_rule:
            rule = catalog().get(row["rule"])
            if rule is None:
                continue
            entry = out.setdefault(
                rule.category,
                {"key": rule.category, "label": rule.category_label, "total": 0,
                 "confirmed": 0, "dismissed": 0},
            )  # fmt: skip
            for field in _DECIDED:
                entry[field] += row[field]
        return sorted(out.values(), key=lambda r: r["key"])
    if by == "unit":
        grouped = rows.values("unit__code", "unit__short_name", "unit__path").annotate(**_DECIDED)
        return [
            {"key": r["unit__code"], "label": r["unit__short_name"], **_only(r)}
            for r in sorted(grouped, key=lambda r: r["unit__path"])
        ]
    grouped = rows.values(
        "case__handler__staff_no", "case__handler__name", "case__handler_name", "unit__short_name"
    ).annotate(**_DECIDED)
    out_rows = [
        {
            "key": r["case__handler__staff_no"] or r["case__handler_name"],
            "label": r["case__handler__name"] or r["case__handler_name"] or "—",
            "unit": r["unit__short_name"],
            **_only(r),
        }
        for r in grouped
    ]
    return sorted(out_rows, key=lambda r: (-r["total"], r["label"]))


def _only(row: dict) -> dict:
    return {field: row[field] for field in _DECIDED}


def finding_rows(*, user=None, **filters) -> list[dict]:
    return [finding_row(f) for f in finding_list(user=user, **filters)]


def rule_counts(*, user) -> list[dict]:
    """Per rule: findings still holding, confirmed and dismissed (a rule dismissed often is a
    bad rule), among those the user may see."""
    counts = {
        row["rule"]: row
        for row in _findings(user).filter(holds=True).order_by().values("rule").annotate(**_DECIDED)
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


def notice_list(*, user, late: bool = False, unit=None):
    """流程监控通知书 the user sees (``None``: the server's shell, all of them), of ``unit``
    and those below it (``late``: those whose reply is overdue or came late)."""
    from guifan.checks.models import MonitorNotice
    from guifan.core import clock

    rows = MonitorNotice.objects.all() if user is None else MonitorNotice.objects.visible_to(user)
    rows = rows.select_related("case", "unit", "handler")
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    if late:
        rows = rows.filter(Q(replied_at__isnull=False) | Q(reply_by__lt=clock.today()))
        return [n for n in rows if n.late]
    return rows


def notice_row(n) -> dict:
    """One notice as the API and ``guifan checks notices --json`` give it."""
    return {
        "id": n.pk,
        "number": n.number,
        "case_no": n.case.case_no,
        "unit": n.unit.code,
        "handler": n.handler.name,
        "handler_staff_no": n.handler.staff_no,
        "period": n.period,
        "deadline": n.deadline.isoformat(),
        "overdue_days": n.overdue_days,
        "content": n.content,
        "reply_by": n.reply_by.isoformat(),
        "issued_at": n.issued_at.isoformat(),
        "reply": n.reply,
        "replied_at": n.replied_at.isoformat() if n.replied_at else None,
        "late": n.late,
    }
