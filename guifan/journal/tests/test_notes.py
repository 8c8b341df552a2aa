"""Signed notes and checkpoints: byte for byte what Go's sumdb/note (the reference of C2SP
signed-note) produces, and every way a checkpoint can be wrong is refused."""

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from guifan.journal import notes

# golang.org/x/mod/sumdb/note, note_test.go and its package example.
GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
GO_NOTE = (
    GO_TEXT + "\n— PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)


def _go_private_key() -> Ed25519PrivateKey:
    seed = base64.b64decode(GO_SIGNER.split("+", 4)[4])
    assert seed[:1] == b"\x01"
    return Ed25519PrivateKey.from_private_bytes(seed[1:])


def test_signing_reproduces_the_reference_note_byte_for_byte():
    key = _go_private_key()
    assert notes.sign_note(GO_TEXT, "PeterNeumann", key) == GO_NOTE
    assert notes.verifier_key("PeterNeumann", notes.public_bytes(key)) == GO_VERIFIER


def test_the_reference_note_opens_with_its_verifier_key():
    name, public = notes.parse_verifier_key(GO_VERIFIER)
    assert notes.open_note(GO_NOTE, name, public) == GO_TEXT
    with pytest.raises(notes.NoteError, match="签名无效"):
        notes.open_note(GO_NOTE.replace("problem,", "problem;"), name, public)


def test_key_id_is_the_c2sp_formula():
    public = notes.public_bytes(_go_private_key())
    expected = hashlib.sha256(b"PeterNeumann\n\x01" + public).digest()[:4]
    assert notes.key_id("PeterNeumann", public) == expected == bytes.fromhex("c74f20a3")


def test_a_checkpoint_round_trips_in_the_tlog_checkpoint_layout():
    key = Ed25519PrivateKey.generate()
    checkpoint = notes.Checkpoint("jcy.example/guifan", 1234, bytes(range(32)))
    note = notes.sign(checkpoint, "jcy.example/guifan", key)
    body, signature = note.split("\n\n")
    assert body.split("\n") == [
        "jcy.example/guifan",
        "1234",
        base64.b64encode(bytes(range(32))).decode(),
    ]
    assert signature.startswith("— jcy.example/guifan ") and signature.endswith("\n")
    assert notes.open_signed(note, "jcy.example/guifan", notes.public_bytes(key)) == checkpoint


def test_a_signature_by_another_key_is_not_accepted():
    note = notes.sign(
        notes.Checkpoint("a/log", 1, bytes(32)), "a/log", Ed25519PrivateKey.generate()
    )
    other = notes.public_bytes(Ed25519PrivateKey.generate())
    with pytest.raises(notes.NoteError, match="没有密钥"):
        notes.open_signed(note, "a/log", other)


@pytest.mark.parametrize(
    ("note", "reason"),
    [
        ("a/log\n1\nAAAA\n— a/log AAAA\n", "空行"),
        ("a/log\n1\n" + "A" * 44 + "\n\n— a/log !!\n", "base64"),
        ("a/log\n1\x07\n\n— a/log AAAA\n", "控制字符"),
        ("a/log\n1\n\n- a/log AAAA\n", "签名行"),
    ],
)
def test_malformed_notes_are_refused_in_words(note, reason):
    with pytest.raises(notes.NoteError, match=reason):
        notes.open_signed(note, "a/log", bytes(32))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a/log\n01\n" + base64.b64encode(bytes(32)).decode() + "\n", "十进制"),
        ("a/log\n1\n" + base64.b64encode(bytes(31)).decode() + "\n", "32 字节"),
        ("a/log\n1\n", "三行"),
    ],
)
def test_malformed_checkpoint_bodies_are_refused(text, reason):
    with pytest.raises(notes.NoteError, match=reason):
        notes.parse_checkpoint(text)


def test_key_names_with_spaces_or_plus_are_refused():
    for name in ("", "a log", "a+log"):
        with pytest.raises(notes.NoteError):
            notes.check_name(name)
    with pytest.raises(notes.NoteError, match="密钥ID"):
        notes.parse_verifier_key(GO_VERIFIER.replace("c74f20a3", "c74f20a4"))
