"""The second look at the best hits, with their text in hand: what the question asks for
(a date, a length of time) against what a passage holds, and old versions behind current
ones. No Django."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from guifan.knowledge.question import Question
from guifan.knowledge.text import normalize

DATE = re.compile(r"\d+月\d+日|\d+年\d+月")
DURATION = re.compile(r"\d+个?(?:工作日|日|小时|个月|月|年)")
OLD_VERSION = 0.8
ANSWER_TYPE = 1.25
NAMED_ENTRY = 1.2
OTHER_LAW = 0.6
LABEL_MAX = 12
# The system's restatements of a campaign (templates, campaign settings) come after the
# documents they restate: an answer should cite the notice itself.
SECONDARY = 0.7
# When a question names no law, the statute (…法) before the rules that implement it.
RULE_BEHIND_STATUTE = 0.7
# A passage holding none of the question's words keeps this share of its score.
COVERAGE_FLOOR = 0.4


def coverage(question: Question, normal: str) -> float:
    """The share of the question's words that the passage holds, itself or a synonym."""
    # Whole words only (not the parts jieba's search cut adds), and single characters only
    # when the question has nothing longer.
    concepts = [w for w in question.words if not any(w != o and w in o for o in question.words)]
    concepts = [w for w in concepts if len(w) > 1] or concepts
    if not concepts:
        return 1.0
    held = sum(
        1
        for w in concepts
        if w in normal or any(e in normal for e in question.expansions.get(w, ()))
    )
    return held / len(concepts)


@dataclass(frozen=True)
class Candidate:
    text: str
    heading: str
    kind: str  # the passage's: article, item, answer, paragraph…
    current: bool
    secondary: bool  # restates another source (a campaign template)
    rule: bool  # a regulation or interpretation rather than a statute
    label: str = ""  # the short name of an entry the system provides (瑕疵案件)
    law: str = ""  # the law's short name, for articles


@lru_cache(maxsize=20_000)
def _normal(text: str) -> str:
    # The same passages come back question after question; normalising is regex work.
    return normalize(text)


def rescore(question: Question, score: float, c: Candidate) -> float:
    normal = f"{_normal(c.heading)}\n{_normal(c.text)}"
    score *= COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage(question, normal)
    if question.asks_entry and c.kind == "item":
        score *= ANSWER_TYPE
    if c.label and 1 < len(c.label) <= LABEL_MAX and normalize(c.label) in question.normalized:
        score *= NAMED_ENTRY  # the question names this entry (瑕疵案件, 办案程序)
    if question.laws and c.law and not any(c.law.startswith(n) for n in question.laws):
        score *= OTHER_LAW  # the question names a law; another law's article comes after
    if not question.laws and c.rule:
        score *= RULE_BEHIND_STATUTE
    if c.secondary:
        score *= SECONDARY
    if question.asks_when and DATE.search(normal):
        score *= ANSWER_TYPE
    if question.asks_how_long and DURATION.search(normal):
        score *= ANSWER_TYPE
    if c.current == (question.old and not question.new):  # not the version asked for
        score *= OLD_VERSION
    return score
