"""Bulk reads through the API are journaled like exports: one entry per query, not per page."""

import json

from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.testing.factories import CaseFactory


def _reads(user) -> list[dict]:
    entries = Entry.objects.filter(verb=Verb.API_READ, actor_id=user.pk).order_by("seq")
    return [json.loads(e.payload) | {"target": e.target_label} for e in entries]


def test_paging_through_the_ledger_is_one_entry_per_query(cast, login):
    for _ in range(7):
        CaseFactory(unit=cast.unit_a)
    client = login(cast.office)
    page = client.get("/api/cases/", {"limit": 2, "year": 2015}).json()
    pages = 1
    while page["next_cursor"]:
        page = client.get(
            "/api/cases/", {"limit": 2, "year": 2015, "cursor": page["next_cursor"]}
        ).json()
        pages += 1
    assert pages == 4
    client.get("/api/cases/", {"limit": 2, "unit": cast.unit_a.pk})  # another query
    assert _reads(cast.office) == [
        {"path": "/api/cases/", "filters": {"year": "2015"}, "target": "案件台账"},
        {"path": "/api/cases/", "filters": {"unit": str(cast.unit_a.pk)}, "target": "案件台账"},
    ]


def test_a_page_asked_for_first_is_journaled_as_its_query(cast, login):
    CaseFactory(unit=cast.unit_a)
    login(cast.office).get("/api/cases/", {"cursor": 10**9})
    assert _reads(cast.office) == [{"path": "/api/cases/", "filters": {}, "target": "案件台账"}]


def test_a_refused_list_read_is_not_a_read(cast, login):
    assert login(cast.liaison_a).get("/api/draws/").status_code == 403
    assert _reads(cast.liaison_a) == []


def test_the_other_lists_are_journaled_too(cast, login):
    client = login(cast.office)
    for path in ("/api/org/units", "/api/campaigns/", "/api/rectification/items"):
        assert client.get(path).status_code == 200
    assert [r["path"] for r in _reads(cast.office)] == [
        "/api/org/units",
        "/api/campaigns/",
        "/api/rectification/items",
    ]
