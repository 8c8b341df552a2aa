"""Signed checkpoints: signing one and handing it to the witness folder, and proving that the
log as stored extends checkpoints kept elsewhere.

A checkpoint commits the system to the root of its first N entries. Someone who rewrites the
chain in the database (every hash recomputed, the head moved) passes the chain check, but the
tree of the rewritten entries has another root, so no consistency proof from a checkpoint
signed before the rewrite leads to it. The check below recomputes the tree from the entries
and does not trust the stored subtree hashes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from guifan.core import clock
from guifan.journal import keys, merkle, notes
from guifan.journal.models import Checkpoint, Entry, Subtree
from guifan.journal.services import record
from guifan.journal.tree import (
    BLOCK_LEVEL,
    INDEX_MASK,
    KEY_SHIFT,
    TreeError,
    log_size,
    stored_tree,
)
from guifan.journal.verbs import Verb

PUBLIC_KEY_FILE = "journal-key.pub"


def checkpoint_sign(*, by, ip: str = "") -> Checkpoint:
    """Sign the tree of the whole log, journal it, and write it to the witness folder."""
    with transaction.atomic():
        tree = stored_tree()
        root = merkle.root(tree, tree.size)
        _refuse_to_contradict_the_last(tree)
        name = keys.key_name()
        note = notes.sign(notes.Checkpoint(name, tree.size, root), name, keys.signing_key())
        now = clock.now()
        checkpoint = Checkpoint.objects.create(
            tree_size=tree.size,
            root_hash=root.hex(),
            note=note,
            signed_at=now,
            signed_by=by.get_username() if by else "system",
            file_name=f"journal-checkpoint-{tree.size}-{now:%Y%m%d%H%M%S}.txt",
        )
        payload = {"tree_size": tree.size, "root": root.hex(), "file": checkpoint.file_name}
        record(actor=by, verb=Verb.JOURNAL_CHECKPOINT, target=checkpoint, payload=payload, ip=ip)
    witness_export(checkpoint)
    return checkpoint


def checkpoint_due() -> bool:
    """False when nothing but the last checkpoint's own journal entry came after it."""
    last = Checkpoint.objects.order_by("-id").first()
    if last is None or log_size() > last.tree_size + 1:
        return True
    return not Entry.objects.filter(seq=last.tree_size + 1, verb=Verb.JOURNAL_CHECKPOINT).exists()


def _refuse_to_contradict_the_last(tree) -> None:
    # A log must never sign a checkpoint inconsistent with one it signed before (C2SP).
    last = Checkpoint.objects.order_by("-tree_size", "-id").first()
    if last is None:
        return
    if last.tree_size > tree.size or merkle.root(tree, last.tree_size).hex() != last.root_hash:
        raise TreeError(
            f"当前日志与 {last.signed_at:%Y-%m-%d %H:%M} 签发的检查点（{last.tree_size} 条）"
            "不一致，拒绝签发：日志可能被改写，请用 guifan journal verify --checkpoint 核查"
        )


def witness_export(checkpoint: Checkpoint) -> Path:
    """Write the checkpoint and the public key into the witness folder; returns the file."""
    folder = Path(settings.GUIFAN_WITNESS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / PUBLIC_KEY_FILE, keys.verifier_key() + "\n")
    return _write(folder / checkpoint.file_name, checkpoint.note)


def _write(path: Path, text: str) -> Path:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="\n")
    os.replace(temporary, path)
    return path


@dataclass
class Finding:
    """What one checkpoint says about the log."""

    file: str
    ok: bool
    tree_size: int | None
    root: str | None
    message: str


@dataclass
class Report:
    checkpoints: list[Finding]
    leaves: int  # entries in sequence from seq 1, as stored
    subtrees_ok: bool  # the stored subtree hashes agree with the entries

    @property
    def ok(self) -> bool:
        return self.subtrees_ok and all(f.ok for f in self.checkpoints)

    def as_dicts(self) -> list[dict]:
        return [asdict(f) for f in self.checkpoints]


def checkpoints_verify(given: Sequence[tuple[str, str]], key: tuple[str, bytes]) -> Report:
    """Check each (file name, signed note) against the log, recomputed from its entries."""
    tree = merkle.MemoryTree(_stored_leaf_data(), block_level=BLOCK_LEVEL)
    current = merkle.root(tree, tree.size)
    findings = [_check(file, text, key, tree, current) for file, text in given]
    return Report(checkpoints=findings, leaves=tree.size, subtrees_ok=_subtrees_agree(tree))


def _check(file, text, key, tree, current) -> Finding:
    name, public = key
    try:
        checkpoint = notes.open_signed(text, name, public)
    except notes.NoteError as exc:
        return Finding(file, False, None, None, f"检查点 {file} 未通过：{exc}")
    size, root = checkpoint.size, checkpoint.root.hex()
    if checkpoint.origin != name:
        return Finding(
            file, False, size, root, f"检查点 {file} 来自另一个日志（{checkpoint.origin}）"
        )
    if size > tree.size:
        return Finding(
            file,
            False,
            size,
            root,
            f"检查点 {file} 记载日志有 {size} 条记录，现在按序只剩 {tree.size} 条：记录被删除",
        )
    proof = merkle.consistency_proof(tree, size, tree.size)
    if not merkle.verify_consistency(size, tree.size, proof, checkpoint.root, current):
        return Finding(
            file,
            False,
            size,
            root,
            f"检查点 {file}（{size} 条）与当前日志不一致：前 {size} 条记录的历史被改写",
        )
    return Finding(file, True, size, root, f"检查点 {file}（{size} 条）：当前日志是它的延续")


def _stored_leaf_data() -> list[bytes]:
    """Each entry's stored entry_hash from seq 1 on, as long as no sequence number is missing."""
    data = []
    rows = Entry.objects.filter(seq__lte=log_size()).order_by("seq")
    for seq, entry_hash in rows.values_list("seq", "entry_hash").iterator(chunk_size=10000):
        if seq != len(data) + 1:
            break
        data.append(bytes.fromhex(entry_hash))
    return data


def _subtrees_agree(tree: merkle.MemoryTree) -> bool:
    for key, stored in Subtree.objects.values_list("key", "hash").iterator():
        level, index = key >> KEY_SHIFT, key & INDEX_MASK
        nodes = tree.upper[level - BLOCK_LEVEL] if level - BLOCK_LEVEL < len(tree.upper) else []
        if index >= len(nodes) or nodes[index].hex() != stored:
            return False
    return True
