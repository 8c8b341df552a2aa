"""The journal in the database: appending, refusing changes, and verification that catches
edits made behind the system's back with raw SQL."""

import json

import pytest
from django.db import DatabaseError, connection, transaction

from guifan.cli import main
from guifan.journal.models import AppendOnlyError, Entry, Head
from guifan.journal.selectors import journal_verify
from guifan.journal.services import record
from guifan.journal.verbs import Verb

pytestmark = pytest.mark.django_db


def _fill(n=4):
    for i in range(n):
        record(
            actor=None, verb=Verb.DEMO_LOAD, target=("demo.world", str(i), "演示"), payload={"i": i}
        )


def test_entries_link_to_their_predecessor_and_the_head_follows():
    _fill(3)
    entries = list(Entry.objects.order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[1].prev_hash == entries[0].entry_hash
    assert Head.objects.get(pk=1).entry_hash == entries[2].entry_hash


def test_orm_cannot_change_or_delete_entries():
    _fill(1)
    entry = Entry.objects.get()
    entry.actor_name = "x"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        Entry.objects.all().update(actor_name="x")
    with pytest.raises(AppendOnlyError):
        Entry.objects.all().delete()


def test_unknown_verbs_are_refused():
    with pytest.raises(TypeError):
        record(actor=None, verb="made.up")


def test_verify_passes_on_an_intact_journal(capsys):
    _fill(4)
    assert journal_verify().ok
    assert main(["journal", "verify"]) == 0
    assert "共 4 条记录" in capsys.readouterr().out


def test_raw_sql_edit_is_caught_and_named(capsys, owner_sql):
    _fill(4)
    owner_sql("UPDATE journal_entry SET payload = %s WHERE seq = 2", ['{"i":99}'])
    assert main(["journal", "verify"]) == 1
    err = capsys.readouterr().err
    assert "序号 2" in err and "被改动" in err


def test_raw_sql_delete_is_caught(capsys, owner_sql):
    _fill(4)
    owner_sql("DELETE FROM journal_entry WHERE seq = 2")
    assert main(["journal", "verify", "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is False
    assert result["bad_seq"] == 3
    assert result["problem"] == "missing"


def test_raw_sql_reorder_is_caught(owner_sql):
    _fill(4)
    owner_sql("UPDATE journal_entry SET seq = 100 WHERE seq = 2")
    owner_sql("UPDATE journal_entry SET seq = 2 WHERE seq = 3")
    owner_sql("UPDATE journal_entry SET seq = 3 WHERE seq = 100")
    verdict = journal_verify()
    assert verdict.bad_seq == 2
    assert verdict.problem in ("broken_link", "altered")


def test_deleting_the_last_entries_is_caught(owner_sql):
    _fill(4)
    owner_sql("DELETE FROM journal_entry WHERE seq >= 3")
    verdict = journal_verify()
    assert verdict.problem == "head_mismatch"
    assert verdict.count == 2


def test_verify_json_on_intact_journal(capsys):
    _fill(2)
    assert main(["journal", "verify", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is True
    assert result["entries"] == 2


def test_a_payload_rewritten_to_the_same_value_is_caught(owner_sql):
    _fill(3)
    owner_sql("UPDATE journal_entry SET payload = %s WHERE seq = 2", ['{"i":99,"i":1}'])
    verdict = journal_verify()
    assert (verdict.bad_seq, verdict.problem) == (2, "altered")


def test_a_row_added_beyond_the_head_is_caught(owner_sql):
    _fill(2)
    last = Entry.objects.get(seq=2)
    owner_sql(
        "INSERT INTO journal_entry (seq, at, actor_id, actor_name, ip, verb, target_type, "
        "target_id, target_label, payload, prev_hash, entry_hash) "
        "SELECT 3, at, actor_id, actor_name, ip, verb, target_type, target_id, target_label, "
        "payload, entry_hash, entry_hash FROM journal_entry WHERE seq = 2"
    )
    verdict = journal_verify()
    assert verdict.problem == "head_mismatch"
    assert last.seq == 2


def test_entries_appended_during_verification_are_no_false_alarm(monkeypatch):
    from guifan.journal import selectors

    _fill(2)
    original = selectors._rows

    def rows_with_a_concurrent_append(up_to):
        record(actor=None, verb=Verb.DEMO_LOAD)  # another request appends meanwhile
        yield from original(up_to)

    monkeypatch.setattr(selectors, "_rows", rows_with_a_concurrent_append)
    assert selectors.journal_verify().ok


@pytest.mark.parametrize(
    "statement",
    ["UPDATE journal_entry SET payload = '{}' WHERE seq = 1", "DELETE FROM journal_entry"],
)
def test_postgresql_itself_refuses_to_change_or_remove_entries(statement):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    _fill(2)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert journal_verify().ok
