"""The articles a rule rests on, quoted from the knowledge base (which loads the law texts
from ``GUIFAN_LAWS_DIR``); the project's source holds only the article numbers."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from guifan.checks.catalog import Article, Rule
from guifan.knowledge.selectors import article_passage


@dataclass(frozen=True)
class Quote:
    article: Article
    text: str  # "" where the knowledge base does not hold the text
    citation: str
    url: str

    @property
    def label(self) -> str:
        return self.article.label


def quotes_for(user, rule: Rule) -> list[Quote]:
    quotes = []
    for article in rule.articles:
        passage = None
        if article.number:
            passage = article_passage(user=user, law=article.law, number=article.number)
        if passage is None:
            quotes.append(Quote(article, "", "", ""))
            continue
        url = reverse("knowledge:passage", args=[passage.pk])
        quotes.append(Quote(article, passage.text, passage.citation, url))
    return quotes
