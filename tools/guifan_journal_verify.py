#!/usr/bin/env python3
"""Check Guifan's journal proofs and signed checkpoints with nothing but the standard library.

独立复核工具：只用 Python 标准库（3.11 及以上）核对审计日志的包含证明、一致性证明和签名检查点。
This file is written from RFC 9162 (§2.1) and the C2SP signed-note and tlog-checkpoint
specifications, and shares no code with the guifan application: it rebuilds roots by the RFC's
recursive definitions where guifan walks the proof with bit operations, so a bug in one shows
up as a disagreement. Ed25519 signatures are checked with the `cryptography` package where it
is installed and otherwise in pure Python (RFC 8032 §5.1.7, slow but exact).

Usage / 用法 (the JSON files are what `guifan journal proof … --json` prints; a checkpoint is a
file from the witness folder; KEY is journal-key.pub from the same folder):

    python3 guifan_journal_verify.py checkpoint CHECKPOINT --key KEY
        Check the signature and print the checkpoint's origin, size and root.
        核对检查点签名，打印来源、日志条数和根哈希。

    python3 guifan_journal_verify.py inclusion PROOF.json [--entry-hash HEX]
                                     [--checkpoint CHECKPOINT --key KEY]
        Recompute the root from the leaf and its audit path; with --entry-hash, check that the
        leaf is that journal entry; with --checkpoint, that the root is the signed one.
        包含证明：由叶子和审计路径重算根哈希；可核对记录哈希与签名检查点。

    python3 guifan_journal_verify.py consistency PROOF.json [--old CHECKPOINT] [--new CHECKPOINT]
                                     [--key KEY]
        Recompute both roots from the proof; with checkpoints, check they are the signed ones:
        the newer log then provably contains the older one unchanged.
        一致性证明：由证明重算新旧两个根哈希；给出检查点时核对签名与根哈希。

Exit status / 退出码: 0 everything checks out (prints "OK …"); 1 a mismatch ("不一致 MISMATCH:
…"); 2 a file that cannot be read or understood.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import json
import sys


class Mismatch(Exception):
    """The proof or checkpoint does not check out: exit status 1."""


class Unreadable(Exception):
    """An input cannot be read or parsed: exit status 2."""


# -- RFC 9162 §2.1, by its recursive definitions --------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def children_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def largest_power_of_two_below(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def root_from_path(m: int, n: int, leaf: bytes, path: list[bytes]) -> bytes:
    """Undo PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])  or  PATH(m - k, D[k:n]) : MTH(D[0:k])."""
    if n == 1:
        if path:
            raise Mismatch("审计路径比树高更长 / the audit path is longer than the tree is deep")
        return leaf
    if not path:
        raise Mismatch("审计路径太短 / the audit path is too short")
    k = largest_power_of_two_below(n)
    *deeper, sibling = path
    if m < k:
        return children_hash(root_from_path(m, k, leaf, deeper), sibling)
    return children_hash(sibling, root_from_path(m - k, n - k, leaf, deeper))


def roots_from_proof(m: int, n: int, proof: list[bytes], old_root: bytes) -> tuple[bytes, bytes]:
    """Undo PROOF(m, D[n]) = SUBPROOF(m, D[n], true): the roots of D[0:m] and D[0:n]."""

    def subproof(m: int, n: int, whole_old_tree: bool, rest: list[bytes]):
        if m == n:
            if whole_old_tree and not rest:
                return old_root, old_root
            if whole_old_tree or len(rest) != 1:
                raise Mismatch("一致性证明的长度不对 / the consistency proof has the wrong length")
            return rest[0], rest[0]
        if not rest:
            raise Mismatch("一致性证明太短 / the consistency proof is too short")
        k = largest_power_of_two_below(n)
        *deeper, sibling = rest
        if m <= k:
            old, new = subproof(m, k, whole_old_tree, deeper)
            return old, children_hash(new, sibling)
        old, new = subproof(m - k, n - k, False, deeper)
        return children_hash(sibling, old), children_hash(sibling, new)

    return subproof(m, n, True, proof)


# -- Ed25519 (RFC 8032) -------------------------------------------------------------------


def ed25519_verify(public: bytes, message: bytes, signature: bytes, *, pure: bool = False) -> bool:
    if not pure:
        try:
            from cryptography.exceptions import InvalidSignature
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        except ImportError:
            pure = True
    if pure:
        return PureEd25519.verify(public, message, signature)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


class PureEd25519:
    """Verification only, after RFC 8032 §5.1 (points in extended coordinates)."""

    P = 2**255 - 19
    Q = 2**252 + 27742317777372353535851937790883648493
    D = -121665 * pow(121666, P - 2, P) % P
    SQRT_M1 = pow(2, (P - 1) // 4, P)

    @classmethod
    def add(cls, a, b):
        p = cls.P
        x1, y1, z1, t1 = a
        x2, y2, z2, t2 = b
        e = (y1 - x1) * (y2 - x2) % p
        f = (y1 + x1) * (y2 + x2) % p
        g = 2 * t1 * t2 * cls.D % p
        h = 2 * z1 * z2 % p
        e, f, g, h = f - e, h - g, h + g, f + e
        return e * f % p, g * h % p, f * g % p, e * h % p

    @classmethod
    def times(cls, scalar: int, point):
        result = (0, 1, 1, 0)
        while scalar:
            if scalar & 1:
                result = cls.add(result, point)
            point = cls.add(point, point)
            scalar >>= 1
        return result

    @classmethod
    def same(cls, a, b) -> bool:
        p = cls.P
        return (a[0] * b[2] - b[0] * a[2]) % p == 0 and (a[1] * b[2] - b[1] * a[2]) % p == 0

    @classmethod
    def decode(cls, data: bytes):
        p = cls.P
        y = int.from_bytes(data, "little")
        sign, y = y >> 255, y & ((1 << 255) - 1)
        if y >= p:
            return None
        x2 = (y * y - 1) * pow(cls.D * y * y + 1, p - 2, p) % p
        if x2 == 0:
            return None if sign else (0, y, 1, 0)
        x = pow(x2, (p + 3) // 8, p)
        if (x * x - x2) % p:
            x = x * cls.SQRT_M1 % p
        if (x * x - x2) % p:
            return None
        if x & 1 != sign:
            x = p - x
        return x, y, 1, x * y % p

    @classmethod
    def verify(cls, public: bytes, message: bytes, signature: bytes) -> bool:
        if len(public) != 32 or len(signature) != 64:
            return False
        a, r = cls.decode(public), cls.decode(signature[:32])
        s = int.from_bytes(signature[32:], "little")
        if a is None or r is None or s >= cls.Q:
            return False
        digest = hashlib.sha512(signature[:32] + public + message).digest()
        k = int.from_bytes(digest, "little") % cls.Q
        base = cls.decode((4 * pow(5, cls.P - 2, cls.P) % cls.P).to_bytes(32, "little"))
        return cls.same(cls.times(s, base), cls.add(r, cls.times(k, a)))


# -- C2SP signed notes and checkpoints ------------------------------------------------------


def b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise Unreadable(f"{what} 不是 base64 / {what} is not base64") from None


def read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise Unreadable(f"无法读取 / cannot read {path}: {exc}") from None


def read_key(path: str) -> tuple[str, bytes]:
    """A verifier key `name+keyid+base64(0x01 || public key)`."""
    name, _, rest = read_text(path).strip().partition("+")
    key_id_hex, _, encoded = rest.partition("+")
    raw = b64(encoded, "公钥 public key")
    if not name or len(raw) != 33 or raw[0] != 1 or len(key_id_hex) != 8:
        raise Unreadable(f"{path} 不是 Ed25519 公钥 / is not an Ed25519 verifier key")
    if note_key_id(name, raw[1:]).hex() != key_id_hex.lower():
        raise Unreadable(f"{path} 的密钥ID与公钥不符 / key id does not match the key")
    return name, raw[1:]


def note_key_id(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode("utf-8") + b"\n\x01" + public).digest()[:4]


def open_checkpoint(path: str, key: tuple[str, bytes], pure: bool) -> tuple[str, int, bytes]:
    """(origin, tree size, root hash) of a checkpoint whose signature by `key` verifies."""
    note = read_text(path)
    if "\n\n" not in note or not note.endswith("\n"):
        raise Unreadable(f"{path} 不是签名笔记 / is not a signed note")
    cut = note.rindex("\n\n") + 1
    text, signature_lines = note[:cut], note[cut + 1 :].splitlines()
    name, public = key
    verified = False
    for line in signature_lines:
        if not line.startswith("\u2014 "):
            raise Unreadable(f"{path} 的签名行格式不对 / malformed signature line")
        signer, _, encoded = line[2:].partition(" ")
        raw = b64(encoded, "签名 signature")
        if signer == name and raw[:4] == note_key_id(name, public):
            if not ed25519_verify(public, text.encode("utf-8"), raw[4:], pure=pure):
                raise Mismatch(f"{path} 的签名无效 / the signature does not verify")
            verified = True
    if not verified:
        raise Mismatch(f"{path} 上没有该公钥的签名 / no signature by {name}")
    lines = text.split("\n")[:-1]
    size = lines[1] if len(lines) >= 3 else ""
    if not (size.isascii() and size.isdigit()) or (size.startswith("0") and size != "0"):
        raise Unreadable(f"{path} 的正文不是检查点 / the note is not a checkpoint")
    if lines[0] != name:
        raise Mismatch(f"{path} 来自另一个日志 {lines[0]} / the checkpoint is from another log")
    root = b64(lines[2], "根哈希 root hash")
    if len(root) != 32:
        raise Unreadable(f"{path} 的根哈希不是 32 字节 / root hash is not 32 bytes")
    return lines[0], int(lines[1]), root


# -- the commands ---------------------------------------------------------------------------


def read_json(path: str, keys: dict[str, type]) -> dict:
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise Unreadable(f"{path} 不是 JSON / is not JSON: {exc}") from None
    if not isinstance(document, dict) or any(
        not isinstance(document.get(key), kind) or isinstance(document.get(key), bool)
        for key, kind in keys.items()
    ):
        raise Unreadable(f"{path} 缺少字段或类型不对 / needs the fields {sorted(keys)}")
    return document


def digest(text: object, what: str) -> bytes:
    if not isinstance(text, str) or len(text) != 64 or text != text.lower():
        raise Unreadable(f"{what} 不是 64 位小写十六进制 / is not 64 lowercase hex digits")
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise Unreadable(f"{what} 不是十六进制 / is not hex") from None


def signed_head(args, path: str | None, size: int, root: bytes, which: str, which_en: str) -> str:
    if path is None:
        return ""
    if args.key is None:
        raise Unreadable("核对检查点需要 --key 公钥文件 / --key is needed with a checkpoint")
    origin, signed_size, signed_root = open_checkpoint(path, read_key(args.key), args.pure)
    if signed_size != size or signed_root != root:
        raise Mismatch(
            f"{which}与检查点 {path}（{signed_size} 条）不符 / "
            f"the {which_en} does not match the checkpoint of size {signed_size}"
        )
    return f"\nOK {which}与 {origin} 签名的检查点一致 / the {which_en} is the one {origin} signed"


def cmd_checkpoint(args) -> str:
    origin, size, root = open_checkpoint(args.file, read_key(args.key), args.pure)
    return f"OK 签名有效 / signature verifies: {origin} size {size} root {root.hex()}"


def cmd_inclusion(args) -> str:
    keys = {"seq": int, "leaf_index": int, "tree_size": int, "leaf_hash": str, "root": str}
    proof = read_json(args.file, {**keys, "path": list})
    index, size = proof["leaf_index"], proof["tree_size"]
    if proof["seq"] != index + 1 or not 0 <= index < size:
        raise Mismatch(
            f"序号、叶子位置与树大小不符 / seq {proof['seq']}, leaf {index}, size {size}"
        )
    leaf, root = digest(proof["leaf_hash"], "leaf_hash"), digest(proof["root"], "root")
    if args.entry_hash is not None and leaf_hash(digest(args.entry_hash, "--entry-hash")) != leaf:
        raise Mismatch("叶子不是该记录 / leaf_hash is not the leaf of that entry_hash")
    path = [digest(node, "path") for node in proof["path"]]
    if root_from_path(index, size, leaf, path) != root:
        raise Mismatch("由审计路径算出的根哈希不同 / the path leads to another root")
    signed = signed_head(args, args.checkpoint, size, root, "根哈希", "root")
    return f"OK 序号 {index + 1} 在前 {size} 条记录中 / entry {index + 1} is in the log{signed}"


def cmd_consistency(args) -> str:
    keys = {"old_size": int, "new_size": int, "old_root": str, "new_root": str}
    proof = read_json(args.file, {**keys, "path": list})
    old, new = proof["old_size"], proof["new_size"]
    old_root, new_root = (
        digest(proof["old_root"], "old_root"),
        digest(proof["new_root"], "new_root"),
    )
    path = [digest(node, "path") for node in proof["path"]]
    if not 0 <= old <= new:
        raise Mismatch(f"树大小不对 / sizes {old}, {new}")
    empty = hashlib.sha256(b"").digest()
    if old in (0, new):  # nothing to prove beyond the roots themselves
        if old == 0:
            trivially_ok = old_root == empty and (new > 0 or new_root == empty)
        else:
            trivially_ok = old_root == new_root
        if path or not trivially_ok:
            raise Mismatch("平凡情形的证明不对 / wrong proof for a trivial case")
    elif roots_from_proof(old, new, path, old_root) != (old_root, new_root):
        raise Mismatch("一致性证明与两个根哈希不符 / the proof does not join the two roots")
    signed = signed_head(args, args.old, old, old_root, "旧根哈希", "old root")
    signed += signed_head(args, args.new, new, new_root, "新根哈希", "new root")
    return (
        f"OK 前 {new} 条记录包含未改动的前 {old} 条记录 / "
        f"the log of {new} extends the log of {old}{signed}"
    )


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    top.add_argument("--pure", action="store_true", help="Ed25519 in pure Python even if available")
    sub = top.add_subparsers(dest="command", required=True)
    checkpoint = sub.add_parser("checkpoint", help="核对签名检查点 / check a signed checkpoint")
    checkpoint.add_argument("file")
    checkpoint.add_argument("--key", required=True)
    checkpoint.set_defaults(run=cmd_checkpoint)
    inclusion = sub.add_parser("inclusion", help="核对包含证明 / check an inclusion proof")
    inclusion.add_argument("file")
    inclusion.add_argument("--entry-hash")
    inclusion.add_argument("--checkpoint")
    inclusion.add_argument("--key")
    inclusion.set_defaults(run=cmd_inclusion)
    consistency = sub.add_parser("consistency", help="核对一致性证明 / check a consistency proof")
    consistency.add_argument("file")
    consistency.add_argument("--old")
    consistency.add_argument("--new")
    consistency.add_argument("--key")
    consistency.set_defaults(run=cmd_consistency)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        print(args.run(args))
    except Mismatch as exc:
        print(f"不一致 MISMATCH: {exc}", file=sys.stderr)
        return 1
    except Unreadable as exc:
        print(f"无法核对 UNREADABLE: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
