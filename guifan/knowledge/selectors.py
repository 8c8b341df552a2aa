"""Reads of the knowledge base, always for a user: asking a question, resolving a citation
to its article, listing documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count

from guifan.campaigns.models import Campaign
from guifan.core.scoping import scope_of
from guifan.knowledge import lexicon, ranking
from guifan.knowledge.highlight import snippet
from guifan.knowledge.index import index_behind
from guifan.knowledge.models import Document, Passage, SourceKind
from guifan.knowledge.numerals import CHARS, cn_to_int
from guifan.knowledge.question import Question, analyze
from guifan.knowledge.search import search
from guifan.knowledge.text import normalize

CANDIDATES = 30  # hits looked at again with their text
RELATED = 3
CITATION = re.compile(rf"《([^》]{{1,60}})》\s*第([{CHARS}\d]+)条(?:之([{CHARS}\d]+))?")
SAME_LAW_REF = re.compile(rf"(?:本法|本规则|本规定)第([{CHARS}]+)条")


class _Server:
    """The server's own shell (``guifan kb ask`` without --user): reads every document."""

    def __repr__(self) -> str:
        return "SERVER"


SERVER = _Server()


def _visible(user):
    return Passage.objects.all() if user is SERVER else Passage.objects.visible_to(user)


def _passages(user):
    rows = _visible(user)
    # An answer shows a passage with its document and version, never the version's full
    # text nor the passage's cut words: reading those is most of a question's database time.
    return rows.select_related("document", "version").defer("words", "version__text")


def _documents(user):
    return Document.objects.all() if user is SERVER else Document.objects.visible_to(user)


@dataclass
class Found:
    passage: Passage
    score: float
    snippet: list[tuple[str, bool]]

    @property
    def old(self) -> bool:
        return not self.passage.version.current

    def as_dict(self) -> dict:
        doc = self.passage.document
        return {
            "source": doc.title + ("（旧版）" if self.old else ""),
            "citation": self.passage.citation,
            "text": self.passage.text,
            "score": round(self.score, 4),
        }


@dataclass
class Answer:
    question: str
    found: list[Found] = field(default_factory=list)
    related: list[Found] = field(default_factory=list)
    index_behind: bool = False  # the worker is still bringing the index up to date


def reader_scopes(user) -> list[str] | None:
    """The index's scope tokens of what the user may read: none for the 三员, None (no
    filter) for the server's own shell."""
    if user is SERVER:
        return None
    scope = scope_of(user)
    if scope.is_admin or not scope.roles:
        return []
    units = set(scope.business_unit_ids) | ({scope.own_unit_id} if scope.own_unit_id else set())
    campaigns = Campaign.objects.visible_to_scope(scope).values_list("pk", flat=True)
    return ["public", *(f"u{u}" for u in sorted(units)), *(f"c{c}" for c in campaigns)]


def law_names(user) -> list[str]:
    rows = _documents(user).filter(kind=SourceKind.LAW)
    return list(rows.order_by("short_name").values_list("short_name", flat=True).distinct())


def _to_int(value: str) -> int:
    return int(value) if value.isdigit() else cn_to_int(value)


