#!/usr/bin/env python3
"""Re-check a guifan-draw-v1 draw bundle with nothing but the Python standard library.

独立复核工具：只用 Python 标准库（3.11 及以上）复算一次随机抽取。
This file is written from the protocol description in docs/draw-protocol.md and shares no
code with the guifan application, so that a draw can be checked by a second implementation.

Usage / 用法:

    python3 guifan_draw_verify.py verify BUNDLE.zip
        Recompute the draw in BUNDLE.zip (draw.json, frame.tsv, result.tsv, manual.tsv).
        Prints "OK ..." and exits 0 when everything matches; prints the first mismatch
        ("不一致 MISMATCH: ...") and exits 1 otherwise; exits 2 when the file cannot be read.
        复算抽取记录包：一致时打印 OK、退出码 0；否则打印第一处不一致、退出码 1；
        文件无法读取时退出码 2。

    python3 guifan_draw_verify.py commit SECRET
    python3 guifan_draw_verify.py commit -          (reads the secret from standard input)
        Print the commitment SHA-256(UTF-8(SECRET)) for a secret, so that a party can
        compute it on its own machine. 离线计算承诺值。

    python3 guifan_draw_verify.py seed SECRET1 SECRET2 ... [--public VALUE]
        Print the seed for secrets given in commitment order and an optional public value.
        按承诺顺序给出密钥（及公开随机值），计算随机种子。
"""

from __future__ import annotations

import argparse
import codecs
import gc
import hashlib
import itertools
import json
import math
import os
import pickle
import re
import sys
import zipfile
from bisect import bisect_left, bisect_right
from fractions import Fraction

ALGORITHM = "guifan-draw-v1"

# draw.json: every key, and the JSON types its value may have.
RECORD_TYPES = {
    "algorithm": (str,),
    "rule_code": (str,),
    "filter": (str,),
    "ratio": (str, type(None)),
    "count": (int, type(None)),
    "frame_size": (int,),
    "frame_hash": (str,),
    "commitments": (list,),
    "reveals": (list,),
    "public_value": (str,),
    "seed": (str,),
    "selected_count": (int,),
    "result_hash": (str,),
    "events": (list,),
}
LIST_ITEM_KEYS = {
    "commitments": ("party", "commitment"),
    "reveals": ("party", "secret"),
    "events": ("at", "who", "what"),
}

# The control bytes of UTF-8 text: U+0000..U+001F and U+007F. Inside a canonical text only
# TAB (one per line) and LF (one ending each line) may appear.
CONTROL_BYTES = bytes(range(0x20)) + b"\x7f"
OTHER_BYTES = bytes(b for b in range(256) if b not in CONTROL_BYTES)
CONTROL_CHAR = re.compile("[\x00-\x1f\x7f]")

# The share of the members whose selection the second process computes: it also looks for a
# repeated id, which takes about as long as selecting among half of the members.
SECOND_SHARE = 0.25

RATIO_TEXT = re.compile(r"[0-9]+(\.[0-9]+)?")


class Mismatch(Exception):
    """The bundle does not check out: exit status 1."""

    def __init__(self, check: str, zh: str, en: str) -> None:
        super().__init__(f"不一致 MISMATCH: {check}: {zh} / {en}")


