"""The journal's Merkle tree (merkle.py) over the entries in the database.

Nodes of 2**BLOCK_LEVEL entries and above are stored in ``Subtree`` rows, added lazily: before
a root or proof is computed, the complete blocks the log gained since the last time are hashed
(and only those). Smaller nodes are hashed from at most a block of entries on the way, so a
root or proof reads a few dozen stored hashes and a few hundred entry hashes whatever the
log's size. The stored hashes are a cache: ``guifan journal verify --checkpoint`` recomputes
the tree from the entries and compares.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Max, Q

from guifan.journal import merkle
from guifan.journal.models import Entry, Head, Subtree

BLOCK_LEVEL = 8  # 256 entries
CHUNK = 1 << 16  # entries read at a time while extending the stored nodes


class TreeError(ValueError):
    """A size or entry that has no tree or proof; the message says why, in Chinese."""


def log_size() -> int:
    """The number of entries the chain head vouches for."""
    return Head.objects.filter(pk=1).values_list("seq", flat=True).first() or 0


def leaf_data(start: int, end: int) -> list[bytes]:
    """The leaf data (raw entry_hash) of leaves start..end-1, i.e. entries start+1..end."""
    rows = Entry.objects.filter(seq__gt=start, seq__lte=end).order_by("seq")
    data = []
    for seq, entry_hash in rows.values_list("seq", "entry_hash"):
        if seq != start + len(data) + 1:
            break
        data.append(bytes.fromhex(entry_hash))
    if len(data) != end - start:
        raise TreeError(f"日志缺少序号 {start + len(data) + 1} 的记录，无法计算哈希树")
    return data


def _stored_counts() -> dict[int, int]:
    # Nodes are stored level by level from index 0 without gaps.
    tops = Subtree.objects.values("level").annotate(top=Max("index")).values_list("level", "top")
    return {level: top + 1 for level, top in tops}


def extend() -> None:
    """Store the nodes of every complete block of the log not stored yet."""
    counts = _stored_counts()
    done, due = counts.get(BLOCK_LEVEL, 0) << BLOCK_LEVEL, log_size() >> BLOCK_LEVEL << BLOCK_LEVEL
    if due <= done:
        return
    new = {BLOCK_LEVEL: []}
    for start in range(done, due, CHUNK):
        leaves = [merkle.leaf_hash(d) for d in leaf_data(start, min(start + CHUNK, due))]
        new[BLOCK_LEVEL].extend(merkle.complete_nodes(leaves, BLOCK_LEVEL))
    level = BLOCK_LEVEL
    while (parents := _parents(level, counts, new[level])) is not None:
        level += 1
        new[level] = parents
    rows = [
        Subtree(level=level, index=counts.get(level, 0) + i, hash=digest.hex())
        for level, hashes in new.items()
        for i, digest in enumerate(hashes)
    ]
    with transaction.atomic():  # another process may store the same nodes: they are equal
        Subtree.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def _parents(level: int, counts: dict[int, int], added: list[bytes]) -> list[bytes] | None:
    """The new nodes one level up, from the stored and the newly added ones at ``level``."""
    first_new, have = counts.get(level, 0), counts.get(level + 1, 0)
    due = (first_new + len(added)) // 2
    if due <= have:
        return None
    old = Subtree.objects.filter(level=level, index__gte=2 * have, index__lt=first_new)
    known = {i: bytes.fromhex(h) for i, h in old.values_list("index", "hash")}
    known.update((first_new + i, digest) for i, digest in enumerate(added))
    return [merkle.node_hash(known[2 * i], known[2 * i + 1]) for i in range(have, due)]


class StoredTree:
    """The tree of the first ``size`` entries, answered from stored nodes and entries."""

    def __init__(self, size: int) -> None:
        self.size = size

    def nodes(self, wanted: Iterable[merkle.Node]) -> dict[merkle.Node, bytes]:
        wanted = set(wanted)
        high = {node for node in wanted if node[0] >= BLOCK_LEVEL}
        found = self._stored(high) if high else {}
        blocks: dict[int, list[bytes]] = {}
        for level, index in wanted - high:
            first = index << level
            block = first >> BLOCK_LEVEL
            if block not in blocks:
                start = block << BLOCK_LEVEL
                end = min(start + (1 << BLOCK_LEVEL), self.size)
                blocks[block] = [merkle.leaf_hash(d) for d in leaf_data(start, end)]
            offset = first - (block << BLOCK_LEVEL)
            found[level, index] = merkle.tree_hash(blocks[block][offset : offset + (1 << level)])
        return found

    @staticmethod
    def _stored(nodes: set[merkle.Node]) -> dict[merkle.Node, bytes]:
        query = reduce(or_, (Q(level=level, index=index) for level, index in nodes))
        rows = Subtree.objects.filter(query).values_list("level", "index", "hash")
        found = {(level, index): bytes.fromhex(h) for level, index, h in rows}
        if len(found) != len(nodes):
            raise TreeError("存储的子树哈希不全，请稍后重试")
        return found


def stored_tree(size: int | None = None) -> StoredTree:
    """The tree at ``size`` (default: the whole log), its stored nodes brought up to date."""
    total = log_size()
    if size is None:
        size = total
    if not 0 <= size <= total:
        raise TreeError(f"树大小 {size} 超出范围：日志共有 {total} 条记录")
    extend()
    return StoredTree(size)


def root_info(size: int | None = None) -> dict:
    """``{"tree_size", "root"}`` of the log (or of its first ``size`` entries)."""
    tree = stored_tree(size)
    return {"tree_size": tree.size, "root": merkle.root(tree, tree.size).hex()}


def inclusion_info(seq: int, size: int | None = None) -> dict:
    """The RFC 9162 inclusion proof of entry ``seq`` in the tree of ``size`` entries."""
    tree = stored_tree(size)
    if not 1 <= seq <= tree.size:
        raise TreeError(f"序号 {seq} 的记录不在前 {tree.size} 条记录构成的树中")
    index = seq - 1
    ranges = [(index, seq), (0, tree.size), *merkle.inclusion_ranges(index, tree.size)]
    leaf, root, *path = merkle.range_hashes(tree, ranges)
    if not merkle.verify_inclusion(index, tree.size, leaf, path, root):
        raise TreeError(_CACHE_DISAGREES)
    return {
        "seq": seq,
        "leaf_index": index,
        "tree_size": tree.size,
        "leaf_hash": leaf.hex(),
        "root": root.hex(),
        "path": [h.hex() for h in path],
    }


def consistency_info(old: int, new: int) -> dict:
    """The RFC 9162 consistency proof between the trees of ``old`` and ``new`` entries."""
    if not 0 <= old <= new:
        raise TreeError(f"旧树大小 {old} 应在 0 与新树大小 {new} 之间")
    tree = stored_tree(new)
    proof_ranges = merkle.consistency_ranges(old, new) if 0 < old < new else []
    old_root, new_root, *path = merkle.range_hashes(tree, [(0, old), (0, new), *proof_ranges])
    if not merkle.verify_consistency(old, new, path, old_root, new_root):
        raise TreeError(_CACHE_DISAGREES)
    return {
        "old_size": old,
        "new_size": new,
        "old_root": old_root.hex(),
        "new_root": new_root.hex(),
        "path": [h.hex() for h in path],
    }


_CACHE_DISAGREES = (
    "存储的子树哈希与日志记录不符（可能被改动）：请用 guifan journal verify --checkpoint 核查"
)
