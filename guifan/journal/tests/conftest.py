import pytest
from django.db import connection

from guifan.journal.services import record_many
from guifan.journal.verbs import Verb


@pytest.fixture
def owner_sql():
    """SQL behind the system's back, with the rights of the database's owner: on PostgreSQL
    the append-only trigger is disabled first, which the owner (or a superuser) can do."""

    def run(statement, params=()):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "ALTER TABLE journal_entry DISABLE TRIGGER journal_entry_append_only"
                )
            cursor.execute(statement, params)

    return run


@pytest.fixture
def fill(db):
    """Append n entries in one batch (the way an import journals its rows)."""

    def append(n):
        items = [(Verb.DEMO_LOAD, ("demo.world", str(i), "演示"), {"i": i}) for i in range(n)]
        record_many(actor=None, items=items)

    return append
