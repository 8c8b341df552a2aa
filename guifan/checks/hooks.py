"""What checks plugs into lower apps: its findings on the case page, the link from a
rectification item back to the finding it came from, and its rule catalog in the knowledge
base."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.cases.panels import case_panel
from guifan.rectification.models import Source
from guifan.rectification.sources import source_link


@case_panel
def findings_panel(user, case):
    from guifan.checks.selectors import case_findings

    findings = list(case_findings(user=user, case=case))
    return "checks/includes/case_panel.html", {"findings": findings}


@source_link(Source.CHECK)
def finding_link(user, ref: str):
    from guifan.checks.models import Finding

    pk = ref.removeprefix("checks.finding:")
    shown = pk.isdigit() and Finding.objects.visible_to(user).filter(pk=int(pk)).exists()
    url = reverse("checks:finding", args=[int(pk)]) if shown else None
    return _("智能辅助评查发现的问题"), url