class Unreadable(Exception):
    """The input cannot be read at all: exit status 2."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- reading the bundle --------------------------------------------------------------------


def read_bundle(path: str) -> tuple[dict, bytes, bytes, bytes | None]:
    """draw.json (parsed), frame.tsv, result.tsv and manual.tsv (None if absent), as bytes."""
    try:
        with zipfile.ZipFile(path) as bundle:
            names = bundle.namelist()
            if len(names) != len(set(names)):
                # Two entries of one name: different tools would read different ones.
                raise Unreadable("压缩包中有重名的文件 / the zip holds two files of one name")
            for required in ("draw.json", "frame.tsv", "result.tsv"):
                if required not in names:
                    raise Unreadable(f"压缩包中没有 {required} / {required} is missing")
            record_bytes = bundle.read("draw.json")
            frame = bundle.read("frame.tsv")
            result = bundle.read("result.tsv")
            manual = bundle.read("manual.tsv") if "manual.tsv" in names else None
    except (OSError, EOFError, zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
        raise Unreadable(f"不是可读的 zip 文件 / not a readable zip file: {exc}") from None
    repeated: list[str] = []

    def no_repeated_keys(pairs: list) -> dict:
        keys = [key for key, _ in pairs]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    try:
        record = json.loads(record_bytes.decode("utf-8"), object_pairs_hook=no_repeated_keys)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Unreadable(f"draw.json 不是 UTF-8 JSON / not UTF-8 JSON: {exc}") from None
    if not isinstance(record, dict):
        raise Mismatch("record_keys", "draw.json 不是 JSON 对象", "draw.json is not a JSON object")
    if repeated:
        raise Mismatch(
            "record_keys",
            f"draw.json 中有重复的键 {sorted(repeated)}",
            f"draw.json repeats the keys {sorted(repeated)}",
        )
    return record, frame, result, manual


def check_record_shape(record: dict) -> None:
    """Exactly the keys of guifan-draw-v1, the algorithm, and values of the right JSON types."""
    keys = set(record)
    if keys != set(RECORD_TYPES):
        missing = sorted(set(RECORD_TYPES) - keys)
        extra = sorted(keys - set(RECORD_TYPES))
        raise Mismatch(
            "record_keys",
            f"draw.json 的键不符：缺少 {missing}，多出 {extra}",
            f"draw.json keys differ: missing {missing}, unexpected {extra}",
        )
    if record["algorithm"] != ALGORITHM:
        raise Mismatch(
            "algorithm",
            f"算法不是 {ALGORITHM}：{short(record['algorithm'])}",
            f"algorithm is not {ALGORITHM}: {short(record['algorithm'])}",
        )
    for key, types in RECORD_TYPES.items():
        value = record[key]
        # JSON true/false load as bool, which Python counts as int: refuse them explicitly.
        if isinstance(value, bool) or not isinstance(value, types):
            raise Mismatch(
                "record_types",
                f"draw.json 中 {key} 的类型不对：{short(value)}",
                f"draw.json {key} has the wrong type: {short(value)}",
            )
    for key, item_keys in LIST_ITEM_KEYS.items():
        for number, item in enumerate(record[key], start=1):
            if (
                not isinstance(item, dict)
                or set(item) != set(item_keys)
                or not all(isinstance(item[k], str) for k in item_keys)
            ):
                raise Mismatch(
                    "record_types",
                    f"draw.json 中 {key} 第 {number} 项应恰有字符串键 {list(item_keys)}："
                    f"{short(item)}",
                    f"draw.json {key} item {number} should have string keys "
                    f"{list(item_keys)}: {short(item)}",
                )


# -- canonical texts -----------------------------------------------------------------------


def parse_frame(data: bytes) -> list[tuple[bytes, list[bytes]]]:
    """Check that frame.tsv is a canonical text; return its strata, each with its ids.

    A canonical text is one line "stratum<TAB>id<LF>" per member in UTF-8, sorted by stratum
    then id, with no other control characters and no id twice (that last part is checked by
    first_repeated_id). The strata come back in order, each as (stratum, ids) with its ids
    in order.

    We work on the UTF-8 bytes, not on decoded text: comparing UTF-8 byte strings gives the
    same order as comparing the code points, and bytes are cheaper for millions of lines.
    """

    def refuse(zh: str, en: str) -> Mismatch:
        return Mismatch("frame", f"frame.tsv 不是规范文本：{zh}", f"frame.tsv not canonical: {en}")

    def refuse_line(number: int, line: bytes) -> Mismatch:
        text = short(line.decode())
        return refuse(
            f"第 {number} 行应为“层<TAB>编号”，两者都不为空、不含控制字符：{text}",
            f"line {number} should be stratum<TAB>id, both non-empty, no control "
            f"characters: {text}",
        )

    if not data:
        return []
    try:
        check_utf8(data)
    except UnicodeDecodeError as exc:
        raise refuse(f"不是 UTF-8（{exc}）", f"not UTF-8 ({exc})") from None
    if not data.endswith(b"\n"):
        raise refuse("最后一行没有换行符", "the last line has no newline")
    n = data.count(b"\n")

    # Read in order, the control bytes of the text must be TAB LF TAB LF ...: then every
    # line is some text, one tab, some text. (translate() with these arguments deletes every
    # byte that is not a control byte.)
    if data.translate(None, OTHER_BYTES) != b"\t\n" * n:
        raise refuse_line(*first_bad_line(data))
    fields = data.replace(b"\t", b"\n").split(b"\n")
    fields.pop()  # the empty piece after the last LF
    if b"" in fields:
        raise refuse_line(*first_bad_line(data))
    strata, ids = fields[0::2], fields[1::2]  # line i is strata[i] TAB ids[i]
    del fields

    # Sorted by stratum, then by id. (Because neither contains a control character, this is
    # the same as sorting the lines: TAB sorts before anything a longer stratum could have.)
    # sorted() of a list that is already in order costs one comparison per item.
    if strata != sorted(strata):
        number = next(i for i in range(1, n) if strata[i - 1] > strata[i])
        raise refuse(
            f"第 {number} 行和第 {number + 1} 行的层顺序不对",
            f"the strata of lines {number} and {number + 1} are out of order",
        )
    groups = []
    first = 0
    while first < n:
        stratum = strata[first]
        end = bisect_right(strata, stratum, first)  # the stratum's lines are first..end-1
        stratum_ids = ids[first:end]
        if stratum_ids != sorted(stratum_ids):
            number = next(i for i in range(first + 1, end) if ids[i - 1] > ids[i])
            raise refuse(
                f"第 {number} 行和第 {number + 1} 行的编号顺序不对",
                f"the ids of lines {number} and {number + 1} are out of order",
            )
        groups.append((stratum, stratum_ids))
        first = end

    return groups


def check_utf8(data: bytes) -> None:
    """Raise UnicodeDecodeError unless data is UTF-8 (decoded piece by piece, to save memory)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    step = 1 << 20
    for start in range(0, len(data), step):
        decoder.decode(view[start : start + step])
    decoder.decode(b"", final=True)


