"""List reads through the API are journaled like exports: once per query, not per page."""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache

from guifan.core.http import client_ip
from guifan.journal.services import record
from guifan.journal.verbs import Verb

PAGING = frozenset({"cursor", "offset", "limit"})
# A query read again within this window (the next page, a client polling) is the same query.
QUERY_SECONDS = 10 * 60


def journal_list_read(request, what: str, label: str) -> None:
    """Journal the read of a list (``what`` is the model, ``label`` its Chinese name).

    Paging parameters are not part of the query, so the 41 requests that page through the
    whole ledger are one entry. The memory of which queries were journaled is the cache,
    which is per process: with several server processes a query is journaled at most once
    by each, never not at all, and a page asked for first (a cursor out of nowhere) is
    journaled as its query.
    """
    filters = {
        key: request.GET.getlist(key) if len(request.GET.getlist(key)) > 1 else value
        for key, value in sorted(request.GET.items())
        if key not in PAGING and value != ""
    }
    query = json.dumps([request.user.pk, request.path, filters], ensure_ascii=False)
    if not cache.add(f"api-read:{hashlib.sha256(query.encode()).hexdigest()}", 1, QUERY_SECONDS):
        return
    record(
        actor=request.user,
        verb=Verb.API_READ,
        target=(what, "", label),
        ip=client_ip(request),
        payload={"path": request.path, "filters": filters},
    )
