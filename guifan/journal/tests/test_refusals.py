"""Every refusal is journaled, pages and API alike, without flooding the journal or the log."""

import json
import logging
from datetime import datetime
from io import StringIO

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guifan.core.clock import frozen_at
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.testing.factories import CaseFactory
from guifan.testing.journal import counted, flush

MOMENT = timezone.make_aware(datetime(2016, 3, 1, 10, 30, 5))


def _refusal(user) -> dict:
    entry = Entry.objects.filter(verb=Verb.ACCESS_DENIED, actor_id=user.pk).get()
    return json.loads(entry.payload)


@pytest.mark.parametrize(
    "path,status",
    [("/cases/{case}/", 404), ("/api/cases/{case}", 404), ("/api/draws/", 403)],
)
def test_a_liaisons_refused_read_is_journaled(cast, login, path, status):
    other = CaseFactory(unit=cast.unit_b)
    url = path.format(case=other.pk)
    assert login(cast.liaison_a).get(url).status_code == status
    assert _refusal(cast.liaison_a) == {"path": url, "method": "GET", "status": status}


def test_a_flood_of_refusals_is_one_entry_per_user_and_minute(cast, login):
    client = login(cast.liaison_a)
    with frozen_at(MOMENT):  # within one minute however slow the machine
        for n in range(60):
            client.get(f"/cases/{900_000 + n}/")
    assert Entry.objects.filter(verb=Verb.ACCESS_DENIED).count() == 1
    flush()
    summary = json.loads(Entry.objects.filter(verb=Verb.ACCESS_DENIED).order_by("seq")[1].payload)
    assert summary["repeats"] == 59
    assert summary["samples"][0] == "GET /cases/900001/ 404"
    assert len(summary["samples"]) == 5
    assert counted(Verb.ACCESS_DENIED) == 60


def test_an_anonymous_refusal_is_journaled_by_address(cast):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("accounts:login"), {"username": "x"}, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 403
    entry = Entry.objects.get(verb=Verb.ACCESS_DENIED)
    assert (entry.actor_name, entry.ip) == ("anonymous", "10.1.2.3")


def test_a_mistyped_address_of_an_anonymous_visitor_is_not_a_refusal(db, client):
    assert client.get("/no-such-page/").status_code == 404
    assert not Entry.objects.filter(verb=Verb.ACCESS_DENIED).exists()


@pytest.mark.parametrize("name,args", [("journal:entry_list", []), ("cases:detail", [987654])])
def test_an_ordinary_refusal_is_one_log_line_without_a_traceback(cast, login, name, args):
    path = reverse(name, args=args)
    # A handler writing where the server log goes, with the filters the console handler has.
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    buffer = StringIO()
    handler = logging.StreamHandler(buffer)
    handler.filters = list(console.filters)
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        login(cast.liaison_a).get(path)
    finally:
        logger.removeHandler(handler)
    log = buffer.getvalue()
    assert path in log
    assert "Traceback" not in log
