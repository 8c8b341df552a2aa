"""The rule catalog in the knowledge base: a question about a period finds the rule that
checks it, with its legal basis; the law itself still answers first."""

import pytest
from django.conf import settings

from guifan.knowledge.selectors import SERVER, kb_ask
from guifan.knowledge.services import knowledge_load

pytestmark = pytest.mark.django_db


def asked(question: str, **kwargs) -> list[dict]:
    """The five answers the 知识库 page shows."""
    return [f.as_dict() for f in kb_ask(user=SERVER, question=question, top=5, **kwargs).found]


def test_the_arrest_review_period_finds_rule_r4_05_with_its_basis():
    for path in (settings.GUIFAN_LAWS_DIR, settings.GUIFAN_KB_NOTICES_DIR):
        assert path.is_dir(), f"the knowledge corpus is missing: {path}"
    report = knowledge_load(paths=[settings.GUIFAN_LAWS_DIR, settings.GUIFAN_KB_NOTICES_DIR])
    assert "智能辅助评查规则库" in report.added
    # Searched among the rules (the page's 来源 filter), or asked in the catalog's words.
    for found in (asked("审查逮捕 期限", kind="rules"), asked("审查逮捕超期")):
        rule = found[0]
        assert (rule["source"], rule["citation"]) == ("智能辅助评查规则库", "R4-05")
        assert "审查逮捕超期" in rule["text"] and "已拘留 7 日；未拘留 15 日" in rule["text"]
        assert "刑事诉讼法（2012）第89条（2018 年修正后第91条）" in rule["text"]
    # Asked in general, the articles answer first, and the rule is among the five answers:
    # the catalog neither pushes the law aside nor drops out of sight.
    found = asked("审查逮捕 期限")
    assert found[0]["source"].startswith("人民检察院刑事诉讼规则")
    assert "R4-05" in [f["citation"] for f in found], [f["citation"] for f in found]
    assert knowledge_load(paths=[]).unchanged >= 1  # loading again leaves the catalog alone
