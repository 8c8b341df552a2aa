"""The draw protocol guifan-draw-v1, in plain Python so that anyone can re-check a draw.

The public contract is written up in docs/draw-protocol.md; in short:

    frame text   one line "stratum<TAB>id\\n" per member, sorted by code point, UTF-8
    frame_hash   SHA-256 of the frame text, lowercase hex
    commitment   SHA-256(UTF-8(secret)); secrets contain no newline
    seed         SHA-256 of the secrets in commitment order, then the public value
                 ("" if none), joined with "\\n"
    ticket(id)   SHA-256(UTF-8(seed + "\\n" + rule_code + "\\n" + id)) as a big-endian integer
    selection    per stratum of n members: k = ceil(n × ratio) (exact decimal) or
                 min(count, n); the k lowest tickets, ties by id
    result text  like the frame text; result_hash its SHA-256

Strata and ids contain no control characters, so sorting the lines sorts by (stratum, id):
the tab that ends a stratum sorts before every character a longer stratum could continue with.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import ROUND_CEILING, Decimal, localcontext
from hashlib import sha256
from operator import methodcaller

ALGORITHM = "guifan-draw-v1"

Member = tuple[str, str]  # (stratum, id)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BAD_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # in a whole text: tabs and newlines pass
_RATIO = re.compile(r"^(?:0\.\d{1,6}|1(?:\.0{1,6})?)$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_DIGEST = methodcaller("digest")


class ProtocolError(ValueError):
    """Input the protocol does not accept; ``code`` names the check, ``detail`` the culprit."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- frame and result texts ---------------------------------------------------------------


Strata = dict[str, list[str]]  # stratum → its ids; both in canonical (code point) order


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Millions of small strings and tuples make the cyclic collector rescan the heap again
    and again (a 5M frame took twice as long); they hold no cycles, so pause it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _bulk(function: Callable) -> Callable:
    def wrapped(*args, **kwargs):
        with _no_cycle_collection():
            return function(*args, **kwargs)

    wrapped.__name__, wrapped.__doc__ = function.__name__, function.__doc__
    return wrapped


@_bulk
def group(members: Iterable[Member]) -> Strata:
    """Members grouped by stratum, strata and ids sorted: the frame in canonical order."""
    strata: dict[str, list[str]] = {}
    for stratum, member_id in members:
        strata.setdefault(stratum, []).append(member_id)
    return {stratum: sorted(strata[stratum]) for stratum in sorted(strata)}


@_bulk
def canonical_text(members: Iterable[Member] | Strata) -> str:
    """The canonical text of a frame or result; refuses bad tokens and repeated ids."""
    strata = members if isinstance(members, dict) else group(members)
    text = "".join(f"{s}\t" + f"\n{s}\t".join(ids) + "\n" for s, ids in strata.items() if ids)
    _check(text, strata)
    return text


@_bulk
def parse_strata(text: str, *, checked: bool = False) -> Strata:
    """The frame or result a canonical text holds; refuses any other text.

    ``checked=True`` skips the checks for a text already known to be canonical (one whose
    SHA-256 equals a hash taken when it was built by canonical_text()).
    """
    if not text:
        return {}
    if not text.endswith("\n"):
        raise ProtocolError("not_canonical", "no newline at the end")
    if not checked:
        lines = text[:-1].split("\n")
        if lines != sorted(lines):
            raise ProtocolError("not_canonical", "lines are not sorted")
        wrong = [line for line in lines if line.count("\t") != 1]
        if wrong:
            raise ProtocolError("bad_member", wrong[0])
    if checked:
        return dict(_blocks(text))
    # Sorted lines keep each stratum's ids together: split once, then slice (C speed).
    tokens = text[:-1].replace("\n", "\t").split("\t")
    ids = tokens[1::2]
    strata: Strata = {}
    start = 0
    for stratum, size in Counter(tokens[0::2]).items():
        strata[stratum] = ids[start : start + size]
        start += size
    if not checked:
        _check(text, strata)
    return strata


def _blocks(text: str) -> Iterator[tuple[str, list[str]]]:
    """Each stratum of a canonical text with its ids, one stratum's lines at a time: no copy
    of the whole text and no string per stratum column (a 5M frame's draw took 4 GB)."""
    start, end = 0, len(text)
    while start < end:
        stratum = text[start : text.index("\t", start)]
        prefix = stratum + "\t"
        # The lines of a stratum are contiguous: find its last line by bisecting offsets,
        # each probe asking whether the line around it still starts with the stratum.
        low, high = start, end
        while high - low > 1:
            middle = (low + high) // 2
            if text.startswith(prefix, text.rfind("\n", 0, middle) + 1):
                low = middle
            else:
                high = middle
        stop = text.index("\n", low) + 1
        yield stratum, text[start + len(prefix) : stop - 1].split("\n" + prefix)
        start = stop


def parse_text(text: str) -> list[Member]:
    """The members of a canonical frame or result text, in order."""
    return members_of(parse_strata(text))


def members_of(strata: Strata) -> list[Member]:
    return [(stratum, member_id) for stratum, ids in strata.items() for member_id in ids]


