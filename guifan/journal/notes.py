"""Signed checkpoints of the journal's tree, in the formats transparency logs share.

A checkpoint (C2SP tlog-checkpoint) is the note text

    <origin>\\n<tree size in decimal>\\n<base64 of the 32-byte root hash>\\n

signed as a C2SP signed note: the text, a blank line, then one line per signature,
``— <key name> <base64(4-byte key id || Ed25519 signature of the text)>``, where
``key id = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]``. Public keys travel
in the verifier-key form of those tools: ``<name>+<key id in hex>+<base64(0x01 || key)>``.

Plain Python except the Ed25519 arithmetic, which is the ``cryptography`` package's.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ED25519 = b"\x01"
DASH = "\u2014"  # em dash, the start of a signature line
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
_SIZE = re.compile(r"0|[1-9][0-9]*")


class NoteError(ValueError):
    """A checkpoint, note or key that cannot be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class Checkpoint:
    """A tree head: the log's origin, its size and root hash."""

    origin: str
    size: int
    root: bytes

    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{_b64(self.root)}\n"


def check_name(name: str) -> str:
    if not name or any(c.isspace() or c == "+" for c in name):
        raise NoteError(f"密钥名称“{name}”不可用：不能为空，不能含空白或加号")
    return name


def key_id(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public).digest()[:4]


def public_bytes(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes_raw()


def verifier_key(name: str, public: bytes) -> str:
    return f"{check_name(name)}+{key_id(name, public).hex()}+{_b64(ED25519 + public)}"


def parse_verifier_key(text: str) -> tuple[str, bytes]:
    """The key name and the 32-byte public key of a verifier key line."""
    parts = text.strip().split("+", 2)  # base64 may hold "+" too; names may not
    if len(parts) != 3:
        raise NoteError("公钥文件格式不对：应为“名称+密钥ID+公钥”一行")
    name, id_hex, encoded = parts
    key = _unb64(encoded, "公钥")
    if len(key) != 33 or key[:1] != ED25519:
        raise NoteError("公钥不是 Ed25519 公钥")
    if key_id(check_name(name), key[1:]).hex() != id_hex.lower():
        raise NoteError("公钥文件中的密钥ID与公钥不符")
    return name, key[1:]


def sign(checkpoint: Checkpoint, name: str, private: Ed25519PrivateKey) -> str:
    """The signed note of a checkpoint."""
    return sign_note(checkpoint.text(), name, private)


def sign_note(text: str, name: str, private: Ed25519PrivateKey) -> str:
    signature = key_id(name, public_bytes(private)) + private.sign(text.encode())
    return f"{text}\n{DASH} {check_name(name)} {_b64(signature)}\n"


def open_signed(note: str, name: str, public: bytes) -> Checkpoint:
    """The checkpoint in a signed note, after checking the signature by (name, public)."""
    return parse_checkpoint(open_note(note, name, public))


def open_note(note: str, name: str, public: bytes) -> str:
    """The text of a signed note, once a signature by (name, public) on it has verified."""
    text, signatures = _split_note(note)
    wanted = key_id(name, public)
    for line in signatures:
        signer, _, encoded = line[2:].partition(" ")
        raw = _unb64(encoded, "签名")
        if signer != name or raw[:4] != wanted:
            continue  # another key's signature (a witness, an older key): ignored, as specified
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(raw[4:], text.encode())
        except InvalidSignature:
            raise NoteError("签名无效：检查点内容被改动，或不是该密钥签发的") from None
        return text
    raise NoteError(f"检查点上没有密钥“{name}”的签名")


def parse_checkpoint(text: str) -> Checkpoint:
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "" or not all(lines[:-1]):
        raise NoteError("检查点正文应为来源、树大小、根哈希三行（可有扩展行），不含空行")
    origin, size, root = lines[:3]
    if not _SIZE.fullmatch(size):
        raise NoteError(f"检查点的树大小“{size}”不是十进制整数")
    digest = _unb64(root, "根哈希")
    if len(digest) != 32:
        raise NoteError("检查点的根哈希不是 32 字节")
    return Checkpoint(origin=origin, size=int(size), root=digest)


def _split_note(note: str) -> tuple[str, list[str]]:
    if _CONTROL.search(note):
        raise NoteError("检查点文件含控制字符")
    if not note.endswith("\n") or "\n\n" not in note:
        raise NoteError("不是签名笔记格式：正文与签名之间应有一个空行，文件以换行结尾")
    cut = note.rindex("\n\n")
    text, signatures = note[: cut + 1], note[cut + 2 :].split("\n")[:-1]
    if not signatures or not all(line.startswith(DASH + " ") for line in signatures):
        raise NoteError("签名行格式不对：每行应以“— 密钥名称 ”开头")
    return text, signatures


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise NoteError(f"{what}不是合法的 base64") from None
