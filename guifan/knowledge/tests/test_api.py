"""GET /api/kb/ask has the shape of `guifan kb ask --json`, with the pages' scoping."""

from guifan.knowledge.services import document_upload


def test_ask_returns_source_citation_text_and_score(cast, login, seed):
    rows = login(cast.evaluator).get("/api/kb/ask", {"q": "回头看是从哪天开始的", "top": 2}).json()
    assert len(rows) == 2
    assert set(rows[0]) == {"source", "citation", "text", "score"}
    assert "3月14日" in rows[0]["text"]


def test_ask_is_scoped_like_the_pages(cast, login):
    document_upload(
        by=cast.office,
        name="甲区.txt",
        unit=cast.unit_a,
        data="甲区通知\n甲区阅卷室每周三开放。".encode(),
    )
    asked = {"q": "阅卷室什么时候开放"}
    assert login(cast.liaison_a).get("/api/kb/ask", asked).json()[0]["source"] == "甲区通知"
    assert login(cast.liaison_b).get("/api/kb/ask", asked).json() == []


def test_administrators_and_strangers_are_refused(cast, login, client, seed):
    for admin in (cast.sysadmin, cast.secadmin, cast.auditadmin):
        assert login(admin).get("/api/kb/ask", {"q": "回头看"}).status_code == 403
    client.logout()
    assert client.get("/api/kb/ask", {"q": "回头看"}).status_code == 401


def test_a_passage_of_another_unit_is_not_found(cast, login):
    version = document_upload(
        by=cast.office, name="甲区.txt", unit=cast.unit_a, data="甲区通知\n内部事项。".encode()
    )
    passage = version.passages.get()
    assert login(cast.liaison_a).get(f"/api/kb/passages/{passage.pk}").status_code == 200
    assert login(cast.liaison_b).get(f"/api/kb/passages/{passage.pk}").status_code == 404
    assert login(cast.auditadmin).get(f"/api/kb/passages/{passage.pk}").status_code == 403


def test_top_out_of_range_is_refused(cast, login):
    assert login(cast.office).get("/api/kb/ask", {"q": "回头看", "top": 0}).status_code == 422