def _check(text: str, strata: Strata) -> None:
    """Every line is one non-empty stratum, a tab and a non-empty id; no id twice.

    Checked on the whole text at once (C speed), with a slow search only to name the culprit.
    """
    n = sum(len(ids) for ids in strata.values())
    if (
        text.count("\t") != n
        or text.count("\n") != n
        or _BAD_CHAR.search(text)
        or text.startswith("\t")
        or "\n\t" in text
        or "\t\n" in text
    ):
        lines = text.split("\n")[:-1] if text.count("\n") == n else [text]
        raise ProtocolError("bad_member", next((x for x in lines if _bad_line(x)), text[:80]))
    if len(set().union(*strata.values())) != n:
        ids = [member_id for each in strata.values() for member_id in each]
        repeated = next(i for i, times in Counter(ids).items() if times > 1)
        raise ProtocolError("duplicate_id", repeated)


def _bad_line(line: str) -> bool:
    stratum, tab, member_id = line.partition("\t")
    return not tab or not stratum or not member_id or bool(_CONTROL.search(stratum + member_id))


# -- commit and reveal ----------------------------------------------------------------------


def check_secret(secret: str) -> None:
    if not secret or "\n" in secret or "\r" in secret:
        raise ProtocolError("bad_secret", "a secret is non-empty and has no line break")


def commitment(secret: str) -> str:
    check_secret(secret)
    return sha256_hex(secret)


def is_commitment(value: str) -> bool:
    return bool(_HEX64.match(value))


def reveal_matches(secret: str, committed: str) -> bool:
    return commitment(secret) == committed


def seed(secrets: Sequence[str], public_value: str = "") -> str:
    if len(secrets) < 2:
        raise ProtocolError("too_few_parties", str(len(secrets)))
    for secret in secrets:
        check_secret(secret)
    if "\n" in public_value:
        raise ProtocolError("bad_public_value", "no line break")
    return sha256_hex("\n".join([*secrets, public_value]))


# -- selection ------------------------------------------------------------------------------


def parse_ratio(text: str) -> Decimal:
    """A ratio is a decimal string above 0 and at most 1, e.g. "0.30" or "1"."""
    if not isinstance(text, str) or not _RATIO.match(text) or Decimal(text) == 0:
        raise ProtocolError("bad_ratio", repr(text))
    return Decimal(text)


def quota(n: int, *, ratio: str | None = None, count: int | None = None) -> int:
    """How many of a stratum's n members are drawn."""
    if (ratio is None) == (count is None):
        raise ProtocolError("bad_rule", "a rule has either a ratio or a count")
    if count is not None:
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ProtocolError("bad_count", repr(count))
        return min(count, n)
    with localcontext() as ctx:
        ctx.prec = 60  # exact for any frame that fits in memory
        return int((n * parse_ratio(ratio)).to_integral_value(rounding=ROUND_CEILING))


def ticket(seed_hex: str, rule_code: str, member_id: str) -> int:
    return int.from_bytes(_digest(f"{seed_hex}\n{rule_code}\n", member_id), "big")


def _digest(prefix: str, member_id: str) -> bytes:
    return sha256((prefix + member_id).encode("utf-8")).digest()


def select(
    members: Iterable[Member] | Strata,
    *,
    seed_hex: str,
    rule_code: str,
    ratio: str | None = None,
    count: int | None = None,
) -> list[Member]:
    """The drawn members, in canonical order. Works on the members in any order."""
    strata = members if isinstance(members, dict) else group(members)
    chosen = select_strata(strata, seed_hex=seed_hex, rule_code=rule_code, ratio=ratio, count=count)
    return members_of(chosen)


@_bulk
def select_strata(
    strata: Strata, *, seed_hex: str, rule_code: str, ratio: str | None, count: int | None
) -> Strata:
    """The drawn members of each stratum of a grouped frame (see group())."""
    if not _HEX64.match(seed_hex):
        raise ProtocolError("bad_seed", seed_hex)
    quota(1, ratio=ratio, count=count)  # validates the rule before any work
    prefix = f"{seed_hex}\n{rule_code}\n".encode()
    chosen: Strata = {}
    for stratum, ids in strata.items():
        k = quota(len(ids), ratio=ratio, count=count)
        if k == len(ids):
            chosen[stratum] = list(ids)
            continue
        # SHA-256(prefix + UTF-8(id)) per member; map() keeps the loop in C. Comparing
        # 32-byte digests compares the big-endian integers.
        digests = list(map(_DIGEST, map(sha256, map(prefix.__add__, map(str.encode, ids)))))
        threshold = sorted(digests)[k - 1]
        picked = [i for d, i in zip(digests, ids, strict=True) if d <= threshold]
        if len(picked) > k:  # equal tickets: the lowest ids among them go first
            below = [i for d, i in zip(digests, ids, strict=True) if d < threshold]
            tied = sorted(i for d, i in zip(digests, ids, strict=True) if d == threshold)
            picked = sorted(below + tied[: k - len(below)])
        chosen[stratum] = picked  # ids come in canonical order, so picked ones do too
    return dict(sorted(chosen.items()))


def strata_sizes(members: Iterable[Member] | Strata) -> dict[str, int]:
    strata = members if isinstance(members, dict) else group(members)
    return {stratum: len(ids) for stratum, ids in strata.items()}
