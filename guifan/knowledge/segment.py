"""Cutting a text into passages that respect its structure. No Django.

Laws (Markdown: one ``#`` title, ``##``/``###``/``####`` parts, chapters and sections, one
article per paragraph starting ``第X条``) become one passage per article with its 款 as
lines and its citation "《刑事诉讼法》第一百七十二条". Everything else is an outline:
headings (Markdown ``#``, 一、 （一） 第X章, numbered questions such as "1.…什么时候开展的")
over paragraphs, and numbered items (1、…) inside paragraphs; a short item ("1、查遗补缺回头看。")
heads the paragraphs that follow it, a long one ("1、司法作风简单粗暴，…；") is a passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guifan.knowledge.numerals import CHARS, cn_to_int


class Kind:
    ARTICLE = "article"
    PREAMBLE = "preamble"
    QUESTION = "answer"
    ITEM = "item"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True)
class Piece:
    """One passage: where it sits (heading path), how to cite it, and its text."""

    kind: str
    heading: tuple[str, ...]
    citation: str
    text: str
    article: int | None = None  # 条 number, for laws
    article_sub: int = 0  # the 之一 of 第十七条之一


@dataclass
class Segmented:
    title: str
    shape: str  # law | outline
    pieces: list[Piece] = field(default_factory=list)


ARTICLE = re.compile(rf"^第([{CHARS}]+)条(?:之([{CHARS}]+))?[\s\u3000]*(.*)$")
MD_HEADING = re.compile(r"^(#{1,6})\s*(.+?)\s*#*$")
CHAPTER = re.compile(rf"^第[{CHARS}]+(编|章|节)\s*\S")
CN_HEADING = re.compile(r"^[一二三四五六七八九十]+、\S")
PAREN_HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[)）]\S")
NUMBERED = re.compile(r"^\d+[.．]\s*\S")
# An item marker inside a paragraph: "1、" at its start or after a sentence or clause end.
ITEM = re.compile(r"(?:^|(?<=[。；;:：!！?？]))\s*(\d{1,2})、")
SENTENCE_BREAK = re.compile(r"(?<=[。；;!！?？])\s+")
SHORT_ITEM = 30  # an item no longer than this is a sub-heading, not a passage
MERGE_BELOW = 80  # a passage shorter than this takes in the next sentence of its paragraph
END_PUNCT = "。；;!！，,：:"
LAW_PREFIX = "中华人民共和国"


def short_law_name(title: str) -> str:
    return title.removeprefix(LAW_PREFIX).strip()


def looks_like_law(text: str) -> bool:
    return sum(1 for line in text.splitlines() if ARTICLE.match(line.strip())) >= 3


def segment(text: str, *, title: str = "") -> Segmented:
    """The passages of ``text``; ``title`` is used when the text does not start with one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_law(text):
        return segment_law(text, title=title)
    return segment_outline(text, title=title)


def _tidy_heading(heading: str) -> str:
    # "第一章 通 则" → "第一章 通则": law headings space out short titles.
    number, _, rest = heading.partition(" ")
    if CHAPTER.match(heading) and rest:
        return number + " " + re.sub(r"\s+", "", rest)
    return re.sub(r"\s+", " ", heading).strip()


def segment_law(text: str, *, title: str = "") -> Segmented:
    lines = [line.strip() for line in text.split("\n")]
    doc_title, preamble = title, []
    body_start = 0
    for index, line in enumerate(lines):
        heading = MD_HEADING.match(line)
        if heading and len(heading.group(1)) == 1 and not doc_title:
            doc_title = heading.group(2)
            continue
        if line.startswith("<!--") or (heading and len(heading.group(1)) == 1):
            continue
        if (heading and len(heading.group(1)) > 1) or ARTICLE.match(line):
            body_start = index
            break
        if line:
            preamble.append(line)
    short = short_law_name(doc_title)
    out = Segmented(title=doc_title, shape="law")
    if preamble:
        out.pieces.append(
            Piece(Kind.PREAMBLE, (), f"《{short}》（制定与修正）", "\n".join(preamble))
        )
    stack: list[tuple[int, str]] = []
    current: dict | None = None

    def flush() -> None:
        if current is not None:
            out.pieces.append(
                Piece(
                    Kind.ARTICLE,
                    tuple(h for _, h in stack),
                    current["citation"],
                    "\n".join(current["lines"]),
                    current["number"],
                    current["sub"],
                )
            )

    for line in lines[body_start:]:
        if not line or line.startswith("<!--"):
            continue
        heading = MD_HEADING.match(line)
        if heading:
            flush()
            current = None
            level = len(heading.group(1))
            stack = [(lvl, h) for lvl, h in stack if lvl < level]
            stack.append((level, _tidy_heading(heading.group(2))))
            continue
        article = ARTICLE.match(line)
        if article:
            flush()
            number = cn_to_int(article.group(1))
            sub = cn_to_int(article.group(2)) if article.group(2) else 0
            label = f"第{article.group(1)}条" + (f"之{article.group(2)}" if sub else "")
            current = {
                "citation": f"《{short}》{label}",
                "lines": [line],
                "number": number,
                "sub": sub,
            }
        elif current is not None:
            current["lines"].append(line)
    flush()
    return out


