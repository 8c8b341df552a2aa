"""The 总结报告's narrative: the office edits it on a page, each save a journaled version that
the next document uses; the PDF from the web button where LibreOffice is installed."""

import io

import pytest
from django.urls import reverse
from docx import Document

from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb
from guifan.reports import services
from guifan.reports.models import BuildStatus, CampaignDocument, Narrative
from guifan.reports.narrative import DEFAULT_NEXT_STEPS, KEYS


def _url(campaign):
    return reverse("reports:narrative", args=[campaign.pk])


def _texts(**changed) -> dict:
    return {key: "" for key in KEYS} | {"next_steps": DEFAULT_NEXT_STEPS} | changed


def test_the_office_saves_versions_and_the_journal_says_what_changed(cast, world, login):
    client = login(cast.office)
    page = client.get(_url(world)).content.decode()
    assert DEFAULT_NEXT_STEPS in page and "尚未保存" in page
    client.post(_url(world), _texts(opening="今年以来，全市检察机关……"))
    client.post(_url(world), _texts(opening="今年以来，全市检察机关……", cases="两件案例说明。"))
    assert list(Narrative.objects.values_list("number", flat=True)) == [2, 1]
    entries = Entry.objects.filter(verb=Verb.NARRATIVE_SAVE).order_by("seq")
    said = "保存“2016年规范司法行为专项整治“回头看””总结报告文稿"
    assert describe(list(entries)) == [
        f"{said}第 1 版（修改：导语（标题下的开篇段落））",
        f"{said}第 2 版（修改：五、典型案例（评析））",
    ]
    page = client.get(_url(world)).content.decode()
    assert "两件案例说明。" in page and page.count('data-testid="narrative-version"') == 2


def test_saving_the_same_text_again_makes_no_version(cast, world, login):
    client = login(cast.office)
    client.post(_url(world), _texts(opening="一"))
    page = client.post(_url(world), _texts(opening="一"), follow=True).content.decode()
    assert "文稿没有改动" in page and Narrative.objects.count() == 1


@pytest.mark.parametrize("who", ["inspector", "liaison_a", "evaluator", "sysadmin"])
def test_only_the_office_edits_the_narrative(cast, world, login, who):
    client = login(getattr(cast, who))
    assert client.get(_url(world)).status_code in (403, 404)
    assert client.post(_url(world), _texts(opening="x")).status_code in (403, 404)
    assert not Narrative.objects.exists()


def _create(client, campaign, callbacks, **data):
    url = reverse("reports:document_create", args=[campaign.pk])
    with callbacks(execute=True):
        return client.post(url, {"kind": "summary", **data})


def test_the_next_document_carries_the_latest_version(
    cast, world, login, django_capture_on_commit_callbacks
):
    client = login(cast.office)
    client.post(_url(world), _texts(evaluation="评查工作的体会。", next_steps="明年再查。"))
    _create(client, world, django_capture_on_commit_callbacks)
    document = CampaignDocument.objects.get()
    assert document.narrative["evaluation"] == "评查工作的体会。"
    download = client.get(reverse("reports:document_download", args=[document.pk]))
    texts = [p.text for p in Document(io.BytesIO(download.content)).paragraphs]
    assert "评查工作的体会。" in texts and texts[-1] == "明年再查。"


def test_the_pdf_from_the_web_button_where_libreoffice_is_installed(
    cast, world, login, django_capture_on_commit_callbacks, monkeypatch
):
    from guifan.evaluation import export

    client = login(cast.office)
    monkeypatch.setattr(export, "pdf_available", lambda: False)
    page = client.get(reverse("reports:overview", args=[world.pk])).content.decode()
    assert 'data-testid="document-pdf"' not in page
    page = _create(client, world, django_capture_on_commit_callbacks, pdf="on")
    assert not CampaignDocument.objects.exists()  # refused: no LibreOffice here

    monkeypatch.setattr(export, "pdf_available", lambda: True)
    monkeypatch.setattr(services, "_pdf", lambda data: b"%PDF-1.7 " + data[:4])
    page = client.get(reverse("reports:overview", args=[world.pk])).content.decode()
    assert 'data-testid="document-pdf"' in page
    _create(client, world, django_capture_on_commit_callbacks, pdf="on")
    document = CampaignDocument.objects.get()
    assert document.status == BuildStatus.DONE and document.pdf_path
    pdf_url = reverse("reports:document_pdf", args=[document.pk])
    assert pdf_url in client.get(reverse("reports:document", args=[document.pk])).content.decode()
    response = client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf" and response.content[:5] == b"%PDF-"
    assert login(cast.liaison_a).get(pdf_url).status_code == 403
