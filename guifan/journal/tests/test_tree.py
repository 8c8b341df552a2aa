"""The tree over the journal in the database: the same roots and proofs as a tree computed in
memory from the entries, extended only by what was appended, and the commands' JSON."""

import json

import pytest

from guifan.cli import main
from guifan.journal import merkle, tree
from guifan.journal.models import Entry, Subtree

pytestmark = pytest.mark.django_db


def _stored_nodes():
    rows = Subtree.objects.values_list("key", "hash")
    return {(key >> tree.KEY_SHIFT, key & tree.INDEX_MASK, digest) for key, digest in rows}


def _leaf_data():
    hashes = Entry.objects.order_by("seq").values_list("entry_hash", flat=True)
    return [bytes.fromhex(h) for h in hashes]


@pytest.fixture
def small_blocks(monkeypatch):
    """Store nodes from 4 entries up, so that a few dozen entries use every kind of node."""
    monkeypatch.setattr(tree, "BLOCK_LEVEL", 2)


def test_every_root_and_proof_matches_the_tree_in_memory(fill, small_blocks):
    for batch in (3, 9, 1, 14, 10):  # appended in batches, the stored nodes follow each time
        fill(batch)
        tree.root_info()
    memory = merkle.MemoryTree(_leaf_data())
    size = memory.size
    assert size == 37
    for n in range(size + 1):
        assert tree.root_info(n) == {"tree_size": n, "root": merkle.root(memory, n).hex()}
    for n in range(1, size + 1):
        for m in range(n):
            proof = tree.inclusion_info(m + 1, n)
            assert proof["path"] == [h.hex() for h in merkle.inclusion_proof(memory, m, n)]
            assert proof["leaf_hash"] == memory.leaves[m].hex()
        for m in range(n + 1):
            proof = tree.consistency_info(m, n)
            assert proof["path"] == [h.hex() for h in merkle.consistency_proof(memory, m, n)]
            assert proof["old_root"] == merkle.root(memory, m).hex()


def test_stored_nodes_are_added_from_new_entries_only(fill, small_blocks, monkeypatch):
    fill(10)
    tree.root_info()
    before = _stored_nodes()
    assert {(level, index) for level, index, _ in before} == {(2, 0), (2, 1), (3, 0)}
    read = []
    original = tree._chunk
    monkeypatch.setattr(tree, "_chunk", lambda a, b: read.append((a, b)) or original(a, b))
    fill(7)
    tree.extend()
    assert read == [(8, 16)]  # the two blocks completed since, and nothing before them
    after = _stored_nodes()
    assert before < after
    assert {(level, index) for level, index, _ in after - before} == {
        (2, 2),
        (2, 3),
        (3, 1),
        (4, 0),
    }
    assert tree.root_info()["root"] == merkle.root(merkle.MemoryTree(_leaf_data()), 17).hex()


def test_real_block_size_over_several_blocks(fill):
    fill(700)
    memory = merkle.MemoryTree(_leaf_data())
    info = tree.inclusion_info(300, 650)
    assert info["root"] == merkle.root(memory, 650).hex()
    path = [bytes.fromhex(h) for h in info["path"]]
    leaf = bytes.fromhex(info["leaf_hash"])
    assert merkle.verify_inclusion(299, 650, leaf, path, bytes.fromhex(info["root"]))
    stored = {(level, index) for level, index, _ in _stored_nodes()}
    assert stored == {
        (level, i) for level in range(tree.BLOCK_LEVEL, 12) for i in range(700 >> level)
    }


def test_sizes_and_sequence_numbers_out_of_range_are_refused_in_words(fill):
    fill(5)
    with pytest.raises(tree.TreeError, match="超出范围"):
        tree.root_info(6)
    with pytest.raises(tree.TreeError, match="序号 6"):
        tree.inclusion_info(6)
    with pytest.raises(tree.TreeError, match="旧树大小"):
        tree.consistency_info(4, 3)


@pytest.mark.parametrize("stored_nodes", [False, True])
def test_a_missing_entry_is_named(fill, owner_sql, monkeypatch, stored_nodes):
    if stored_nodes:  # the entries are then read while storing nodes, not only for a proof
        monkeypatch.setattr(tree, "BLOCK_LEVEL", 2)
    fill(9)
    owner_sql("DELETE FROM journal_entry WHERE seq = 3")
    with pytest.raises(tree.TreeError, match="缺少序号 3"):
        tree.root_info()


def test_a_stored_node_that_disagrees_with_the_entries_is_not_used_silently(fill, small_blocks):
    fill(9)
    tree.root_info()
    Subtree.objects.filter(key=tree.node_key(2, 0)).update(hash="00" * 32)
    with pytest.raises(tree.TreeError, match="子树哈希与日志记录不符"):
        tree.inclusion_info(6)


def test_commands_print_the_documented_json(fill, capsys):
    fill(20)
    assert main(["journal", "root", "--json"]) == 0
    assert json.loads(capsys.readouterr().out).keys() == {"tree_size", "root"}
    assert main(["journal", "proof", "inclusion", "7", "--size", "12", "--json"]) == 0
    inclusion = json.loads(capsys.readouterr().out)
    assert set(inclusion) == {"seq", "leaf_index", "tree_size", "leaf_hash", "root", "path"}
    assert (inclusion["seq"], inclusion["leaf_index"], inclusion["tree_size"]) == (7, 6, 12)
    assert main(["journal", "proof", "consistency", "5", "20", "--json"]) == 0
    consistency = json.loads(capsys.readouterr().out)
    assert set(consistency) == {"old_size", "new_size", "old_root", "new_root", "path"}
    assert all(h == h.lower() and len(h) == 64 for h in consistency["path"])


def test_commands_refuse_bad_sizes_with_one_chinese_line(fill, capsys):
    fill(3)
    assert main(["journal", "proof", "inclusion", "9"]) == 1
    assert capsys.readouterr().err.startswith("错误：序号 9")
    assert main(["journal", "root", "--size", "4"]) == 1
    assert "超出范围" in capsys.readouterr().err