def first_bad_line(data: bytes) -> tuple[int, bytes]:
    """The first line that is not a non-empty stratum, a tab and a non-empty id (slow)."""
    lines = data.split(b"\n")
    for number, line in enumerate(lines[:-1], start=1):
        stratum, _, member_id = line.decode("utf-8").partition("\t")
        if not stratum or not member_id or CONTROL_CHAR.search(stratum + member_id):
            return number, line
    return len(lines), lines[-1]


def first_repeated_id(strata: list[tuple[bytes, list[bytes]]]) -> bytes | None:
    """The first id that appears a second time in the frame, even in another stratum."""
    seen: set[bytes] = set()
    for _, ids in strata:
        seen.update(ids)
    if len(seen) == sum(len(ids) for _, ids in strata):
        return None
    seen.clear()
    for _, ids in strata:
        for member_id in ids:
            if member_id in seen:
                return member_id
            seen.add(member_id)
    return None


def refuse_repeated_id(member_id: bytes | None) -> None:
    if member_id is not None:
        text = member_id.decode()
        raise Mismatch(
            "frame",
            f"frame.tsv 不是规范文本：编号 {text} 出现了不止一次",
            f"frame.tsv not canonical: the id {text} appears more than once",
        )


def alongside(function):
    """Start function() in a second process and return a callable that waits for its result,
    so that two cores share the work. Only on Linux (os.fork); elsewhere the function simply
    runs now. The result travels back through a pipe, pickled."""
    if not sys.platform.startswith("linux"):
        result = function()
        return lambda: result
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the second process: compute, send, leave without any clean-up
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(function(), pipe)
        finally:
            os._exit(0)
    os.close(write_end)

    def wait():
        with os.fdopen(read_end, "rb") as pipe:
            try:
                result = pickle.load(pipe)
            except (EOFError, pickle.UnpicklingError):  # it failed: do the work here
                result = function()
        os.waitpid(child, 0)
        return result

    return wait


# -- commitments, seed and quota -------------------------------------------------------------


def check_secret(secret: str) -> None:
    if not secret or "\n" in secret or "\r" in secret:
        raise ValueError("密钥不能为空，也不能含换行 / a secret is non-empty and has no line break")


def commitment(secret: str) -> str:
    check_secret(secret)
    return sha256_hex(secret.encode("utf-8"))


