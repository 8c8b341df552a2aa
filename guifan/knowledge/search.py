"""One question against the index: a tantivy query whose clauses carry the hybrid ranking.

BM25 over jieba words is the main signal; synonyms count for less; character bigrams
recall any substring, and a stretch of the question found as it is (a phrase over the
bigrams) counts extra; a named article and a named law pull their passages up. Reading
permission is a filter inside the query, so nobody's ranking is computed from passages
they may not read and no hit has to be thrown away afterwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tantivy import Occur, Query

from guifan.knowledge.index import SCHEMA, searcher
from guifan.knowledge.question import Question
from guifan.knowledge.text import bigrams, normalize, words

# How much each kind of match counts (tuned on the question set as a whole, see
# docs/DECISIONS.md; never for one question).
WEIGHTS = {
    "words": 1.0,
    "synonyms": 0.6,
    "heading": 0.35,
    "grams": 0.15,
    "phrase": 0.8,
    "article": 4.0,
    "law": 2.5,
    "law_version": 1.0,
}


# A synonym or bigram found in more than this share of passages says almost nothing about
# any of them (BM25 gives it next to no weight) but costs the most to score: it is left out.
# The question's own words always count.
COMMON = 0.3


@dataclass(frozen=True)
class Hit:
    passage_id: int
    score: float


def _should(field: str, terms, weight: float) -> list:
    return [
        (Occur.Should, Query.boost_query(Query.term_query(SCHEMA, field, term), weight))
        for term in terms
    ]


def _law_clauses(question: Question, laws: list[str]) -> list:
    """Boost the laws a question names, and the version its wording points to (试行, 2012,
    旧: the older text; otherwise the current one)."""
    named = [
        law for law in laws if any(normalize(law).startswith(normalize(n)) for n in question.laws)
    ]
    clauses = _should("law", named, WEIGHTS["law"])
    version = "no" if question.old and not question.new else "yes"
    return clauses + _should("current", [version], WEIGHTS["law_version"])


def _synonyms(question: Question, share) -> list:
    """Synonyms count for less than the question's own words, except for a word no passage
    uses (an abbreviation such as 指居): then its synonyms stand in for it fully. Each
    synonym is asked for once, weighing what it weighs for each of the question's words it
    stands for (送看守所羁押 for 送进, 看守所 and 送进看守所)."""
    weights: dict[str, float] = {}
    for word, others in question.expansions.items():
        weight = WEIGHTS["words"] if share("words", word) == 0 else WEIGHTS["synonyms"]
        for other in others:
            if other not in question.words and share("words", other) <= COMMON:
                weights[other] = weights.get(other, 0.0) + weight
    clauses = []
    for other, weight in weights.items():
        if other in words(other):  # a word of the index (犯罪嫌疑人): one term
            clauses += _should("words", [other], weight)
        else:  # several words ("指定的居所执行监视居住"): found as it is written
            phrase = Query.phrase_query(SCHEMA, "grams", bigrams(other))
            clauses.append((Occur.Should, Query.boost_query(phrase, weight)))
    return clauses


def build_query(
    question: Question,
    *,
    scopes: list[str] | None,
    laws: list[str],
    kind: str = "",
    law: str = "",
    share=lambda field, term: 0.0,
) -> Query:
    def rare(field: str, terms: list[str]) -> list[str]:
        return [t for t in terms if share(field, t) <= COMMON]

    shoulds = _should("words", question.words, WEIGHTS["words"])
    shoulds += _synonyms(question, share)
    shoulds += _should("heading", question.heading_words, WEIGHTS["heading"])
    shoulds += _should("grams", rare("grams", question.grams), WEIGHTS["grams"])
    shoulds += [
        (Occur.Should, Query.boost_query(Query.phrase_query(SCHEMA, "grams", p), WEIGHTS["phrase"]))
        for p in question.phrases
    ]
    articles = [f"第{a}条" + (f"之{b}" if b else "") for a, b in question.articles]
    shoulds += _should("cite", articles, WEIGHTS["article"])
    # A passage must match something the question says; the law and version it names only
    # pull matching passages up.
    must = [(Occur.Must, Query.boolean_query(shoulds)), *_law_clauses(question, laws)]
    if scopes is not None:  # None: the server's own shell reads everything
        must.append((Occur.Must, Query.term_set_query(SCHEMA, "scope", scopes)))
    if kind:
        must.append((Occur.Must, Query.term_query(SCHEMA, "kind", kind)))
    if law:
        must.append((Occur.Must, Query.term_query(SCHEMA, "law", law)))
    return Query.boolean_query(must)


def _rarity(question: Question, doc_freq, total: int) -> dict[str, float]:
    """Each word's inverse document frequency; a word no passage uses (an abbreviation, a
    colloquial word) counts as its commonest synonym."""
    out = {}
    for word in question.words:
        others = question.expansions.get(word, ())
        freq = doc_freq(word) or max((doc_freq(e) for e in others), default=0)
        out[word] = math.log(1 + total / (1 + freq))
    return out


def search(
    question: Question,
    *,
    scopes: list[str] | None,
    laws: list[str],
    kind: str = "",
    law: str = "",
    limit: int = 30,
) -> list[Hit]:
    if question.empty or scopes == []:
        return []
    found = searcher()
    if found is None:  # lost; the worker is rebuilding it
        return []
    total = max(1, found.num_docs)
    query = build_query(
        question,
        scopes=scopes,
        laws=laws,
        kind=kind,
        law=law,
        share=lambda field, term: found.doc_freq(field, term) / total,
    )
    question.rarity = _rarity(question, lambda term: found.doc_freq("words", term), total)
    result = found.search(query, limit=limit, count=False)
    return [Hit(found.doc(address)["passage"][0], score) for score, address in result.hits]
