"""What checks plugs into lower apps: its findings on the case page, the link from a
rectification item back to the finding it came from, the confirmed findings that start a
case's 登记表, and "has a confirmed finding" as a condition of a draw rule."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from guifan.cases.panels import case_panel
from guifan.draws.conditions import condition_source
from guifan.evaluation.prefill import form_prefill
from guifan.rectification.models import Source
from guifan.rectification.sources import source_link


@case_panel
def findings_panel(request, case) -> str:
    from guifan.checks.selectors import case_findings

    findings = list(case_findings(user=request.user, case=case))
    return render_to_string(
        "checks/includes/case_panel.html", {"panel": {"findings": findings}}, request=request
    )


@source_link(Source.CHECK)
def finding_link(user, ref: str):
    from guifan.checks.models import Finding

    pk = ref.removeprefix("checks.finding:")
    shown = pk.isdigit() and Finding.objects.visible_to(user).filter(pk=int(pk)).exists()
    url = reverse("checks:finding", args=[int(pk)]) if shown else None
    return _("智能辅助评查发现的问题"), url


@form_prefill
def confirmed_findings(case) -> list[dict]:
    """A confirmed finding starts the case's 登记表 (already on the rectification list)."""
    from guifan.checks.models import Finding, FindingStatus

    rows = Finding.objects.filter(case=case, status=FindingStatus.CONFIRMED, holds=True)
    return [
        {
            "dimension": "办案程序",
            "category": f.catalog.category_label,
            "description": _(
                "%(rule)s %(title)s：%(text)s（智能辅助评查发现，已确认并列入整改清单）"
            )
            % {"rule": f.rule, "title": f.catalog.title, "text": f.explanation},
            "legal_basis": f.citation,
            "severity": "serious" if f.catalog.severity == "严重" else "minor",
        }
        for f in rows.order_by("rule", "subject")
    ]


@condition_source("check_finding", _lazy("有已确认的智能检查问题"), choices={})
def confirmed_finding_cases(value: str, year: int):
    """Cases with a finding the office confirmed; a finding is about the case itself, so the
    rule's year is already in its population (closure, judgment, letter...), not here."""
    from guifan.checks.models import Finding, FindingStatus

    return Finding.objects.filter(status=FindingStatus.CONFIRMED).values("case_id")
