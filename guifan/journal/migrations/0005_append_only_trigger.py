"""On PostgreSQL, refuse UPDATE and DELETE of journal entries in the database itself.

The application never changes an entry (models.py refuses it too); this catches a change made
with SQL by anyone who is not the table's owner or a superuser, who can drop or disable the
trigger. TRUNCATE is not refused, because Django's flush (and the test suite) uses it; the
signed checkpoints held outside the database are what catch those. Nothing on SQLite.
"""

from django.db import migrations

INSTALL = [
    """
CREATE OR REPLACE FUNCTION journal_entry_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'journal entries are append-only: % of seq % refused', TG_OP, OLD.seq
        USING ERRCODE = 'insufficient_privilege';
END;
$$
""",
    """
CREATE TRIGGER journal_entry_append_only
    BEFORE UPDATE OR DELETE ON journal_entry
    FOR EACH ROW EXECUTE FUNCTION journal_entry_refuse_change()
""",
]

REMOVE = [
    "DROP TRIGGER IF EXISTS journal_entry_append_only ON journal_entry",
    "DROP FUNCTION IF EXISTS journal_entry_refuse_change()",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in INSTALL:
            schema_editor.execute(statement, params=None)  # "%" is not a placeholder here


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in REMOVE:
            schema_editor.execute(statement, params=None)  # "%" is not a placeholder here


class Migration(migrations.Migration):
    dependencies = [("journal", "0004_merkle_tree_and_checkpoints")]

    operations = [migrations.RunPython(install, remove)]
