"""The journal after a restore: its hash chain, and every signed checkpoint in the restored
witness folder that was signed before the backup's snapshot (a checkpoint signed while the
files were being archived describes entries the dump cannot hold)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def journal_after_restore(entries_at_backup: int) -> dict:
    from guifan.journal import keys
    from guifan.journal.selectors import journal_verify, verdict_message

    verdict = journal_verify()
    result = {
        "ok": verdict.ok,
        "entries": verdict.count,
        "head_hash": verdict.head_hash,
        "message": verdict_message(verdict),
        "checkpoints": [],
    }
    given = [
        (path.name, text)
        for path in sorted(Path(settings.GUIFAN_WITNESS_DIR).glob("journal-checkpoint-*.txt"))
        if (size := _tree_size(text := path.read_text(encoding="utf-8"))) is not None
        and size <= entries_at_backup
    ]
    if given and keys.has_key():
        from guifan.journal.checkpoints import checkpoints_verify

        report = checkpoints_verify(given, keys.public_key())
        result["checkpoints"] = report.as_dicts()
        result["ok"] = verdict.ok and report.ok
    return result


def _tree_size(note: str) -> int | None:
    """The tree size line of a C2SP checkpoint (origin, size, root); None if unreadable."""
    lines = note.splitlines()
    return int(lines[1]) if len(lines) > 1 and lines[1].isdigit() else None
