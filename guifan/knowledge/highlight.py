"""Marking the question's words in a passage and cutting a snippet around them. No Django:
returns (text, marked) pieces that the template escapes and wraps."""

from __future__ import annotations

import re

from guifan.knowledge.numerals import int_to_cn
from guifan.knowledge.question import Question

SNIPPET = 160


def _variants(term: str) -> set[str]:
    """A term as the text may spell it: 第172条 is also 第一百七十二条, 3日 also 三日."""
    out = {term}
    for number in re.findall(r"\d+", term):
        if int(number) < 100_000:
            out.add(term.replace(number, int_to_cn(int(number)), 1))
    if term.endswith("日") and term[:-1].isdigit():
        out |= {v[:-1] + "天" for v in set(out)}
    return out


def _pattern(question: Question) -> re.Pattern | None:
    """One alternation of every spelling of the question's words, longest first (built
    once per question)."""
    if question.marks is None:
        terms = set()
        for term in [*question.words, *question.synonyms, *question.grams]:
            if len(term) >= 2:
                terms |= _variants(term)
        ordered = sorted(terms, key=len, reverse=True)
        question.marks = re.compile("|".join(map(re.escape, ordered))) if ordered else False
    return question.marks or None


def spans(text: str, question: Question) -> list[tuple[int, int]]:
    pattern = _pattern(question)
    if pattern is None:
        return []
    lowered = text.lower()
    found = []
    for match in pattern.finditer(lowered):  # the longest spelling wins where they overlap
        found.append((match.start(), match.end()))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def pieces(text: str, marks: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    out, position = [], 0
    for start, end in marks:
        if start > position:
            out.append((text[position:start], False))
        out.append((text[start:end], True))
        position = end
    if position < len(text):
        out.append((text[position:], False))
    return out


def snippet(text: str, question: Question, *, width: int = SNIPPET) -> list[tuple[str, bool]]:
    """The stretch of ``width`` characters with the most marked text, with … where cut."""
    marks = spans(text, question)
    if len(text) <= width:
        return pieces(text, marks)
    best, best_start = -1, 0
    for start, _ in marks or [(0, 0)]:
        begin = max(0, min(start - 20, len(text) - width))
        covered = sum(
            min(e, begin + width) - max(s, begin)
            for s, e in marks
            if e > begin and s < begin + width
        )
        if covered > best:
            best, best_start = covered, begin
    end = best_start + width
    inside = [
        (max(s, best_start) - best_start, min(e, end) - best_start)
        for s, e in marks
        if e > best_start and s < end
    ]
    out = pieces(text[best_start:end], inside)
    if best_start > 0:
        out.insert(0, ("…", False))
    if end < len(text):
        out.append(("…", False))
    return out
