"""The catalog of check rules behind the law: discounted once, however many ways it restates
other sources, and never the first answer unless the question names the rule."""

from guifan.knowledge import ranking
from guifan.knowledge.question import analyze
from guifan.knowledge.ranking import Candidate


def candidate(heading="", secondary=False, **flags) -> Candidate:
    return Candidate(text="规则", heading=heading, kind="paragraph", current=True,
                     secondary=secondary, rule=False, **flags)  # fmt: skip


RULE = candidate("检查规则库 › 违法采取强制措施 › R4-05 审查逮捕超期", secondary=True, catalog=True)
LAW = candidate("刑事诉讼法 › 第九十一条")


def test_a_catalog_rule_marked_secondary_is_discounted_once():
    assert ranking.restatement(LAW) == 1.0
    assert ranking.restatement(candidate(secondary=True)) == ranking.SECONDARY
    assert ranking.restatement(RULE) == ranking.CATALOG_BEHIND_LAW


def test_the_article_answers_first_unless_the_rule_is_named():
    ranked = [(9.0, 1), (5.0, 2), (4.0, 3)]
    candidates = {1: RULE, 2: LAW, 3: LAW}
    first = ranking.articles_first(analyze("审查逮捕 期限"), ranked, candidates)
    assert first == [(5.0, 2), (9.0, 1), (4.0, 3)]
    for named in ("审查逮捕超期", "R4-05 是什么规则"):
        assert ranking.articles_first(analyze(named), ranked, candidates) == ranked
    only_rules = {1: RULE, 2: RULE, 3: RULE}
    assert ranking.articles_first(analyze("审查逮捕 期限"), ranked, only_rules) == ranked
