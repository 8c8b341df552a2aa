"""Who finds what: a document restricted to a unit is found by that unit's people and the
office over it, by nobody else; the 三员 find nothing at all."""

import pytest

from guifan.knowledge.selectors import kb_ask, passage_for_citation
from guifan.knowledge.services import document_upload

QUESTION = "甲区阅卷室开放时间"


@pytest.fixture
def restricted(cast):
    text = "甲区院内部通知\n甲区阅卷室开放时间为每周一至周五上午。\n"
    return document_upload(
        by=cast.office, name="甲区通知.txt", data=text.encode(), unit=cast.unit_a
    )


def _finds(user) -> bool:
    return any("阅卷室" in f.passage.text for f in kb_ask(user=user, question=QUESTION).found)


def test_a_unit_document_is_found_by_its_people_and_the_office_only(cast, restricted):
    assert _finds(cast.liaison_a)  # liaison of 甲区
    assert _finds(cast.handler)  # a prosecutor working in 甲区
    assert _finds(cast.office)  # the city's office, over 甲区
    assert _finds(cast.inspector)
    assert not _finds(cast.liaison_b)  # 乙县
    assert not _finds(cast.evaluator)  # works in 乙县
    assert not _finds(cast.team_lead)  # works at the city, oversees nothing


def test_administrators_find_nothing(cast, restricted, seed):
    for admin in (cast.sysadmin, cast.secadmin, cast.auditadmin):
        assert kb_ask(user=admin, question="回头看是从哪天开始的").found == []


def test_public_documents_are_found_by_every_business_user(cast, seed):
    for user in (cast.liaison_b, cast.evaluator, cast.handler, cast.team_lead):
        found = kb_ask(user=user, question="回头看是从哪天开始的").found
        assert "3月14日" in found[0].passage.text


def test_a_citation_resolves_to_its_article_only_for_readers(cast, law_file):
    from guifan.knowledge.services import knowledge_load

    knowledge_load(paths=[law_file])
    for ref in (
        "《测试程序法》第一百七十二条",
        "《测试程序法》第172条",
        "《中华人民共和国测试程序法》第172条",
    ):
        passage = passage_for_citation(user=cast.liaison_a, citation=ref)
        assert passage is not None and passage.article == 172, ref
    assert passage_for_citation(user=cast.auditadmin, citation="《测试程序法》第172条") is None
    assert passage_for_citation(user=cast.liaison_a, citation="《测试程序法》第999条") is None
