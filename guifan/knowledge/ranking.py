"""The second look at the best hits, with their text in hand: what the question asks for
(a date, a length of time) against what a passage holds, and old versions behind current
ones. No Django."""

from __future__ import annotations

import re

from guifan.knowledge.question import Question
from guifan.knowledge.text import normalize

DATE = re.compile(r"\d+月\d+日|\d+年\d+月")
DURATION = re.compile(r"\d+个?(?:工作日|日|小时|个月|月|年)")
OLD_VERSION = 0.8
ANSWER_TYPE = 1.25
# The system's restatements of a campaign (templates, campaign settings) come after the
# documents they restate: an answer should cite the notice itself.
KIND_PRIOR = {"system": 0.8}


def rescore(question: Question, score: float, *, text: str, current: bool, kind: str) -> float:
    normal = normalize(text)
    if question.asks_when and DATE.search(normal):
        score *= ANSWER_TYPE
    if question.asks_how_long and DURATION.search(normal):
        score *= ANSWER_TYPE
    if current == (question.old and not question.new):  # not the version asked for
        score *= OLD_VERSION
    return score * KIND_PRIOR.get(kind, 1.0)
