"""RFC 9162 Merkle trees over the journal, in plain Python so that anyone can re-check them.

Leaf i (0-based) is the journal entry with seq i + 1; its leaf data is the 32 raw bytes of
that entry's ``entry_hash`` (see chain.py). Hashing follows RFC 9162 §2.1.1:

    MTH({})       = SHA-256()
    leaf hash     = SHA-256(0x00 || data)
    MTH(D[n])     = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])),  k the largest power of
                    two smaller than n

Inclusion proofs are PATH (§2.1.3.1) and consistency proofs PROOF/SUBPROOF (§2.1.4.1),
verified as §2.1.3.2 and §2.1.4.2 say. Every subtree those definitions hash is made of
complete, aligned subtrees ("nodes": ``(level, index)`` holds the 2**level leaves from
``index * 2**level``), so the proof functions here only name the ranges they need; a
``Source`` (the database's stored subtrees, or a tree held in memory) supplies the node
hashes. That keeps one implementation of the RFC for both.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Protocol

EMPTY_ROOT = hashlib.sha256(b"").digest()
Node = tuple[int, int]  # (level, index)
Range = tuple[int, int]  # leaves [start, end)


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(size: int) -> int:
    """k of the RFC: the largest power of two smaller than ``size`` (size ≥ 2)."""
    return 1 << ((size - 1).bit_length() - 1)


def pieces(start: int, end: int) -> list[Node]:
    """The nodes that make up D[start:end], left to right, largest first, as MTH splits it."""
    nodes = []
    while start < end:
        level = (end - start).bit_length() - 1
        if start % (1 << level):
            raise ValueError(f"D[{start}:{end}] is not a subtree of any RFC 9162 tree")
        nodes.append((level, start >> level))
        start += 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """The hash of adjacent pieces given largest first: node(h0, node(h1, … h_last))."""
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def leaf_hashes(leaf_data: Iterable[bytes]) -> list[bytes]:
    sha256 = hashlib.sha256  # the loops below are the whole cost of hashing a big log
    return [sha256(b"\x00" + data).digest() for data in leaf_data]


def _parents(hashes: Sequence[bytes]) -> list[bytes]:
    """Each pair of neighbours hashed into its parent; an odd last one is left out."""
    sha256, pairs = hashlib.sha256, zip(hashes[0::2], hashes[1::2], strict=False)
    return [sha256(b"\x01" + a + b).digest() for a, b in pairs]


def tree_hash(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH of a list of leaf hashes: pair neighbours level by level, an odd last one moves up."""
    if not leaf_hashes:
        return EMPTY_ROOT
    level = list(leaf_hashes)
    while len(level) > 1:
        level = _parents(level) + level[-1:] if len(level) % 2 else _parents(level)
    return level[0]


def complete_nodes(leaf_hashes: Sequence[bytes], level: int) -> list[bytes]:
    """The hashes of each complete run of 2**level leaves (the list starts at a boundary)."""
    hashes = leaf_hashes[: len(leaf_hashes) >> level << level]
    for _ in range(level):
        hashes = _parents(hashes)
    return list(hashes)


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """The subtrees whose hashes form PATH(index, D[size]), leaf end first."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size}")
    path, start, end = [], 0, size
    while end - start > 1:
        k = split_point(end - start)
        if index < start + k:
            path.append((start + k, end))
            end = start + k
        else:
            path.append((start, start + k))
            start += k
    return path[::-1]


def consistency_ranges(old: int, new: int) -> list[Range]:
    """The subtrees whose hashes form PROOF(old, D[new]) = SUBPROOF(old, D[new], true)."""
    if not 0 < old < new:
        raise ValueError(f"a consistency proof needs 0 < old < new, not {old}, {new}")
    path, start, end, m, complete = [], 0, new, old, True
    while m != end - start:
        k = split_point(end - start)
        if m <= k:
            path.append((start + k, end))
            end = start + k
        else:
            path.append((start, start + k))
            start, m, complete = start + k, m - k, False
    if not complete:
        path.append((start, end))
    return path[::-1]


class Source(Protocol):
    """Something that knows the hash of every complete node of a tree of ``size`` leaves."""

    size: int

    def nodes(self, wanted: Iterable[Node]) -> dict[Node, bytes]: ...


def range_hashes(source: Source, ranges: Sequence[Range]) -> list[bytes]:
    """MTH of each range (the empty one included), asking the source for all nodes at once."""
    per_range = [pieces(start, end) for start, end in ranges]
    known = source.nodes({node for nodes in per_range for node in nodes})
    return [fold([known[node] for node in nodes]) if nodes else EMPTY_ROOT for nodes in per_range]


def root(source: Source, size: int) -> bytes:
    if not 0 <= size <= source.size:
        raise ValueError(f"tree size {size} is beyond the log's {source.size}")
    return range_hashes(source, [(0, size)])[0]


def inclusion_proof(source: Source, index: int, size: int) -> list[bytes]:
    return range_hashes(source, inclusion_ranges(index, size))


def consistency_proof(source: Source, old: int, new: int) -> list[bytes]:
    """PROOF(old, D[new]); empty when old is 0 or old equals new (nothing to prove)."""
    if old == 0 or old == new:
        return []
    return range_hashes(source, consistency_ranges(old, new))


def _shift_while_even(fn: int, sn: int) -> tuple[int, int]:
    while fn and not fn & 1:
        fn, sn = fn >> 1, sn >> 1
    return fn, sn


def verify_inclusion(
    index: int, size: int, leaf: bytes, path: Sequence[bytes], expected_root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            fn, sn = _shift_while_even(fn, sn)
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == expected_root


def verify_consistency(
    old: int, new: int, path: Sequence[bytes], old_root: bytes, new_root: bytes
) -> bool:
    """RFC 9162 §2.1.4.2, plus the trivial cases it leaves to the caller (old 0, old = new)."""
    if old == 0:
        return not path and (new > 0 or new_root == EMPTY_ROOT) and old_root == EMPTY_ROOT
    if old == new:
        return not path and old_root == new_root
    if old > new or not path:
        return False
    path = list(path)
    if old & (old - 1) == 0:  # an exact power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            fn, sn = _shift_while_even(fn, sn)
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == old_root and sr == new_root and sn == 0


def levels_above(hashes: list[bytes]) -> list[list[bytes]]:
    """From the complete nodes of one level, those of every level above, bottom first."""
    levels = [hashes]
    while len(levels[-1]) > 1:
        levels.append(_parents(levels[-1]))
    return levels


class MemoryTree:
    """A whole tree held in memory, for a check from scratch: every leaf hash, and the
    complete nodes of 2**block_level leaves and above, computed once."""

    def __init__(self, leaf_data: Iterable[bytes], *, block_level: int = 8) -> None:
        self.leaves = leaf_hashes(leaf_data)
        self.size = len(self.leaves)
        self.block_level = block_level
        self.upper = levels_above(complete_nodes(self.leaves, block_level))

    def nodes(self, wanted: Iterable[Node]) -> dict[Node, bytes]:
        found = {}
        for level, index in wanted:
            if level >= self.block_level:
                found[level, index] = self.upper[level - self.block_level][index]
            else:
                start = index << level
                found[level, index] = tree_hash(self.leaves[start : start + (1 << level)])
        return found
