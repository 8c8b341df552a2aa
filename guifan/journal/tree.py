"""The journal's Merkle tree (merkle.py) over the entries in the database.

Nodes of 2**BLOCK_LEVEL entries and above are stored in ``Subtree`` rows, added lazily: when
a root or proof needs stored nodes and the log has gained complete blocks since the last time,
those blocks (and only those) are hashed first. Smaller nodes are hashed from at most a couple
of blocks of entries on the way, so a root or proof reads a few dozen stored hashes and a
hundred or so entry hashes, whatever the log's size. The stored hashes are a cache:
``guifan journal verify --checkpoint`` recomputes the tree from the entries and compares.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Max, Q

from guifan.journal import merkle
from guifan.journal.models import Entry, Head, Subtree

BLOCK_LEVEL = 6  # 64 entries
KEY_SHIFT = 48  # Subtree.key = level << 48 | index
INDEX_MASK = (1 << KEY_SHIFT) - 1
CHUNK = 1 << 16  # entries read at a time while extending the stored nodes


class TreeError(ValueError):
    """A size or entry that has no tree or proof; the message says why, in Chinese."""


def log_size() -> int:
    """The number of entries the chain head vouches for."""
    return Head.objects.filter(pk=1).values_list("seq", flat=True).first() or 0


def node_key(level: int, index: int) -> int:
    return level << KEY_SHIFT | index


def leaf_data(ranges: Sequence[tuple[int, int]]) -> list[list[bytes]]:
    """The leaf data (raw entry_hash) of leaves a..b-1, i.e. entries a+1..b, for each (a, b)
    of ``ranges``, read in one query."""
    query = reduce(or_, (Q(seq__gt=start, seq__lte=end) for start, end in ranges))
    hashes = dict(Entry.objects.filter(query).values_list("seq", "entry_hash"))
    try:
        return [[bytes.fromhex(hashes[seq]) for seq in range(a + 1, b + 1)] for a, b in ranges]
    except KeyError as missing:
        seq = missing.args[0]
        raise TreeError(f"日志缺少序号 {seq} 的记录，无法计算哈希树") from None


def _chunk(start: int, end: int) -> list[bytes]:
    """leaf_data of one long range, read as fast as the ORM reads (one column, in order)."""
    rows = Entry.objects.filter(seq__gt=start, seq__lte=end).order_by("seq")
    hashes = list(rows.values_list("entry_hash", flat=True))
    if len(hashes) != end - start:
        return leaf_data([(start, end)])[0]  # names the missing entry
    return list(map(bytes.fromhex, hashes))


def extend(total: int | None = None) -> None:
    """Store the nodes of every complete block of the log not stored yet. All complete nodes
    over the stored blocks are always stored together, so the last block tells it all."""
    due = (log_size() if total is None else total) >> BLOCK_LEVEL
    if due == 0 or Subtree.objects.filter(key=node_key(BLOCK_LEVEL, due - 1)).exists():
        return
    level_keys = Subtree.objects.filter(
        key__gte=node_key(BLOCK_LEVEL, 0), key__lt=node_key(BLOCK_LEVEL + 1, 0)
    )
    top = level_keys.aggregate(top=Max("key"))["top"]
    done = 0 if top is None else top - node_key(BLOCK_LEVEL, 0) + 1
    new = {BLOCK_LEVEL: []}
    for start in range(done << BLOCK_LEVEL, due << BLOCK_LEVEL, CHUNK):
        end = min(start + CHUNK, due << BLOCK_LEVEL)
        leaves = merkle.leaf_hashes(_chunk(start, end))
        new[BLOCK_LEVEL].extend(merkle.complete_nodes(leaves, BLOCK_LEVEL))
    level = BLOCK_LEVEL
    while parents := _parents(level, done >> (level - BLOCK_LEVEL), new[level]):
        level += 1
        new[level] = parents
    rows = [
        Subtree(key=node_key(level, (done >> (level - BLOCK_LEVEL)) + i), hash=digest.hex())
        for level, hashes in new.items()
        for i, digest in enumerate(hashes)
    ]
    with transaction.atomic():  # another process may store the same nodes: they are equal
        Subtree.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def _parents(level: int, stored: int, added: list[bytes]) -> list[bytes]:
    """The new nodes one level up, from the stored and the newly added ones at ``level``."""
    have, due = stored // 2, (stored + len(added)) // 2
    if due <= have:
        return []
    old = Subtree.objects.filter(key__in=[node_key(level, i) for i in range(2 * have, stored)])
    known = {key & INDEX_MASK: bytes.fromhex(h) for key, h in old.values_list("key", "hash")}
    known.update((stored + i, digest) for i, digest in enumerate(added))
    return [merkle.node_hash(known[2 * i], known[2 * i + 1]) for i in range(have, due)]


class StoredTree:
    """The tree of the first ``size`` of ``total`` entries, from stored nodes and entries."""

    def __init__(self, size: int, total: int) -> None:
        self.size, self.total = size, total

    def nodes(self, wanted: Iterable[merkle.Node]) -> dict[merkle.Node, bytes]:
        wanted = set(wanted)
        high = {node for node in wanted if node[0] >= BLOCK_LEVEL}
        found = self._stored(high) if high else {}
        low = wanted - high
        blocks = sorted({index << level >> BLOCK_LEVEL for level, index in low})
        ranges = [(b << BLOCK_LEVEL, min((b + 1) << BLOCK_LEVEL, self.size)) for b in blocks]
        leaves = {
            start: merkle.leaf_hashes(data)
            for (start, _), data in zip(ranges, leaf_data(ranges) if ranges else [], strict=True)
        }
        for level, index in low:
            first = index << level
            start = first >> BLOCK_LEVEL << BLOCK_LEVEL
            block = leaves[start][first - start : first - start + (1 << level)]
            found[level, index] = merkle.tree_hash(block)
        return found

    def _stored(self, nodes: set[merkle.Node]) -> dict[merkle.Node, bytes]:
        """Stored hashes of ``nodes``, storing what the log gained first if need be: the last
        complete block's node is asked for too, and is there only if all others are."""
        keys = {node_key(*node): node for node in nodes}
        last_block = node_key(BLOCK_LEVEL, (self.total >> BLOCK_LEVEL) - 1)
        rows = dict(Subtree.objects.filter(key__in=[*keys, last_block]).values_list("key", "hash"))
        if last_block not in rows:
            extend(self.total)
            rows = dict(Subtree.objects.filter(key__in=list(keys)).values_list("key", "hash"))
        try:
            return {node: bytes.fromhex(rows[key]) for key, node in keys.items()}
        except KeyError:
            raise TreeError("存储的子树哈希不全：子树哈希表被改动过") from None


def stored_tree(size: int | None = None) -> StoredTree:
    """The tree at ``size`` (default: the whole log); its stored nodes follow the log lazily."""
    total = log_size()
    if size is None:
        size = total
    if not 0 <= size <= total:
        raise TreeError(f"树大小 {size} 超出范围：日志共有 {total} 条记录")
    return StoredTree(size, total)


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
