"""The rule catalog handed to the knowledge base (检查规则库): one passage per rule with its
category, whether it decides or flags, its legal basis and the articles it quotes, so that a
question such as "审查逮捕 期限" finds R4-05 and what it rests on. The article texts stay
with the laws the knowledge base loads; here only their numbers."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from guifan.checks.catalog import KINDS, Rule, catalog
from guifan.knowledge.models import SourceKind
from guifan.knowledge.registry import Provided, ProvidedPassage, source_provider

# Short words of the titles said in full, so that a question in the law's words (期限,
# 时限) finds the rule titled in the office's (超期, 超时).
GLOSSES = {"超期": "超过法定期限", "超时": "超过法定时限", "超限": "超过法定期限"}


def rule_text(rule: Rule) -> str:
    articles = "、".join(a.label for a in rule.articles)
    said = rule.title
    for short, full in GLOSSES.items():
        said = said.replace(short, full)
    text = (
        f"规则{rule.code}「{rule.title}」"
        + (f"，即{said}" if said != rule.title else "")
        + f"（{rule.category_label}；{KINDS[rule.kind]}，{rule.severity}；{rule.status_label}）。"
        f"依据：{rule.basis}"
    )
    return text + (f"。引用条文：{articles}。" if articles else "。")


@source_provider
def rule_catalog() -> Iterator[Provided]:
    heading = _("检查规则库")
    yield Provided(
        key="rules:catalog",
        title=_("智能辅助评查规则库"),
        short_name=heading,
        kind=SourceKind.RULES,
        passages=[
            ProvidedPassage(
                (heading, rule.category_label, f"{rule.code} {rule.title}"),
                rule.code,
                rule_text(rule),
            )
            for rule in catalog().values()
        ],
        secondary=True,
    )