def seed_of(secrets: list[str], public_value: str) -> str:
    """SHA-256 of the secrets in commitment order, then the public value, joined by LF."""
    for secret in secrets:
        check_secret(secret)
    if "\n" in public_value or "\r" in public_value:
        raise ValueError("公开随机值不能含换行 / the public value has no line break")
    return sha256_hex("\n".join([*secrets, public_value]).encode("utf-8"))


def parse_rule(ratio: str | None, count: int | None) -> tuple[Fraction | None, int | None]:
    """The rule has a ratio (a decimal above 0 and at most 1) or a count (1 or more)."""
    if (ratio is None) == (count is None):
        raise Mismatch(
            "rule",
            f"ratio 和 count 应恰有一个非空：ratio={ratio!r}, count={count!r}",
            f"exactly one of ratio and count must be set: ratio={ratio!r}, count={count!r}",
        )
    if ratio is not None:
        # Fraction("0.30") is exactly 3/10: no floating point anywhere.
        if not RATIO_TEXT.fullmatch(ratio) or not 0 < Fraction(ratio) <= 1:
            raise Mismatch(
                "rule",
                f"抽取比例应为大于 0、不超过 1 的小数：{ratio!r}",
                f"ratio should be a decimal above 0 and at most 1: {ratio!r}",
            )
        return Fraction(ratio), None
    if count < 1:
        raise Mismatch(
            "rule", f"每层数量应为正整数：{count!r}", f"count should be at least 1: {count!r}"
        )
    return None, count


def quota(n: int, ratio: Fraction | None, count: int | None) -> int:
    """How many of a stratum's n members are drawn: ceil(n × ratio), or min(count, n)."""
    if ratio is not None:
        return math.ceil(n * ratio)  # exact: n × ratio is a Fraction
    return min(count, n)


# -- the selection ---------------------------------------------------------------------------


def select(
    strata: list[tuple[bytes, list[bytes]]], prefix: bytes, ratio: Fraction | None, count
) -> bytes:
    """The expected result.tsv: in each stratum the k members with the lowest tickets.

    prefix is UTF-8(seed + LF + rule_code + LF); ticket(id) = SHA-256(prefix + UTF-8(id))
    read as a big-endian integer.
    """
    after_prefix = hashlib.sha256(prefix)  # copying this state is cheaper than hashing anew
    out = []
    for stratum, ids in strata:
        k = quota(len(ids), ratio, count)
        if k < len(ids):
            # Comparing the 32-byte digests as bytes compares the big-endian integers, and
            # since every digest has the same length, digest+id sorts exactly like the pair
            # (ticket, id): lowest ticket first, ties broken by id.
            keyed = []
            for member_id in ids:
                ticket = after_prefix.copy()
                ticket.update(member_id)
                keyed.append(ticket.digest() + member_id)
            keyed.sort()
            ids = sorted(key[32:] for key in keyed[:k])
        if ids:
            # The lines "stratum<TAB>id<LF>" of this stratum, ids in order.
            head = stratum + b"\t"
            out.append(head + (b"\n" + head).join(ids) + b"\n")
    # Strata come in order and ids within each in order: the lines are in canonical order.
    return b"".join(out)


# -- verify ----------------------------------------------------------------------------------


def check_frame_size(record: dict, strata: list) -> int:
    frame_size = sum(len(ids) for _, ids in strata)
    if frame_size != record["frame_size"]:
        raise Mismatch(
            "frame_size",
            f"frame.tsv 有 {frame_size} 行，记录的 frame_size 为 {record['frame_size']}",
            f"frame.tsv has {frame_size} lines, frame_size says {record['frame_size']}",
        )
    return frame_size


