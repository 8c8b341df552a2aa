"""典型案例 for the 总结报告: cases graded 不合格 or 瑕疵 / 基本合格, and confirmed check
findings — the worst first, a few of each, each with what was wrong in a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf

from guifan.campaigns.models import Campaign
from guifan.cases.models import Grade
from guifan.checks.catalog import catalog
from guifan.checks.models import Finding, FindingStatus
from guifan.core import clock
from guifan.reports.grades import result_forms
from guifan.reports.selectors import report_units

POOR = (Grade.FAIL, Grade.FLAWED, Grade.BASIC)
LONGEST = 160


@dataclass(frozen=True)
class TypicalCase:
    unit: str
    case_no: str
    verdict: str  # 评为不合格案件 / 智能检查确认：…
    why: str


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def typical_cases(*, campaign: Campaign, user, each: int = 3) -> list[TypicalCase]:
    """Up to ``each`` poorly graded cases (不合格 first) and ``each`` confirmed findings."""
    forms = (
        result_forms(campaign=campaign, user=user)
        .annotate(result=Coalesce(NullIf("final_grade", Value("")), "grade"))
        .filter(result__in=POOR)
        .select_related("assignment__case__unit")
    )
    order = {grade: i for i, grade in enumerate(POOR)}
    poor = sorted(forms, key=lambda f: (order[f.result], f.assignment.case.case_no))[:each]
    found = [
        TypicalCase(
            unit=f.assignment.case.unit.short_name,
            case_no=f.assignment.case.case_no,
            verdict=f"评为{Grade(f.result).label}案件",
            why=_short(f.basis),
        )
        for f in poor
    ]
    units = report_units(campaign=campaign, user=user)
    confirmed = (
        Finding.objects.visible_to(user)
        .filter(unit__in=units, status=FindingStatus.CONFIRMED, decided_at__lte=clock.now())
        .select_related("case", "unit")
        .order_by("rule", "case__case_no")[:each]
    )
    rules = catalog()
    for finding in confirmed:
        rule = rules.get(finding.rule)
        found.append(TypicalCase(
            unit=finding.unit.short_name,
            case_no=finding.case.case_no,
            verdict=f"智能检查确认“{rule.title if rule else finding.rule}”",
            why=_short(finding.explanation),
        ))  # fmt: skip
    return found
