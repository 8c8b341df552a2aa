"""The read replica: with one configured (here an alias mirroring the test database, as
Django's TEST MIRROR does), an export's reads go to it while its journal entry and every
other write go to the primary; pages not marked for the replica read the primary."""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guifan.core.replica import ReplicaRouter, replica_reads
from guifan.journal.models import Entry

WRITES = ("INSERT", "UPDATE", "DELETE")


def _statements(context) -> list[str]:
    return [q["sql"].lstrip().upper() for q in context.captured_queries]


@pytest.mark.django_db(databases=["default", "replica"], transaction=True)
def test_an_export_reads_from_the_replica_and_writes_to_the_primary(cast, login, settings):
    settings.GUIFAN_READ_REPLICA = "replica"
    client = login(cast.office)
    before = Entry.objects.count()
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as default,
    ):
        response = client.get(reverse("cases:export"))
        dashboard = client.get(reverse("web:dashboard"))
    assert response.status_code == 200 and dashboard.status_code == 200
    on_replica = _statements(replica)
    assert any(sql.startswith("SELECT") and "CASES_CASE" in sql for sql in on_replica)
    assert not any(sql.startswith(WRITES) for sql in on_replica)
    assert not any("DJANGO_SESSION" in sql or "ACCOUNTS_" in sql for sql in on_replica)
    # the journal's head moves on the primary (the entry itself may go by COPY, not captured)
    assert any(sql.startswith('UPDATE "JOURNAL_HEAD"') for sql in _statements(default))
    assert Entry.objects.count() == before + 1  # the export is journaled on the primary


def test_the_router_reads_the_primary_outside_marked_code_and_inside_transactions(settings):
    router = ReplicaRouter()
    settings.GUIFAN_READ_REPLICA = "replica"
    assert router.db_for_read(Entry) == "default"
    with replica_reads():
        assert router.db_for_read(Entry) == "replica"
        assert router.db_for_write(Entry) == "default"
    assert router.allow_migrate("replica", "journal") is False
    settings.GUIFAN_READ_REPLICA = None
    with replica_reads():
        assert router.db_for_read(Entry) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(settings):
    settings.GUIFAN_READ_REPLICA = "replica"
    with replica_reads(), transaction.atomic():
        assert ReplicaRouter().db_for_read(Entry) == "default"