def kb_ask(*, user, question: str, top: int = 3, kind: str = "", law: str = "") -> Answer:
    """The passages that best answer ``question`` among those the user may read, best first,
    and the law articles related to them."""
    answer = Answer(question=question)
    scopes = reader_scopes(user)
    if scopes == [] or not question.strip():
        return answer
    parsed = analyze(question)
    hits = search(
        parsed,
        scopes=scopes,
        laws=law_names(user) if parsed.laws else [],
        kind=kind,
        law=law,
        limit=max(CANDIDATES, top + RELATED),
    )
    answer.index_behind = index_behind()
    # The candidates are read as plain rows (the rescoring needs a few columns); only the
    # passages shown are read as objects.
    rows = _visible(user).filter(pk__in=[h.passage_id for h in hits]).order_by()
    rows = rows.values_list(*_COLUMNS)
    by_id = {row[0]: _candidate(row) for row in rows}
    ranked = sorted(
        (
            (ranking.rescore(parsed, h.score, by_id[h.passage_id]), h.passage_id)
            for h in hits
            if h.passage_id in by_id
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    ranked = ranking.articles_first(parsed, ranked, by_id)
    best = ranked[:top]
    further = [pk for _, pk in ranked[top:] if by_id[pk].law and by_id[pk].current][:RELATED]
    objects = _passages(user).order_by().in_bulk([pk for _, pk in best] + further)
    answer.found = [Found(objects[k], score, snippet(objects[k].text, parsed)) for score, k in best]
    answer.related = _related(user, parsed, answer.found, [objects[pk] for pk in further])
    return answer


_COLUMNS = (
    "pk",
    "text",
    "heading",
    "kind",
    "citation",
    "version__current",
    "document__secondary",
    "document__kind",
    "document__short_name",
)


def _candidate(row: tuple) -> ranking.Candidate:
    _, text, heading, kind, citation, current, secondary, doc_kind, short_name = row
    return ranking.Candidate(
        text=text,
        heading=heading,
        kind=kind,
        current=current,
        secondary=secondary,
        rule=doc_kind == SourceKind.LAW and not short_name.endswith("法"),
        label=citation if doc_kind in (SourceKind.SYSTEM, SourceKind.RULES) else "",
        law=short_name if doc_kind == SourceKind.LAW else "",
        catalog=doc_kind == SourceKind.RULES,
    )


def _related(user, parsed: Question, found: list[Found], rest: list[Passage]) -> list[Found]:
    """Articles the answers cite, then the best further law articles among the hits."""
    shown = {f.passage.pk for f in found}
    out: list[Passage] = []
    for f in found:
        for cited in _cited_in(user, f.passage):
            if cited.pk not in shown and cited not in out:
                out.append(cited)
    out += [p for p in rest if p.pk not in shown and p not in out]
    return [Found(p, 0.0, snippet(p.text, parsed, width=80)) for p in out[:RELATED]]


def _cited_in(user, passage: Passage) -> list[Passage]:
    refs = []
    for name, number, sub in CITATION.findall(passage.text):
        refs.append((name, _to_int(number), _to_int(sub) if sub else 0, False))
    if passage.document.kind == SourceKind.LAW:
        short = passage.document.short_name
        refs += [(short, cn_to_int(n), 0, True) for n in SAME_LAW_REF.findall(passage.text)]
    out = []
    for name, number, sub, same in refs[:RELATED]:
        found = article_passage(
            user=user, law=name, number=number, sub=sub, version=passage.version if same else None
        )
        if found is not None and found.pk != passage.pk:
            out.append(found)
    return out


def article_passage(*, user, law: str, number: int, sub: int = 0, version=None) -> Passage | None:
    """Article ``number`` of the law named ``law`` (short name, title or alias; 试行 or 2012
    in the name means the trial text), if the user may read it."""
    rows = _passages(user).filter(document__kind=SourceKind.LAW, article=number, article_sub=sub)
    if version is not None:  # "本法第X条": the same text of the same law
        rows = rows.filter(version=version)
    else:
        name = law.strip().removeprefix("中华人民共和国")
        aliases = {normalize(a): full for a, full in lexicon.LAW_ALIASES.items()}
        base = re.sub(r"[（(]试行[)）]|2012|2019", "", name).strip()
        # A short name keeps no 试行 (services.law_base_name), even where the alias has it.
        short = re.sub(r"[（(]试行[)）]", "", aliases.get(normalize(base), base)).strip()
        rows = rows.filter(document__short_name=short)
    older = any(mark in law for mark in ("试行", "2012"))
    return min(
        rows, key=lambda p: (("试行" in p.citation) != older, not p.version.current), default=None
    )


def passage_for_citation(*, user, citation: str) -> Passage | None:
    """ "《刑事诉讼法》第一百七十二条" (or 第172条, 刑诉法, 高检规则…) to its article."""
    match = CITATION.search(citation)
    if match is None:
        return None
    name, number, sub = match.groups()
    return article_passage(
        user=user, law=name, number=_to_int(number), sub=_to_int(sub) if sub else 0
    )


def document_list(*, user, kind: str = ""):
    rows = _documents(user).select_related("unit", "owner")
    if kind:
        rows = rows.filter(kind=kind)
    return rows.annotate(version_count=Count("versions", distinct=True)).order_by("kind", "title")
