"""Text as the index sees it: one spelling for numbers, words cut by jieba with our legal
dictionary, character bigrams for exact-substring recall. No Django.

``normalize`` makes "第172条" and "第一百七十二条", "3天" and "三日", "３月１４号" and
"3月14日" the same text, so a question matches whichever way a passage writes it.
"""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from functools import cache

from guifan.knowledge import lexicon
from guifan.knowledge.numerals import CHARS, cn_to_int

CN = f"[{CHARS}]+"
# Numbers that count something: article parts, days, hours, months, people.
_ORDINAL = re.compile(rf"第({CN})(编|章|节|条|款|项|次)")
_COUNT = re.compile(rf"({CN})(?=个?(?:工作日|日|天|小时|个月|月|年|周岁|次|倍|名|人|件))")
_SUFFIX = re.compile(rf"条之({CN})")
_DAY = re.compile(r"(\d+)(?:天|号)")
_DATE_DAY = re.compile(r"(\d+)月(\d+)号")
# Spaces typeset around numbers ("2018 年", "第 172 条") are not part of the text.
_SPACED_NUMBER = re.compile(r"(?<=第)\s+(?=\d)|(?<=\d)\s+(?=[年月日号天条款项章节编次])")
# Kept whole instead of being cut: article numbers, dates, amounts of time.
_PROTECTED = re.compile(
    r"第\d+条之\d+|第\d+(?:编|章|节|条|款|项)|\d+月\d+日|\d+年\d+月|"
    r"\d+个?(?:工作日|日|小时|个月|月|年|周岁)|\d+(?:\.\d+)?%"
)
_CJK_OR_WORD = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+(?:\.\d+)?")
_CJK = re.compile(r"[\u3400-\u9fff\d]")


def _to_int(match: re.Match, group: int = 1) -> str:
    try:
        return str(cn_to_int(match.group(group)))
    except ValueError:
        return match.group(0)


def normalize(text: str) -> str:
    """Half-width, lower case, Arabic numbers in counts and article numbers."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SPACED_NUMBER.sub("", text)
    text = _ORDINAL.sub(lambda m: f"第{_to_int(m)}{m.group(2)}", text)
    text = _SUFFIX.sub(lambda m: f"条之{_to_int(m)}", text)
    text = _COUNT.sub(_to_int, text)
    text = _DATE_DAY.sub(r"\1月\2日", text)
    return _DAY.sub(r"\1日", text)


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    words = set(lexicon.LEGAL_WORDS) | {w for group in lexicon.SYNONYMS for w in group}
    words |= set(lexicon.COLLOQUIAL) | {w for terms in lexicon.COLLOQUIAL.values() for w in terms}
    words |= set(lexicon.LAW_ALIASES) | set(lexicon.LAW_ALIASES.values())
    for word in sorted(words):
        tokenizer.add_word(normalize(word), freq=2_000_000 if len(word) > 2 else 200_000)
    return tokenizer


def warm_up() -> None:
    """Load jieba's dictionary now (about a second) rather than inside the first question."""
    _jieba().initialize()


def words(text: str, *, normalized: bool = False) -> list[str]:
    """The words of ``text`` for the index: jieba's search-engine cut (whole words and their
    parts), article numbers and dates kept whole, stop words dropped."""
    text = text if normalized else normalize(text)
    out: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(text):
        out.extend(_cut(text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.extend(_cut(text[position:]))
    return out


def _cut(text: str) -> list[str]:
    out = []
    for run in _CJK_OR_WORD.findall(text):
        if run.isascii():
            out.append(run)
            continue
        for word in _jieba().cut_for_search(run, HMM=False):
            if word not in lexicon.STOPWORDS:
                out.append(word)
    return out


def bigrams(text: str, *, normalized: bool = False) -> list[str]:
    """Overlapping pairs of characters (a run of digits counts as one) inside each stretch
    of Chinese text, so that any quoted substring of two or more characters is found."""
    text = text if normalized else normalize(text)
    out = []
    for run in re.findall(r"(?:[\u3400-\u9fff]|\d+)+", text):
        units = re.findall(r"[\u3400-\u9fff]|\d+", run)
        out.extend(a + b for a, b in itertools.pairwise(units))
        if len(units) == 1 and not units[0].isdigit():
            out.append(units[0])
    return out
