"""The pages: the header's question box, /kb, a passage, citations, documents, upload —
and each one's refusal."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guifan.knowledge.models import Document, Passage


def test_the_header_has_a_question_box_for_business_users_only(cast, login):
    page = login(cast.liaison_a).get("/").content.decode()
    assert 'data-testid="kb-box"' in page
    admin_page = login(cast.sysadmin).get("/").content.decode()
    assert 'data-testid="kb-box"' not in admin_page


def test_asking_shows_the_passage_with_its_source_and_marks(cast, login, seed):
    page = login(cast.liaison_b).get("/kb/", {"q": "回头看是从哪天开始的"}).content.decode()
    assert "规范司法行为总结" in page
    assert "<mark>" in page and "3月14日" in page


def test_a_question_nobody_can_answer_says_so(cast, login, seed):
    page = login(cast.liaison_b).get("/kb/", {"q": "火星"}).content.decode()
    assert "没有找到相关内容" in page


def test_a_citation_link_opens_the_article(cast, login, law_file):
    from guifan.knowledge.services import knowledge_load

    knowledge_load(paths=[law_file])
    client = login(cast.handler)
    response = client.get("/kb/cite/", {"ref": "《测试程序法》第172条"})
    passage = Passage.objects.get(article=172)
    assert response.status_code == 302 and response.url == f"/kb/passages/{passage.pk}/"
    page = client.get(response.url).content.decode()
    assert "审查起诉应当在一个月以内作出决定" in page
    unknown = client.get("/kb/cite/", {"ref": "《测试程序法》第999条"})
    assert unknown.status_code == 302 and unknown.url.startswith("/kb/?q=")


@pytest.mark.parametrize("path", ["/kb/", "/kb/cite/?ref=x", "/kb/documents/"])
def test_administrators_are_refused_every_page(cast, login, path):
    for admin in (cast.sysadmin, cast.secadmin, cast.auditadmin):
        assert login(admin).get(path).status_code == 403


def test_a_passage_of_another_unit_is_not_found(cast, login):
    from guifan.knowledge.services import document_upload

    version = document_upload(
        by=cast.office, name="甲区.txt", unit=cast.unit_a, data="甲区通知\n甲区内部事项。".encode()
    )
    passage = version.passages.get()
    assert login(cast.liaison_a).get(f"/kb/passages/{passage.pk}/").status_code == 200
    assert login(cast.liaison_b).get(f"/kb/passages/{passage.pk}/").status_code == 404
    assert login(cast.auditadmin).get(f"/kb/passages/{passage.pk}/").status_code == 403
    assert login(cast.liaison_b).get("/kb/passages/999999/").status_code == 404


def test_the_office_uploads_from_the_page(cast, login):
    client = login(cast.office)
    assert client.get("/kb/documents/upload/").status_code == 200
    upload = SimpleUploadedFile("评查须知.txt", "评查须知\n评查员应当回避本院案件。".encode())
    response = client.post("/kb/documents/upload/", {"file": upload, "unit": cast.unit_a.pk})
    assert response.status_code == 302
    document = Document.objects.get(title="评查须知")
    assert document.unit == cast.unit_a and document.owner == cast.city


def test_a_bad_upload_keeps_the_page_and_says_why(cast, login):
    upload = SimpleUploadedFile("扫描件.pdf", b"%PDF-broken")
    page = login(cast.office).post("/kb/documents/upload/", {"file": upload}).content.decode()
    assert "PDF 文件已损坏，无法读取" in page
    assert not Document.objects.exists()


def test_uploading_is_refused_to_everyone_but_the_office(cast, login):
    for user in (cast.liaison_a, cast.inspector, cast.evaluator, cast.handler, cast.sysadmin):
        assert login(user).get("/kb/documents/upload/").status_code == 403


def test_replacing_is_refused_for_a_document_the_office_did_not_upload(cast, login, seed):
    seed_doc = Document.objects.get(key="notice:规范司法行为总结")
    assert login(cast.office).get(f"/kb/documents/{seed_doc.pk}/replace/").status_code == 404


def test_the_documents_page_lists_what_the_user_may_read(cast, login, seed):
    from guifan.knowledge.services import document_upload

    document_upload(
        by=cast.office, name="甲区.txt", unit=cast.unit_a, data="甲区专用通知\n内容。".encode()
    )
    assert "甲区专用通知" in login(cast.liaison_a).get("/kb/documents/").content.decode()
    assert "甲区专用通知" not in login(cast.liaison_b).get("/kb/documents/").content.decode()
