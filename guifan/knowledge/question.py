"""What a question asks, read without Django: its words and their synonyms, the substrings
to find as they are, the laws and articles it names, and the kind of answer it wants."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from guifan.knowledge import lexicon
from guifan.knowledge.text import _jieba, bigrams, normalize, words

ARTICLE_REF = re.compile(r"第(\d+)条(?:之(\d+))?")
BARE_ARTICLE = re.compile(r"(?<![\d第])(\d+)条")


@dataclass
class Question:
    text: str
    normalized: str
    words: list[str]  # the question's own words
    synonyms: list[str]  # words meaning the same as one of them
    heading_words: list[str]
    grams: list[str]  # bigrams of the stretches between stop words
    phrases: list[list[str]]  # stretches of 3+ characters, as bigram sequences
    articles: list[tuple[int, int]] = field(default_factory=list)  # (条, 之X)
    laws: list[str] = field(default_factory=list)  # short names the question names
    old: bool = False  # asks for the older version (试行, 2012)
    new: bool = False
    asks_when: bool = False
    asks_how_long: bool = False
    asks_list: bool = False
    asks_entry: bool = False
    asks_why: bool = False
    asks_whom: bool = False
    # For each of the question's words, the other words that would do in a passage.
    expansions: dict[str, list[str]] = field(default_factory=dict)
    # How rare each word is in the corpus (its inverse document frequency, or its synonyms'
    # when no passage uses the word itself), filled in by the search.
    rarity: dict[str, float] = field(default_factory=dict)
    marks: object = None  # the highlighting pattern, built on first use (highlight.py)

    @property
    def empty(self) -> bool:
        return not (self.words or self.grams or self.articles)


@cache
def _synonym_map() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for group in lexicon.SYNONYMS:
        normal = tuple(normalize(w) for w in group)
        for word in normal:
            out[word] = tuple(w for w in normal if w != word)
    return out


@cache
def _colloquial() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for phrase, terms in lexicon.COLLOQUIAL.items():
        for term in terms:
            # A legal term jieba keeps whole is looked for as it is; a phrase with a comma
            # ("录音、录像") word by word.
            cut = words(term)
            out.setdefault(normalize(phrase), []).extend(
                [normalize(term)] if normalize(term) in cut else cut
            )
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def _stretches(text: str) -> list[str]:
    """The question cut at its stop words: "回头看是从哪天开始的" → 回头看, 开始."""
    out, current = [], ""
    for token in _jieba().cut(text, HMM=False):
        if token in lexicon.STOPWORDS or not re.search(r"[\u3400-\u9fff\d]", token):
            if current:
                out.append(current)
            current = ""
        else:
            current += token
    if current:
        out.append(current)
    return out


INTERROGATIVE = re.compile(r"几|多少|多久|多长|哪|什么|怎么|啥")
# "哪三种情况", "哪两类": a list of known length.
COUNTED_LIST = re.compile(r"哪[两二三四五六七八九十\d]+[个种类项条点方面]")
YEAR = re.compile(r"^(?:19|20)\d\d年?$")


def _named_laws(normal: str) -> list[str]:
    return [normalize(a) for a in lexicon.LAW_ALIASES if normalize(a) in normal]


def _without_law_names(normal: str) -> str:
    """The question without the law it names and the year or mark of its version: they say
    where to look, and a passage does not repeat them."""
    named = sorted(_named_laws(normal), key=len, reverse=True)
    if not named:
        return normal
    for alias in named:
        normal = normal.replace(alias, " ")
    normal = re.sub(r"(?:19|20)\d\d年?(?:版|的)?", " ", normal)
    for mark in sorted(lexicon.VERSION_WORDS, key=len, reverse=True):
        normal = normal.replace(mark, " ") if len(mark) > 1 else normal
    return normal


def _own_words(normal: str) -> list[str]:
    """The question's words without its question words (几天内, 多长) and, when it names a
    law, without the year that only says which version."""
    own = [w for w in words(normal, normalized=True) if not INTERROGATIVE.search(w)]
    named = _named_laws(normal)
    if named:  # the law's name says where to look, not what to look for
        own = [
            w
            for w in own
            if not YEAR.match(w)
            and w not in lexicon.VERSION_WORDS
            and not any(w in alias for alias in named)
        ]
    return own


# "能不能", "要不要", "有没有": a yes-or-no question, not the word 不能 or 不要.
A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")


def analyze(text: str) -> Question:
    normal = normalize(text.strip())
    own = _own_words(A_NOT_A.sub(r"\1", normal))
    mapping = _synonym_map()
    expansions: dict[str, list[str]] = {word: list(mapping.get(word, ())) for word in own}
    for phrase, terms in _colloquial().items():
        if phrase in normal:
            for word in own:
                if word in phrase or phrase in word:
                    expansions[word] += terms
    synonyms = list(
        dict.fromkeys(t for terms in expansions.values() for t in terms if t not in own)
    )
    stretches = _stretches(_without_law_names(A_NOT_A.sub(r"\1", normal)))
    grams = [g for s in stretches for g in bigrams(s, normalized=True)]
    phrases = [bigrams(s, normalized=True) for s in stretches if len(s) >= 3]
    articles = [(int(a), int(b or 0)) for a, b in ARTICLE_REF.findall(normal)]
    if not articles:
        articles = [(int(a), 0) for a in BARE_ARTICLE.findall(normal)]
    laws = []
    for alias, law in sorted(lexicon.LAW_ALIASES.items(), key=lambda kv: -len(kv[0])):
        if alias in normal and law not in laws and not any(alias in w for w in laws):
            laws.append(law)
    return Question(
        text=text,
        normalized=normal,
        words=list(dict.fromkeys(own)),
        synonyms=synonyms,
        heading_words=list(dict.fromkeys(own)),
        grams=list(dict.fromkeys(grams)),
        phrases=[p for p in phrases if len(p) >= 2],
        articles=articles,
        laws=laws,
        old=any(m in normal for m in lexicon.OLD_MARKERS),
        new=any(m in normal for m in lexicon.NEW_MARKERS),
        asks_when=any(m in normal for m in lexicon.ASKS_WHEN),
        asks_how_long=any(m in normal for m in lexicon.ASKS_HOW_LONG),
        asks_list=any(m in normal for m in lexicon.ASKS_LIST) or bool(COUNTED_LIST.search(normal)),
        asks_entry=any(m in normal for m in lexicon.ASKS_ENTRY),
        asks_why=any(m in normal for m in lexicon.ASKS_WHY),
        asks_whom=any(m in normal for m in lexicon.ASKS_WHOM),
        expansions=expansions,
    )