def check_commit_reveal(record: dict) -> str:
    """Same parties in the same order, each secret matches its commitment; returns the seed."""
    commitments, reveals = record["commitments"], record["reveals"]
    committed_parties = [c["party"] for c in commitments]
    revealed_parties = [r["party"] for r in reveals]
    if committed_parties != revealed_parties:
        raise Mismatch(
            "parties",
            f"揭示方与承诺方或其顺序不一致：承诺 {committed_parties}，揭示 {revealed_parties}",
            f"reveals do not follow the commitments: committed {committed_parties}, "
            f"revealed {revealed_parties}",
        )
    if len(commitments) < 2:
        raise Mismatch(
            "parties",
            f"参与方少于两方（双人规则）：{len(commitments)}",
            f"fewer than two parties (two-person rule): {len(commitments)}",
        )
    for committed, revealed in zip(commitments, reveals, strict=True):
        party, secret = revealed["party"], revealed["secret"]
        try:
            matches = commitment(secret) == committed["commitment"]
        except ValueError:
            matches = False
        if not matches:
            raise Mismatch(
                "reveal",
                f"“{party}”揭示的密钥与其承诺值不符",
                f"the secret revealed by {party!r} does not match its commitment",
            )

    # The seed.
    public_value = record["public_value"]
    if "\n" in public_value or "\r" in public_value:
        raise Mismatch("public_value", "公开随机值含换行", "the public value contains a line break")
    seed = seed_of([r["secret"] for r in reveals], public_value)
    if seed != record["seed"]:
        raise Mismatch(
            "seed",
            f"由密钥和公开随机值算得的种子与记录不一致：算得 {seed}，记录 {short(record['seed'])}",
            f"seed differs: computed {seed}, recorded {short(record['seed'])}",
        )

    return seed


def verify(path: str) -> str:
    """Recompute a bundle; returns the summary line or raises the first Mismatch."""
    record, frame, result, manual = read_bundle(path)
    check_record_shape(record)

    # 1. The frame: its hash and its canonical form.
    frame_hash = sha256_hex(frame)
    if frame_hash != record["frame_hash"]:
        raise Mismatch(
            "frame_hash",
            f"frame.tsv 的哈希与记录不一致（抽样框被改动过）：算得 {frame_hash}，"
            f"记录 {short(record['frame_hash'])}",
            f"frame.tsv does not hash to frame_hash: computed {frame_hash}, "
            f"recorded {short(record['frame_hash'])}",
        )
    strata = parse_frame(frame)

    # 2. Frame size, commit and reveal, seed, rule. (A repeated id in the frame, checked
    # below, is an earlier mismatch than any of these: when one of them fails, look first.)
    try:
        frame_size = check_frame_size(record, strata)
        seed = check_commit_reveal(record)
        ratio, count = parse_rule(record["ratio"], record["count"])
    except Mismatch:
        refuse_repeated_id(first_repeated_id(strata))
        raise

    # 3. The selection, recomputed from the frame. This and the search for a repeated id
    # take most of the time; two processes share them: a second one looks for a repeated
    # id and selects in the last strata (about a quarter of the members), while this one
    # selects in the others.
    prefix = f"{seed}\n{record['rule_code']}\n".encode()
    members_so_far = list(itertools.accumulate(len(ids) for _, ids in strata))
    cut = bisect_left(members_so_far, frame_size * (1 - SECOND_SHARE))
    second = alongside(
        lambda: (first_repeated_id(strata), select(strata[cut:], prefix, ratio, count))
    )
    first_part = select(strata[:cut], prefix, ratio, count)
    repeated_id, last_part = second()
    refuse_repeated_id(repeated_id)
    expected = first_part + last_part
    if result != expected:
        zh_where = first_difference(expected, result)
        en_where = first_difference(expected, result, english=True)
        raise Mismatch(
            "result",
            f"result.tsv 与按记录复算的结果不同：{zh_where}",
            f"result.tsv differs from the recomputed selection: {en_where}",
        )
    result_hash = sha256_hex(result)
    if result_hash != record["result_hash"]:
        raise Mismatch(
            "result_hash",
            f"result.tsv 的哈希与记录不一致：算得 {result_hash}，"
            f"记录 {short(record['result_hash'])}",
            f"result.tsv does not hash to result_hash: computed {result_hash}, "
            f"recorded {short(record['result_hash'])}",
        )
    selected = expected.count(b"\n")
    if selected != record["selected_count"]:
        raise Mismatch(
            "selected_count",
            f"抽中 {selected} 个，记录的 selected_count 为 {record['selected_count']}",
            f"{selected} selected, selected_count says {record['selected_count']}",
        )

    # 4. People added by hand are listed apart and are not part of the random result.
    if manual:
        check_manual(manual, expected)
    return (
        f"OK 复算一致：抽样框 {frame_size} 个，抽中 {selected} 个，种子 {seed} / "
        f"verified: frame_size {frame_size}, selected {selected}, seed {seed}"
    )


