"""Signed checkpoints: the key outside the database, the witness folder, and the check that
catches what the hash chain cannot: a history rewritten consistently in the database."""

import base64
import dataclasses
import json
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from guifan.cli import main
from guifan.journal import chain, notes, tree
from guifan.journal.checkpoints import PUBLIC_KEY_FILE, checkpoint_sign
from guifan.journal.models import Checkpoint, Entry, Head, Subtree
from guifan.journal.selectors import journal_verify
from guifan.journal.verbs import Verb

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def places(settings, tmp_path):
    settings.GUIFAN_JOURNAL_KEY = tmp_path / "keys" / "journal.pem"
    settings.GUIFAN_WITNESS_DIR = tmp_path / "witness"
    return tmp_path


def _sign() -> Path:
    checkpoint = checkpoint_sign(by=None)
    return Path(settings.GUIFAN_WITNESS_DIR) / checkpoint.file_name


def rewrite_history(owner_sql, from_seq: int) -> None:
    """Change one entry and re-hash it and every later one, then move the head: the rewrite
    that someone with write access to the database can make without breaking the chain."""
    prev = Entry.objects.get(seq=from_seq - 1).entry_hash if from_seq > 1 else chain.GENESIS_HASH
    for entry in Entry.objects.filter(seq__gte=from_seq).order_by("seq"):
        payload = '{"i":"改写"}' if entry.seq == from_seq else entry.payload
        fields = dataclasses.replace(entry.fields(), payload=payload, prev_hash=prev)
        new = chain.entry_hash(fields)
        owner_sql(
            "UPDATE journal_entry SET payload = %s, prev_hash = %s, entry_hash = %s WHERE seq = %s",
            [payload, prev, new, entry.seq],
        )
        prev = new
    Head.objects.filter(pk=1).update(entry_hash=prev)


def test_signing_writes_the_checkpoint_and_public_key_for_witnesses(fill, places):
    fill(10)
    checkpoint = checkpoint_sign(by=None)
    key_file = places / "keys" / "journal.pem"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    written = (places / "witness" / checkpoint.file_name).read_text(encoding="utf-8")
    assert written == checkpoint.note
    name, public = notes.parse_verifier_key((places / "witness" / PUBLIC_KEY_FILE).read_text())
    opened = notes.open_signed(written, name, public)
    assert (opened.size, opened.root.hex()) == (10, tree.root_info(10)["root"])
    entry = Entry.objects.get(seq=11)
    assert entry.verb == Verb.JOURNAL_CHECKPOINT
    assert json.loads(entry.payload)["root"] == checkpoint.root_hash


def test_the_key_is_created_once_and_reused(fill, places):
    fill(2)
    first = checkpoint_sign(by=None)
    second = checkpoint_sign(by=None)
    key_ids = {base64.b64decode(c.note.rsplit(" ", 1)[1])[:4] for c in (first, second)}
    assert len(key_ids) == 1
    assert len(list((places / "keys").iterdir())) == 1


def test_verify_accepts_checkpoints_the_log_extends(fill, capsys):
    fill(10)
    older = _sign()
    fill(300)
    newer = _sign()
    fill(3)
    assert main(["journal", "verify", "--checkpoint", str(older), str(newer), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] and result["subtrees_ok"]
    assert [c["tree_size"] for c in result["checkpoints"]] == [10, 311]
    assert all(c["ok"] for c in result["checkpoints"])
    assert {"entries", "head_hash", "bad_seq", "problem", "message"} <= set(result)


@pytest.mark.parametrize("attacker_rebuilds_stored_nodes", [False, True])
def test_a_consistently_rewritten_history_fails_loudly(
    fill, owner_sql, capsys, attacker_rebuilds_stored_nodes
):
    fill(300)
    signed = _sign()
    fill(20)
    rewrite_history(owner_sql, from_seq=40)
    if attacker_rebuilds_stored_nodes:
        Subtree.objects.all().delete()
        tree.extend()
    assert journal_verify().ok  # the chain alone cannot tell
    assert main(["journal", "verify", "--checkpoint", str(signed)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == f"检查点 {signed.name}（300 条）与当前日志不一致：前 300 条记录的历史被改写"
    assert (len(err) == 2) is not attacker_rebuilds_stored_nodes  # stale stored nodes: named too


def test_a_rewrite_after_the_checkpoint_is_not_blamed_on_it(fill, owner_sql, capsys):
    fill(30)
    signed = _sign()
    fill(10)
    rewrite_history(owner_sql, from_seq=35)
    assert main(["journal", "verify", "--checkpoint", str(signed)]) == 0
    assert "当前日志是它的延续" in capsys.readouterr().out


def test_a_cut_tail_is_caught(fill, owner_sql, capsys):
    fill(30)
    signed = _sign()
    owner_sql("DELETE FROM journal_entry WHERE seq > 20")
    Head.objects.filter(pk=1).update(seq=20, entry_hash=Entry.objects.get(seq=20).entry_hash)
    assert journal_verify().ok
    assert main(["journal", "verify", "--checkpoint", str(signed)]) == 1
    assert "记录被删除" in capsys.readouterr().err


def test_an_edited_checkpoint_file_is_refused(fill, tmp_path, capsys):
    fill(8)
    signed = _sign()
    forged = tmp_path / "forged.txt"
    forged.write_text(signed.read_text().replace("\n8\n", "\n7\n", 1), encoding="utf-8")
    assert main(["journal", "verify", "--checkpoint", str(forged)]) == 1
    assert "检查点 forged.txt 未通过：签名无效" in capsys.readouterr().err


def test_a_checkpoint_checked_with_another_public_key_is_refused(fill, tmp_path, capsys):
    fill(8)
    signed = _sign()
    other = tmp_path / "other.pub"
    key = Ed25519PrivateKey.generate()
    other.write_text(notes.verifier_key("guifan.local/journal", notes.public_bytes(key)))
    assert main(["journal", "verify", "--checkpoint", str(signed), "--key", str(other)]) == 1
    assert "没有密钥" in capsys.readouterr().err


def test_an_unreadable_checkpoint_file_cannot_be_checked(fill, tmp_path, capsys):
    fill(2)
    assert main(["journal", "verify", "--checkpoint", str(tmp_path / "none.txt")]) == 2
    assert "无法读取检查点文件" in capsys.readouterr().err


def test_signing_refuses_to_contradict_the_last_checkpoint(fill, owner_sql):
    fill(12)
    checkpoint_sign(by=None)
    rewrite_history(owner_sql, from_seq=3)
    with pytest.raises(tree.TreeError, match="拒绝签发"):
        checkpoint_sign(by=None)
    assert Checkpoint.objects.count() == 1


def test_scheduled_signing_skips_when_nothing_happened(fill, capsys):
    fill(3)
    assert main(["journal", "checkpoint", "--skip-unchanged", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tree_size"] == 3
    assert main(["journal", "checkpoint", "--skip-unchanged", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"signed": False, "reason": "unchanged"}
    fill(1)
    assert main(["journal", "checkpoint", "--skip-unchanged"]) == 0
    assert "已签发检查点（5 条记录）" in capsys.readouterr().out
