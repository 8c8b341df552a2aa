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
# Where one turns or hands something in: "向上一级人民检察院申诉", "报送市院专项整治办".
RECIPIENT = re.compile(
    r"向[^，。；]{1,20}?(?:申诉|控告|报告|反映|申请|提出|举报)|(?:报送|报备|提交|移送|交由)(?:至|给)?[^，。；]{2,}"
)
# A list: "（共6项）", or three or more entries in a row joined by 、.
LIST = re.compile(r"（共\d+项）|(?:[^、，。；：,;\n]{1,24}、){2,}")
# What a passage opens with, before it says what that is: "瑕疵案件：", "规范司法行为是……",
# "1、司法作风……" (its number left out).
OPENING = re.compile(
    r"^\s*(?:第\d+条(?:之\d+)?\s*)?(?:[（(]?[\d一二三四五六七八九十]+[)）、.．]\s*)?"
    r"([^：:，,。；;（(]{2,16}?)(?:[（(][^)）]*[)）])?(?:：|:|是指|是)"
)
OLD_VERSION = 0.8
ANSWER_TYPE = 1.25
NAMED_ENTRY = 1.2
# The passage explains what the question asks about (瑕疵案件：…, 规范司法行为是…), for a
# question asking what something is or why.
DEFINES = 1.25
# A list of entries, for a question about one entry: the entry itself comes first.
LIST_FOR_ENTRY = 0.8
# A label shares this many characters in a row with the question (and at least half its
# own length): the question names the entry, in its own words (不合格 → 不合格案件).
LABEL_OVERLAP = 3
# The question names a law: another law's article, even one matching better, comes after.
OTHER_LAW = 0.4
LABEL_MAX = 12
# The system's restatements of a campaign (templates, campaign settings) come after the
# documents they restate: an answer should cite the notice itself.
SECONDARY = 0.7
# When a question names no law, the statute (…法) before the rules that implement it.
RULE_BEHIND_STATUTE = 0.7
# A check rule of the catalog names the articles it rests on: the articles answer first
# (``articles_first``), and the rule is scored at this share (its only discount).
CATALOG_BEHIND_LAW = 0.5
# A passage holding none of the question's words keeps this share of its score.
COVERAGE_FLOOR = 0.4


def concepts(question: Question) -> tuple[str, ...]:
    """The question's whole words (not the parts jieba's search cut adds), and single
    characters only when the question has nothing longer."""
    return _concepts(tuple(question.words))


@lru_cache(maxsize=1024)
def _concepts(words: tuple[str, ...]) -> tuple[str, ...]:
    whole = [w for w in words if not any(w != o and w in o for o in words)]
    return tuple(w for w in whole if len(w) > 1) or tuple(whole)


def coverage(question: Question, normal: str) -> float:
    """The share of the question's words that the passage holds, itself or a synonym, each
    word counted by how rare it is in the corpus (``question.rarity``): missing the one
    word that only a few passages use costs more than missing a common one."""
    words = concepts(question)
    if not words:
        return 1.0
    weight = {w: question.rarity.get(w, 1.0) for w in words}
    held = sum(
        weight[w]
        for w in words
        if w in normal or any(e in normal for e in question.expansions.get(w, ()))
    )
    return held / (sum(weight.values()) or 1.0)


@dataclass(frozen=True)
class Candidate:
    text: str
    heading: str
    kind: str  # the passage's: article, item, answer, paragraph…
    current: bool
    secondary: bool  # restates another source (a campaign template)
    rule: bool  # a regulation or interpretation rather than a statute
    label: str = ""  # the short name of an entry the system provides (瑕疵案件)
    catalog: bool = False  # a check rule, which cites the law rather than being it
    law: str = ""  # the law's short name, for articles


@lru_cache(maxsize=20_000)
def _normal(text: str) -> str:
    # The same passages come back question after question; normalising is regex work.
    return normalize(text)


def _longest_common(a: str, b: str) -> int:
    """The length of the longest stretch of ``a`` that ``b`` holds as it is."""
    best = 0
    for start in range(len(a)):
        length = best + 1
        while start + length <= len(a) and a[start : start + length] in b:
            best = length
            length += 1
    return best


def names_entry(question: Question, label: str) -> bool:
    """Does the question name this entry (瑕疵案件, 办案程序), whole or by its core
    (不合格 for 不合格案件, 统一业务系统 for 统一业务系统规范使用)?"""
    if not 1 < len(label) <= LABEL_MAX:
        return False
    label = normalize(label)
    if label in question.normalized:
        return True
    if not question.asks_entry:  # only a question about one entry names it by its core
        return False
    shared = _longest_common(label, question.normalized)
    return shared >= LABEL_OVERLAP and 2 * shared >= len(label)


def defines(question: Question, text: str) -> bool:
    """Does the passage open with one of the question's words and go on to say what it is?"""
    match = OPENING.match(text)
    return match is not None and any(w in match.group(1) for w in concepts(question))


def restatement(c: Candidate) -> float:
    """What a passage restating other sources keeps of its score: once, however many ways
    it restates them. (A catalog rule is also marked secondary; the two discounts together
    left a rule the question names in full, 审查逮捕 期限 → R4-05, behind a dozen articles.)"""
    kept = [share for restates, share in ((c.secondary, SECONDARY), (c.catalog, CATALOG_BEHIND_LAW))
            if restates]  # fmt: skip
    return min(kept, default=1.0)


def names_rule(question: Question, c: Candidate) -> bool:
    """Does the question name this catalog rule, by its code or by its title?"""
    code, _, title = c.heading.rsplit("›", 1)[-1].strip().partition(" ")
    return any(normalize(w) in question.normalized for w in (code, title) if w)


def articles_first(question: Question, ranked: list, candidates: dict) -> list:
    """``ranked`` as (score, id) pairs, best first, with the articles answering first: a
    catalog rule the question does not name is never the first answer while a passage of
    another source is among the hits; it follows that passage."""
    if not ranked:
        return ranked
    top = candidates[ranked[0][1]]
    if not top.catalog or names_rule(question, top):
        return ranked
    for i, (_score, pk) in enumerate(ranked):
        if not candidates[pk].catalog:
            return [ranked[i], *ranked[:i], *ranked[i + 1 :]]
    return ranked


def rescore(question: Question, score: float, c: Candidate) -> float:
    text = _normal(c.text)
    normal = f"{_normal(c.heading)}\n{text}"
    score *= COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage(question, normal)
    is_list = c.kind != "item" and LIST.search(text) is not None
    if question.asks_entry and c.kind == "item":
        score *= ANSWER_TYPE
    if question.asks_entry and not question.asks_list and is_list:
        score *= LIST_FOR_ENTRY
    if question.asks_list and is_list:
        score *= ANSWER_TYPE
    if (question.asks_entry or question.asks_why) and defines(question, text):
        score *= DEFINES
    if c.label and names_entry(question, c.label):
        score *= NAMED_ENTRY
    if question.laws and c.law and not any(c.law.startswith(n) for n in question.laws):
        score *= OTHER_LAW  # the question names a law; another law's article comes after
    if not question.laws and c.rule:
        score *= RULE_BEHIND_STATUTE
    score *= restatement(c)
    if question.asks_when and DATE.search(normal):
        score *= ANSWER_TYPE
    if question.asks_how_long and DURATION.search(normal):
        score *= ANSWER_TYPE
    if question.asks_whom and RECIPIENT.search(text):
        score *= ANSWER_TYPE
    if c.current == (question.old and not question.new):  # not the version asked for
        score *= OLD_VERSION
    return score