def check_manual(manual: bytes, result: bytes) -> None:
    """manual.tsv: lines "stratum<TAB>工号<TAB>reason"; no 工号 among the drawn ids."""

    def refuse(zh: str, en: str) -> Mismatch:
        return Mismatch("manual", f"manual.tsv {zh}", f"manual.tsv {en}")

    try:
        text = manual.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refuse(f"不是 UTF-8（{exc}）", f"is not UTF-8 ({exc})") from None
    if not text.endswith("\n"):
        raise refuse("最后一行没有换行符", "has no newline at the end")
    drawn = {line.partition(b"\t")[2] for line in result.splitlines()}
    for number, line in enumerate(text[:-1].split("\n"), start=1):
        fields = line.split("\t")
        if len(fields) != 3 or not all(fields) or CONTROL_CHAR.search(line.replace("\t", "")):
            raise refuse(
                f"第 {number} 行应为“层<TAB>工号<TAB>理由”：{short(line)}",
                f"line {number} should be stratum<TAB>staff_no<TAB>reason: {short(line)}",
            )
        if fields[1].encode("utf-8") in drawn:
            raise refuse(
                f"第 {number} 行的 {fields[1]} 已在随机抽取结果中",
                f"line {number}: {fields[1]} is also in the random result",
            )


def first_difference(expected: bytes, actual: bytes, english: bool = False) -> str:
    want, got = expected.splitlines(), actual.splitlines()
    for number, (a, b) in enumerate(zip(want, got, strict=False), start=1):
        if a != b:
            a_text, b_text = a.decode(errors="replace"), b.decode(errors="replace")
            if english:
                return f"line {number}: expected {short(a_text)}, found {short(b_text)}"
            return f"第 {number} 行应为 {short(a_text)}，实为 {short(b_text)}"
    if english:
        return f"expected {len(want)} lines, found {len(got)}"
    return f"应有 {len(want)} 行，实有 {len(got)} 行"


# -- command line ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = argparse.ArgumentParser(
        description="guifan-draw-v1 独立复核工具 / independent verifier (standard library only)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    verify_cmd = sub.add_parser("verify", help="复算抽取记录包 / recompute a draw bundle")
    verify_cmd.add_argument("bundle", metavar="BUNDLE.zip")
    commit_cmd = sub.add_parser("commit", help="计算承诺值 / print the commitment of a secret")
    commit_cmd.add_argument("secret", metavar="SECRET", help='the secret, or "-" to read stdin')
    seed_cmd = sub.add_parser("seed", help="计算随机种子 / print the seed")
    seed_cmd.add_argument("secrets", nargs="+", metavar="SECRET", help="in commitment order")
    seed_cmd.add_argument("--public", default="", metavar="VALUE", help="public random value")
    args = parser.parse_args(argv)

    if args.command == "verify":
        gc.disable()  # millions of small objects and no cycles: the collector only costs time
        try:
            print(verify(args.bundle))
        except Unreadable as exc:
            print(f"无法读取 UNREADABLE: {exc}", file=sys.stderr)
            return 2
        except Mismatch as exc:
            print(exc)
            return 1
        return 0
    try:
        if args.command == "commit":
            secret = args.secret
            if secret == "-":
                secret = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
            print(commitment(secret))
            if secret != secret.strip():
                print(
                    "注意：密钥首尾有空白，抽取页面会去掉它们 / "
                    "note: the secret begins or ends with white space, which the draw page strips",
                    file=sys.stderr,
                )
            if len(secret) > 200:
                print(
                    "注意：抽取页面的密钥最长 200 个字符 / "
                    "note: the draw page takes secrets of at most 200 characters",
                    file=sys.stderr,
                )
        else:
            if len(args.secrets) < 2:
                raise ValueError("至少需要两方的密钥 / at least two secrets (two-person rule)")
            print(seed_of(args.secrets, args.public))
    except (ValueError, UnicodeError) as exc:
        print(f"错误 ERROR: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
