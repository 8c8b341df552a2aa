"""tools/guifan_journal_verify.py, the standard-library verifier, as a second implementation:
its recursive reading of RFC 9162 must agree with merkle.py on every size, its pure-Python
Ed25519 with RFC 8032 and the cryptography package, and as a program it must accept what the
commands print and refuse anything bent."""

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from guifan.cli import main
from guifan.journal import merkle, notes
from guifan.journal.checkpoints import PUBLIC_KEY_FILE, checkpoint_sign

TOOL = Path(__file__).resolve().parents[3] / "tools" / "guifan_journal_verify.py"
_spec = importlib.util.spec_from_file_location("guifan_journal_verify", TOOL)
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)

# RFC 8032 §7.1, TEST 1 and TEST 2: public key, message, signature.
RFC8032 = [
    (
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
        "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da0"
        "85ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
]


@pytest.mark.parametrize(("public", "message", "signature"), RFC8032)
def test_pure_python_ed25519_accepts_the_rfc_vectors_and_nothing_bent(public, message, signature):
    public, message, signature = map(bytes.fromhex, (public, message, signature))
    assert tool.PureEd25519.verify(public, message, signature)
    bent = signature[:10] + bytes([signature[10] ^ 1]) + signature[11:]
    assert not tool.PureEd25519.verify(public, message, bent)
    assert not tool.PureEd25519.verify(public, message + b"x", signature)
    assert not tool.PureEd25519.verify(public[:31], message, signature)


def test_pure_python_ed25519_agrees_with_the_cryptography_package():
    for i in range(4):
        key = Ed25519PrivateKey.generate()
        public, message = key.public_key().public_bytes_raw(), f"检查点 {i}\n".encode()
        signature = key.sign(message)
        assert tool.ed25519_verify(public, message, signature, pure=True)
        assert tool.ed25519_verify(public, message, signature, pure=False)
        other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
        assert not tool.ed25519_verify(other, message, signature, pure=True)


def test_the_recursive_reading_agrees_with_merkle_py_on_every_size():
    data = [hashlib.sha256(bytes([i])).digest() for i in range(40)]
    memory = merkle.MemoryTree(data, block_level=3)
    roots = [merkle.root(memory, n) for n in range(41)]
    for n in range(1, 41):
        for m in range(n):
            path = merkle.inclusion_proof(memory, m, n)
            assert tool.root_from_path(m, n, memory.leaves[m], path) == roots[n]
        for m in range(1, n):
            proof = merkle.consistency_proof(memory, m, n)
            assert tool.roots_from_proof(m, n, proof, roots[m]) == (roots[m], roots[n])
            with pytest.raises(tool.Mismatch):
                tool.roots_from_proof(m, n, [*proof, roots[0]], roots[m])


@pytest.fixture
def published(db, fill, settings, tmp_path, capsys):
    """What an auditor is handed: two checkpoints, the public key and the commands' JSON."""
    settings.GUIFAN_JOURNAL_KEY = tmp_path / "journal.pem"
    settings.GUIFAN_WITNESS_DIR = tmp_path / "witness"
    fill(40)
    old = checkpoint_sign(by=None)
    fill(300)
    new = checkpoint_sign(by=None)
    files = {"key": tmp_path / "witness" / PUBLIC_KEY_FILE}
    files["old"] = tmp_path / "witness" / old.file_name
    files["new"] = tmp_path / "witness" / new.file_name
    for name, argv in (
        ("inclusion", ["inclusion", "17", "--size", str(new.tree_size)]),
        ("consistency", ["consistency", str(old.tree_size), str(new.tree_size)]),
    ):
        assert main(["journal", "proof", *argv, "--json"]) == 0
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(capsys.readouterr().out, encoding="utf-8")
    return {key: str(path) for key, path in files.items()}


def _run(*argv):
    done = subprocess.run(
        [sys.executable, str(TOOL), *argv], capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stdout + done.stderr


@pytest.mark.parametrize("pure", [[], ["--pure"]])
def test_the_tool_accepts_what_the_commands_print(published, pure):
    from guifan.journal.models import Entry

    entry_hash = Entry.objects.get(seq=17).entry_hash
    f = published
    assert _run(*pure, "checkpoint", f["new"], "--key", f["key"])[0] == 0
    code, out = _run(
        *pure, "inclusion", f["inclusion"], "--entry-hash", entry_hash,
        "--checkpoint", f["new"], "--key", f["key"],
    )  # fmt: skip
    assert code == 0, out
    assert "序号 17 在前 341 条记录中" in out
    code, out = _run(
        *pure, "consistency", f["consistency"], "--old", f["old"], "--new", f["new"],
        "--key", f["key"],
    )  # fmt: skip
    assert code == 0, out


def test_the_tool_refuses_a_bent_proof_or_a_foreign_checkpoint(published, tmp_path):
    f = published
    proof = json.loads(Path(f["inclusion"]).read_text())
    proof["path"][2] = "0" * 64
    bent = tmp_path / "bent.json"
    bent.write_text(json.dumps(proof))
    assert _run("inclusion", str(bent))[0] == 1
    assert _run("inclusion", f["inclusion"], "--entry-hash", "1" * 64)[0] == 1
    code, out = _run("consistency", f["consistency"], "--old", f["new"], "--key", f["key"])
    assert code == 1 and "不一致" in out
    other = tmp_path / "other.pub"
    key = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    other.write_text(notes.verifier_key("guifan.local/journal", key))
    assert _run("checkpoint", f["new"], "--key", str(other))[0] == 1
    assert _run("checkpoint", str(tmp_path / "missing.txt"), "--key", f["key"])[0] == 2
