"""Checking a published draw (guifan-draw-v1): recompute it from its record, frame and
result texts, or from the bundle zip, and name the first mismatch. Plain Python, no Django,
like ``protocol``."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from typing import IO

from guifan.draws.protocol import (
    ALGORITHM,
    ProtocolError,
    _bulk,
    canonical_text,
    parse_strata,
    parse_text,
    reveal_matches,
    seed,
    select_strata,
    sha256_hex,
)

RECORD_KEYS = (
    "algorithm",
    "rule_code",
    "filter",
    "ratio",
    "count",
    "frame_size",
    "frame_hash",
    "commitments",
    "reveals",
    "public_value",
    "seed",
    "selected_count",
    "result_hash",
    "events",
)


@dataclass(frozen=True)
class Verified:
    frame_size: int
    selected_count: int
    seed: str


@_bulk
def verify(record: dict, frame_text: str, result_text: str) -> Verified:
    """Recompute a draw from its published record and texts; the first mismatch is raised."""
    if not isinstance(record, dict):
        raise ProtocolError("record_shape", "draw.json is not an object")
    try:
        return _verify(record, frame_text, result_text)
    except (KeyError, TypeError, AttributeError) as exc:  # a hand-edited record
        raise ProtocolError("record_shape", repr(exc)) from None


def _verify(record: dict, frame_text: str, result_text: str) -> Verified:
    keys = set(record)
    if keys != set(RECORD_KEYS):
        missing, extra = sorted(set(RECORD_KEYS) - keys), sorted(keys - set(RECORD_KEYS))
        raise ProtocolError("record_keys", f"missing {missing}, unexpected {extra}")
    if record["algorithm"] != ALGORITHM:
        raise ProtocolError("algorithm", str(record["algorithm"]))
    if sha256_hex(frame_text) != record["frame_hash"]:
        raise ProtocolError("frame_hash", f"{sha256_hex(frame_text)} ≠ {record['frame_hash']}")
    frame = parse_strata(frame_text)
    frame_size = sum(len(ids) for ids in frame.values())
    if frame_size != record["frame_size"]:
        raise ProtocolError("frame_size", f"{frame_size} ≠ {record['frame_size']}")
    commitments, reveals = record["commitments"], record["reveals"]
    if [c["party"] for c in commitments] != [r["party"] for r in reveals]:
        raise ProtocolError("parties", "reveals are not in commitment order")
    for committed, revealed in zip(commitments, reveals, strict=True):
        if not reveal_matches(revealed["secret"], committed["commitment"]):
            raise ProtocolError("reveal", revealed["party"])
    seed_hex = seed([r["secret"] for r in reveals], record["public_value"])
    if seed_hex != record["seed"]:
        raise ProtocolError("seed", f"{seed_hex} ≠ {record['seed']}")
    expected = canonical_text(
        select_strata(
            frame,
            seed_hex=seed_hex,
            rule_code=record["rule_code"],
            ratio=record["ratio"],
            count=record["count"],
        )
    )
    if result_text != expected:
        raise ProtocolError("result", _first_difference(expected, result_text))
    if sha256_hex(result_text) != record["result_hash"]:
        raise ProtocolError("result_hash", "result.tsv does not match result_hash")
    selected = expected.count("\n")
    if selected != record["selected_count"]:
        raise ProtocolError("selected_count", f"{selected} ≠ {record['selected_count']}")
    return Verified(frame_size=frame_size, selected_count=selected, seed=seed_hex)


def _first_difference(expected: str, actual: str) -> str:
    want, got = expected.splitlines(), actual.splitlines()
    for number, (a, b) in enumerate(zip(want, got, strict=False), start=1):
        if a != b:
            return f"line {number}: expected {a!r}, found {b!r}"
    return f"expected {len(want)} lines, found {len(got)}"


def verify_bundle(source: str | IO[bytes]) -> Verified:
    """Recompute a bundle; raises ProtocolError naming the first mismatch."""
    try:
        bundle = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ProtocolError("bundle", str(exc)) from None
    with bundle:
        names = set(bundle.namelist())
        for required in ("draw.json", "frame.tsv", "result.tsv"):
            if required not in names:
                raise ProtocolError("bundle", f"{required} missing")
        try:
            record = json.loads(bundle.read("draw.json").decode("utf-8"))
            frame = bundle.read("frame.tsv").decode("utf-8")
            result = bundle.read("result.tsv").decode("utf-8")
            manual = bundle.read("manual.tsv").decode("utf-8") if "manual.tsv" in names else ""
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ProtocolError("bundle", str(exc)) from None
    verified = verify(record, frame, result)
    drawn = {member_id for _, member_id in parse_text(result)}
    for line in manual.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[1] in drawn:
            raise ProtocolError("manual", line)
    return verified