def _heading_level(line: str) -> int | None:
    """The outline level of a heading line, or None for a paragraph."""
    heading = MD_HEADING.match(line)
    if heading:
        return len(heading.group(1))
    if len(line) > 60 or line[-1] in END_PUNCT:
        return None
    if CHAPTER.match(line):
        return 2 if "章" in line[:8] or "编" in line[:8] else 3
    if CN_HEADING.match(line):
        return 2
    if PAREN_HEADING.match(line):
        return 3
    if NUMBERED.match(line) or line[-1] in "?？":
        return 4
    return None


def segment_outline(text: str, *, title: str = "") -> Segmented:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and _is_title(lines[0]):
        title = MD_HEADING.sub(r"\2", lines[0]).strip()
        lines = lines[1:]
    out = Segmented(title=title or "", shape="outline")
    stack: list[tuple[int, str]] = []
    for line in lines:
        level = _heading_level(line)
        if level is not None:
            stack = [(lvl, h) for lvl, h in stack if lvl < level]
            stack.append((level, MD_HEADING.sub(r"\2", line).strip()))
            continue
        headings = tuple(h for _, h in stack)
        kind = Kind.QUESTION if any(_is_question(h) for _, h in stack) else Kind.PARAGRAPH
        item_heading = _paragraph_pieces(line, headings, kind, out.pieces, stack)
        if item_heading is not None:
            # A short item heads what follows until the next heading or item.
            stack = [(lvl, h) for lvl, h in stack if lvl < 9]
            stack.append((9, item_heading))
    return out


def _is_title(line: str) -> bool:
    """A first line that names the document: a Markdown title, or a short line that is not
    a sentence, a numbered heading or a question."""
    heading = MD_HEADING.match(line)
    if heading:
        return len(heading.group(1)) == 1
    return (
        len(line) <= 40
        and line[-1] not in END_PUNCT
        and _heading_level(line) is None
        and not line.endswith(("?", "？"))
    )


def _is_question(heading: str) -> bool:
    return bool(NUMBERED.match(heading)) or heading.endswith(("?", "？"))


def _paragraph_pieces(
    line: str, headings: tuple[str, ...], kind: str, pieces: list[Piece], stack: list
) -> str | None:
    """Add the passages of one paragraph; return the last short item seen, if any."""
    parts = _split_items(line)
    new_item = None
    base = tuple(h for lvl, h in stack if lvl < 9)
    for number, part in parts:
        if number is None:
            _add_sentences(part, headings if new_item is None else (*base, new_item), kind, pieces)
            continue
        head = SENTENCE_BREAK.split(part, maxsplit=1)[0]
        tail = part[len(head) :].strip()
        if len(head) <= SHORT_ITEM and not re.search(r"[，,；;、]", head[len(str(number)) + 1 :]):
            new_item = head
            if tail:
                _add_sentences(tail, (*base, new_item), kind, pieces)
        else:
            pieces.append(Piece(Kind.ITEM, base, _cite(base, head), head))
            if tail:
                _add_sentences(tail, base, kind, pieces)
    return new_item


def _split_items(line: str) -> list[tuple[int | None, str]]:
    starts = [m for m in ITEM.finditer(line)]
    if not starts:
        return [(None, line)]
    out: list[tuple[int | None, str]] = []
    if line[: starts[0].start()].strip():
        out.append((None, line[: starts[0].start()].strip()))
    for this, following in zip(starts, [*starts[1:], None], strict=True):
        end = following.start() if following else len(line)
        out.append((int(this.group(1)), line[this.start() : end].strip()))
    return out


def _add_sentences(text: str, headings: tuple[str, ...], kind: str, pieces: list[Piece]) -> None:
    chunk = ""
    for sentence in SENTENCE_BREAK.split(text):
        sentence = sentence.strip()
        if not sentence:
            continue
        if chunk and len(chunk) >= MERGE_BELOW:
            pieces.append(Piece(kind, headings, _cite(headings, chunk), chunk))
            chunk = ""
        chunk = f"{chunk}{sentence}" if chunk else sentence
    if chunk:
        pieces.append(Piece(kind, headings, _cite(headings, chunk), chunk))


def _cite(headings: tuple[str, ...], text: str) -> str:
    return " › ".join(headings) if headings else text[:20]
