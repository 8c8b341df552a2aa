"""The 领导驾驶舱, the unit page, their .xlsx and the documents: who gets what."""

import io

import openpyxl
import pytest
from django.urls import reverse

from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.reports import views
from guifan.reports.models import BuildStatus, CampaignDocument


def overview(campaign):
    return reverse("reports:overview", args=[campaign.pk])


def test_the_office_sees_every_units_figures_with_a_chart_and_a_table(cast, world, login):
    page = login(cast.office).get(overview(world))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="table-progress"' in html and '<th scope="row">乙县</th>' in html
    assert 'data-chart="chart-progress"' in html and 'id="chart-progress"' in html
    assert "reports/vendor/echarts.min.js" in html or 'data-testid="charts-missing"' in html
    assert "<script>" not in html  # no inline script: the strict CSP holds


def test_without_echarts_the_tables_show_and_a_message_explains(cast, world, login, monkeypatch):
    monkeypatch.setattr(views, "echarts_url", lambda: None)
    html = login(cast.office).get(overview(world)).content.decode()
    assert "没有安装图表组件（ECharts）" in html
    assert 'data-testid="table-rectification"' in html and "data-chart=" not in html


@pytest.mark.parametrize("who", ["liaison_a", "evaluator", "handler", "sysadmin"])
def test_the_overview_refuses_everyone_but_oversight(cast, world, login, who):
    assert login(getattr(cast, who)).get(overview(world)).status_code in (403, 404)
    export = reverse("reports:overview_export", args=[world.pk])
    assert login(getattr(cast, who)).get(export).status_code in (403, 404)


def test_a_liaison_sees_its_own_unit_only(cast, world, login):
    url = reverse("reports:unit", args=[world.pk])
    page = login(cast.liaison_a).get(url)
    assert page.status_code == 200
    assert '<th scope="row">甲区</th>' in page.content.decode()
    assert "乙县" not in page.content.decode()
    assert login(cast.liaison_a).get(url, {"unit": cast.unit_b.pk}).status_code == 404
    export = reverse("reports:unit_export", args=[world.pk])
    assert login(cast.liaison_a).get(export, {"unit": cast.unit_b.pk}).status_code == 404
    assert login(cast.evaluator).get(url).status_code == 403


def test_the_office_opens_any_units_page(cast, world, login):
    url = reverse("reports:unit", args=[world.pk])
    page = login(cast.office).get(url, {"unit": cast.unit_b.pk})
    assert page.status_code == 200 and "乙县" in page.content.decode()
    assert login(cast.office).get(url, {"unit": "x"}).status_code == 404


def test_a_liaison_never_gets_the_figures_cached_for_the_office(cast, world, login):
    url = reverse("reports:unit_export", args=[world.pk])
    office = _sheet(login(cast.office).get(url, {"unit": cast.unit_b.pk}).content, "各单位评查结果")
    liaison = _sheet(login(cast.liaison_b).get(url).content, "各单位评查结果")
    assert office[0] == ["乙县", 0, 0, 1, 0, 1, 0]  # the 复查 result in its objection period
    assert liaison[0] == ["乙县", 0, 0, 0, 0, 0, 0]  # the unit sees final results only


def _sheet(content: bytes, title: str) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in book[title].iter_rows(min_row=4, values_only=True)]


def test_the_export_holds_the_figures_of_the_page_and_is_journaled(cast, world, login):
    response = login(cast.office).get(reverse("reports:overview_export", args=[world.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _sheet(response.content, "各单位整改情况")
    assert rows[1] == ["甲区", 0, 1, 0, 1, 2, 1, 1, 50]
    entry = Entry.objects.filter(verb=Verb.EXPORT).order_by("seq").last()
    assert "campaign_statistics" in entry.payload


def test_the_unit_export_has_the_units_rows(cast, world, login):
    url = reverse("reports:unit_export", args=[world.pk])
    rows = _sheet(login(cast.liaison_b).get(url).content, "各单位工作进度")
    assert rows[0] == ["乙县", 0, 0, 0, 0, 4, 0, 4, 0]
    assert rows[-1][0].startswith("注：")


def _create(client, campaign, kind="summary", callbacks=None):
    url = reverse("reports:document_create", args=[campaign.pk])
    with callbacks(execute=True):
        return client.post(url, {"kind": kind, "next_steps": "继续督促整改。"})


def test_the_office_asks_for_the_summary_and_downloads_it(
    cast, world, login, django_capture_on_commit_callbacks
):
    client = login(cast.office)
    response = _create(client, world, callbacks=django_capture_on_commit_callbacks)
    document = CampaignDocument.objects.get()
    assert response.url == reverse("reports:document", args=[document.pk])
    assert document.status == BuildStatus.DONE and document.progress == 100
    assert Entry.objects.filter(verb=Verb.DOCUMENT_REQUEST).count() == 1
    page = client.get(response.url)
    assert 'data-testid="document-download"' in page.content.decode()
    download = client.get(reverse("reports:document_download", args=[document.pk]))
    assert download.content[:2] == b"PK"
    assert (
        "总结报告" in download["Content-Disposition"]
        or "%E6%80%BB" in download["Content-Disposition"]
    )


def test_only_the_issuing_units_office_asks_and_oversight_downloads(
    cast, world, login, django_capture_on_commit_callbacks
):
    callbacks = django_capture_on_commit_callbacks
    assert _create(login(cast.inspector), world, callbacks=callbacks).status_code == 403
    assert _create(login(cast.liaison_a), world, callbacks=callbacks).status_code == 403
    _create(login(cast.office), world, "bulletin", callbacks=callbacks)
    document = CampaignDocument.objects.get()
    download = reverse("reports:document_download", args=[document.pk])
    assert login(cast.inspector).get(download).status_code == 200
    assert login(cast.liaison_a).get(download).status_code == 403
    assert (
        login(cast.liaison_a).get(reverse("reports:document", args=[document.pk])).status_code
        == 403
    )
