"""Knowledge base API: ask a question, read one passage; the same scoping as the pages."""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from guifan.api.access import require_role
from guifan.knowledge.access import READERS, access_passage
from guifan.knowledge.selectors import kb_ask

router = Router(tags=["knowledge"])


class FoundOut(Schema):
    source: str
    citation: str
    text: str
    score: float


class PassageOut(Schema):
    id: int
    source: str
    citation: str
    heading: str
    text: str
    current: bool


@router.get("/ask", response=list[FoundOut])
def ask(request, q: str, top: int = 3, source: str = "", law: str = ""):
    """The passages that best answer ``q`` among those the caller may read, best first."""
    require_role(request, *READERS)
    if not 1 <= top <= 20:
        raise HttpError(422, "top 须在 1 到 20 之间")
    answer = kb_ask(user=request.user, question=q[:200], top=top, kind=source, law=law)
    return [found.as_dict() for found in answer.found]


@router.get("/passages/{passage_id}", response=PassageOut)
def passage(request, passage_id: int):
    require_role(request, *READERS)
    try:
        found = access_passage(request.user, passage_id)
    except Http404:
        raise HttpError(404, "未找到") from None
    return {
        "id": found.pk,
        "source": found.document.title,
        "citation": found.citation,
        "heading": found.heading,
        "text": found.text,
        "current": found.version.current,
    }
