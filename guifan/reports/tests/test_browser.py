"""In a real browser: the office opens the 领导驾驶舱 of the demo campaign, sees the charts
drawn by the ECharts the project installed (nothing fetched from elsewhere, no console
error), downloads the statistics and the 总结报告."""

import os
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from docx import Document

from guifan.campaigns.models import Campaign
from guifan.core.clock import frozen_at
from guifan.demo.services import demo_load
from guifan.org.models import Department

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.skipif(
    finders.find("reports/vendor/echarts.min.js") is None,
    reason="ECharts is not installed (./run installs it from the npm registry)",
)
def test_the_office_sees_the_charts_and_downloads_the_report(sign_in, live_server):
    demo_load(cases=200)
    campaign = Campaign.objects.get()
    with frozen_at(timezone.make_aware(datetime(2016, 3, 25, 10))):
        office = sign_in("office")
        errors, foreign = [], []
        office.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        office.on("pageerror", lambda e: errors.append(str(e)))
        here = urlparse(live_server.url).netloc
        office.on(
            "request",
            lambda r: foreign.append(r.url) if urlparse(r.url).netloc not in ("", here) else None,
        )
        office.goto(f"{live_server.url}/campaigns/{campaign.pk}/")
        office.click("[data-testid=overview-link]")
        office.wait_for_selector("[data-chart] canvas")
        assert office.locator("[data-chart] canvas").count() >= 6
        # The city and its ten 县区院, and a row for each of the 市院's departments.
        departments = Department.objects.filter(unit__tier="city").count()
        assert departments > 0
        assert office.locator("[data-testid=table-progress] tbody tr").count() == 11 + departments
        # The four 回头看 questions, drawn and tabled; check findings by rule, tabled.
        assert office.locator("[data-testid=table-lookback_question] tbody tr").count() == 4
        assert office.locator("[data-chart=chart-lookback_question] canvas").count() == 1
        assert office.locator("[data-testid=table-check_rules]").count() == 1
        assert office.locator("[data-testid=charts-missing]").count() == 0
        if os.environ.get("GUIFAN_SCREENSHOTS"):  # for a person to look at
            shot = Path(os.environ["GUIFAN_SCREENSHOTS"]) / "reports-overview.png"
            office.screenshot(path=str(shot), full_page=True)

        with office.expect_download() as xlsx:
            office.click("[data-testid=export]")
        assert xlsx.value.suggested_filename.endswith("统计表.xlsx")

        office.select_option("[data-testid=document-kind]", "summary")
        # The test's task backend builds the document inside the request: allow for it.
        office.click("[data-testid=document-create]", timeout=120_000)
        office.wait_for_selector("[data-testid=document-download]", timeout=120_000)
        with office.expect_download() as docx:
            office.click("[data-testid=document-download]")
        report = Document(str(docx.value.path()))
        assert "一、基本情况" in [p.text for p in report.paragraphs]
        assert len(report.tables) >= 5
    assert not errors, errors
    assert not foreign, foreign
