"""Fetching one knowledge-base object for a user: the same 404 for missing and not yours."""

from __future__ import annotations

from django.http import Http404

from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.knowledge.models import Document, Passage

# Everyone with a business role reads the knowledge base; the 三员 do not.
READERS = (Role.OFFICE, Role.INSPECTION, Role.LIAISON, Role.EVALUATOR, Role.TEAM_LEAD, Role.HANDLER)


def access_passage(user, passage_id: int) -> Passage:
    passage = (
        Passage.objects.visible_to(user)
        .select_related("document", "version")
        .filter(pk=passage_id)
        .first()
    )
    if passage is None:
        raise Http404
    return passage


def access_document(user, document_id: int, *, write: bool = False) -> Document:
    document = Document.objects.visible_to(user).filter(pk=document_id).first()
    if document is None:
        raise Http404
    if write and document.owner_id not in scope_of(user).units_for(Role.OFFICE):
        raise Http404
    return document
