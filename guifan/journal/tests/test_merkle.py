"""The RFC 9162 tree in plain Python: the published Certificate Transparency vectors, and a
naive implementation written straight from the RFC's recursive definitions compared on every
tree size and every pair of sizes up to N."""

import hashlib
from functools import cache

import pytest

from guifan.journal import merkle

# Leaves and roots of the RFC 6962 test tree (certificate-transparency, transparency-dev/merkle).
CT_LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
CT_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_INCLUSION = {
    (0, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (5, 8): [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}
CT_CONSISTENCY = {
    (2, 8): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (6, 8): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 5): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
}


# --- The RFC's definitions, transcribed literally (lists of leaf data, recursion) -----------


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def naive_mth(d: list[bytes]) -> bytes:
    return _mth(tuple(d))


@cache  # only to keep the test quick; the recursion is the RFC's
def _mth(d: tuple[bytes, ...]) -> bytes:
    if not d:
        return _sha(b"")
    if len(d) == 1:
        return _sha(b"\x00" + d[0])
    k = _k(len(d))
    return _sha(b"\x01" + _mth(d[:k]) + _mth(d[k:]))


def naive_path(m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = _k(len(d))
    if m < k:
        return [*naive_path(m, d[:k]), naive_mth(d[k:])]
    return [*naive_path(m - k, d[k:]), naive_mth(d[:k])]


def naive_subproof(m: int, d: list[bytes], b: bool) -> list[bytes]:
    if m == len(d):
        return [] if b else [naive_mth(d)]
    k = _k(len(d))
    if m <= k:
        return [*naive_subproof(m, d[:k], b), naive_mth(d[k:])]
    return [*naive_subproof(m - k, d[k:], False), naive_mth(d[:k])]


N = 70  # every shape up to 64 leaves and a little beyond
DATA = [hashlib.sha256(str(i).encode()).digest() for i in range(N)]


@pytest.fixture(scope="module")
def trees():
    """One in-memory tree per size, with a small block level so that stored levels are used."""
    return {n: merkle.MemoryTree(DATA[:n], block_level=2) for n in range(N + 1)}


def _hex(hashes):
    return [h.hex() for h in hashes]


def test_published_roots():
    for size, expected in enumerate(CT_ROOTS):
        assert merkle.tree_hash([merkle.leaf_hash(d) for d in CT_LEAVES[:size]]).hex() == expected
        assert merkle.root(merkle.MemoryTree(CT_LEAVES[:size]), size).hex() == expected


def test_published_inclusion_and_consistency_proofs():
    tree = merkle.MemoryTree(CT_LEAVES, block_level=1)
    roots = [bytes.fromhex(r) for r in CT_ROOTS]
    for (index, size), expected in CT_INCLUSION.items():
        assert _hex(merkle.inclusion_proof(tree, index, size)) == expected
        leaf = merkle.leaf_hash(CT_LEAVES[index])
        path = [bytes.fromhex(h) for h in expected]
        assert merkle.verify_inclusion(index, size, leaf, path, roots[size])
    for (old, new), expected in CT_CONSISTENCY.items():
        assert _hex(merkle.consistency_proof(tree, old, new)) == expected
        path = [bytes.fromhex(h) for h in expected]
        assert merkle.verify_consistency(old, new, path, roots[old], roots[new])


def test_roots_match_the_rfc_definition_for_every_size(trees):
    for n in range(N + 1):
        assert merkle.root(trees[n], n) == naive_mth(DATA[:n])
        assert merkle.root(trees[N], n) == naive_mth(DATA[:n])  # an older size of a bigger tree


def test_inclusion_proofs_match_path_and_verify(trees):
    for n in range(1, N + 1):
        root = naive_mth(DATA[:n])
        for m in range(n):
            proof = merkle.inclusion_proof(trees[N], m, n)
            assert proof == naive_path(m, DATA[:n]), (m, n)
            leaf = merkle.leaf_hash(DATA[m])
            assert merkle.verify_inclusion(m, n, leaf, proof, root)
            assert not merkle.verify_inclusion(m, n, merkle.leaf_hash(b"x"), proof, root)
            if proof:
                assert not merkle.verify_inclusion(m, n, leaf, proof[:-1], root)
                assert not merkle.verify_inclusion(m, n, leaf, [*proof, root], root)
                assert not merkle.verify_inclusion(m ^ 1, n, leaf, proof, root) or m ^ 1 == m
                bent = [proof[0][:-1] + bytes([proof[0][-1] ^ 1]), *proof[1:]]
                assert not merkle.verify_inclusion(m, n, leaf, bent, root)


def test_consistency_proofs_match_subproof_and_verify_for_all_pairs(trees):
    roots = [naive_mth(DATA[:n]) for n in range(N + 1)]
    for n in range(1, N + 1):
        for m in range(1, n):
            proof = merkle.consistency_proof(trees[n], m, n)
            assert proof == naive_subproof(m, DATA[:n], True), (m, n)
            assert merkle.verify_consistency(m, n, proof, roots[m], roots[n])
            # Another history of the same length, or a bent proof, does not verify.
            assert not merkle.verify_consistency(m, n, proof, merkle.leaf_hash(b"x"), roots[n])
            assert not merkle.verify_consistency(m, n, proof, roots[m], roots[n - 1])
            assert not merkle.verify_consistency(m, n, proof[:-1], roots[m], roots[n])
            bent = [proof[0][:-1] + bytes([proof[0][-1] ^ 1]), *proof[1:]]
            assert not merkle.verify_consistency(m, n, bent, roots[m], roots[n])


def test_degenerate_consistency_cases():
    a, b = naive_mth(DATA[:4]), naive_mth(DATA[:5])
    assert merkle.verify_consistency(4, 4, [], a, a)
    assert not merkle.verify_consistency(4, 4, [], a, b)
    assert merkle.verify_consistency(0, 5, [], merkle.EMPTY_ROOT, b)
    assert not merkle.verify_consistency(0, 5, [], a, b)
    assert not merkle.verify_consistency(5, 4, [a], b, a)
    assert not merkle.verify_consistency(3, 5, [], naive_mth(DATA[:3]), b)


def test_sizes_beyond_the_tree_are_refused(trees):
    with pytest.raises(ValueError):
        merkle.root(trees[5], 6)
    with pytest.raises(ValueError):
        merkle.inclusion_ranges(5, 5)
    with pytest.raises(ValueError):
        merkle.consistency_ranges(5, 3)


def test_pieces_are_aligned_complete_subtrees():
    assert merkle.pieces(0, 13) == [(3, 0), (2, 2), (0, 12)]
    assert merkle.pieces(8, 13) == [(2, 2), (0, 12)]
    with pytest.raises(ValueError):
        merkle.pieces(3, 7)
