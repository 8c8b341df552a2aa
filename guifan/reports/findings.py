"""What the automated checks found in the campaign's units, rule by rule, and what people
decided about it (待核实 / 已确认 / 已排除): one grouped query over ``checks.Finding``."""

from __future__ import annotations

from django.db.models import Count, Q

from guifan.campaigns.models import Campaign
from guifan.checks.catalog import catalog
from guifan.checks.models import Finding, FindingStatus
from guifan.core import clock
from guifan.org.models import Unit
from guifan.reports.selectors import report_units
from guifan.reports.tables import Table, rate

PENDING, CONFIRMED, DISMISSED = (
    FindingStatus.PENDING,
    FindingStatus.CONFIRMED,
    FindingStatus.DISMISSED,
)


def _label(code: str) -> str:
    found = catalog().get(code)
    return f"{code} {found.title}" if found else code


def findings_by_rule(*, campaign: Campaign, user, unit: Unit | None = None) -> Table:
    """Per rule: findings still to verify, confirmed, dismissed, and those no longer holding
    that nobody decided (a later run no longer found them)."""
    units = report_units(campaign=campaign, user=user, unit=unit)
    rows = (
        Finding.objects.visible_to(user)
        .filter(unit__in=units, found_at__lte=clock.now())
        .order_by()
        .values("rule")
        .annotate(
            pending=Count("id", filter=Q(status=PENDING, holds=True)),
            confirmed=Count("id", filter=Q(status=CONFIRMED)),
            dismissed=Count("id", filter=Q(status=DISMISSED)),
            lapsed=Count("id", filter=Q(status=PENDING, holds=False)),
        )
    )
    table = Table(
        key="check_rules",
        title="智能检查发现（按规则）",
        columns=["检查规则", *(s.label for s in FindingStatus), "已不成立", "合计", "确认率（%）"],
        chart="stack",
        series=[1, 2, 3],
        note="已不成立：后一次检查不再发现、未经核实的疑点。确认率：已确认占已核实的比例。",
    )
    for row in sorted(rows, key=lambda r: r["rule"]):
        counts = [row["pending"], row["confirmed"], row["dismissed"], row["lapsed"]]
        decided = row["confirmed"] + row["dismissed"]
        table.rows.append(
            [_label(row["rule"]), *counts, sum(counts), rate(row["confirmed"], decided)]
        )
    return table
