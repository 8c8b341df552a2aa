"""The pure draw protocol: known answers, order independence, exact quotas, fairness."""

import hashlib
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guifan.draws import protocol as p
from guifan.draws import verification

# Known-answer vector, also printed in docs/draw-protocol.md: independent implementations
# compare against these values.
KAT_FRAME = [("980102", f"临江检公诉受〔2015〕{i:04d}号") for i in range(1, 11)] + [
    ("980103", f"江北检侦监受〔2015〕{i:04d}号") for i in range(1, 6)
]
KAT_SECRETS = ["专项整治办-2016-03-14-7431", "纪检组-hunan-5520"]
KAT = {
    "frame_hash": "33e60391e10191cfc6b942f0a6908ee855874dcf5092067c7e5794e984f4eeb1",
    "commitments": [
        "575a7ce7c77cb16b79ce8db8a28356fa552f80c06ad498a1545b22a872163473",
        "c9179f27feb244a5c53a50496908371bd746e2751ce77f46bccbfbb412d4e276",
    ],
    "seed": "58456bfd5e70d95139424faadd77a71174b8352900da74d90b390f9b2aae07c2",
    "result": [
        ("980102", "临江检公诉受〔2015〕0001号"),
        ("980102", "临江检公诉受〔2015〕0004号"),
        ("980102", "临江检公诉受〔2015〕0008号"),
        ("980103", "江北检侦监受〔2015〕0001号"),
        ("980103", "江北检侦监受〔2015〕0003号"),
    ],
    "result_hash": "91604c555c72afe3f269ee02f59c437c3d4a971f80e05fbaaf15b292acf1ffec",
}


def reference_select(frame, seed_hex, rule_code, ratio=None, count=None):
    """The protocol read literally from the issue, slow and plain, to check the fast one."""
    from decimal import Decimal

    strata = sorted({s for s, _ in frame})
    chosen = []
    for stratum in strata:
        ids = sorted(i for s, i in frame if s == stratum)
        n = len(ids)
        k = math.ceil(Decimal(n) * Decimal(ratio)) if ratio is not None else min(count, n)
        tickets = {
            i: int.from_bytes(
                hashlib.sha256(f"{seed_hex}\n{rule_code}\n{i}".encode()).digest(), "big"
            )
            for i in ids
        }
        chosen += [(stratum, i) for i in sorted(ids, key=lambda i: (tickets[i], i))[:k]]
    return sorted(chosen)


def test_known_answer_vector():
    text = p.canonical_text(KAT_FRAME)
    assert p.sha256_hex(text) == KAT["frame_hash"]
    assert [p.commitment(s) for s in KAT_SECRETS] == KAT["commitments"]
    seed = p.seed(KAT_SECRETS, "")
    assert seed == hashlib.sha256("\n".join([*KAT_SECRETS, ""]).encode()).hexdigest()
    assert seed == KAT["seed"]
    result = p.select(KAT_FRAME, seed_hex=seed, rule_code="recheck", ratio="0.30")
    assert result == KAT["result"]
    assert result == reference_select(KAT_FRAME, seed, "recheck", ratio="0.30")
    assert p.sha256_hex(p.canonical_text(result)) == KAT["result_hash"]


def test_same_seed_same_sample_whatever_the_order():
    seed = p.seed(KAT_SECRETS, "")
    shuffled = KAT_FRAME[:]
    for round_ in range(5):
        random.Random(round_).shuffle(shuffled)
        assert p.select(shuffled, seed_hex=seed, rule_code="recheck", ratio="0.30") == KAT["result"]
        assert p.canonical_text(shuffled) == p.canonical_text(KAT_FRAME)


def test_the_rule_code_and_every_secret_change_the_sample():
    seed = p.seed(KAT_SECRETS, "")
    other_rule = p.select(KAT_FRAME, seed_hex=seed, rule_code="new", ratio="0.30")
    other_seed = p.seed([KAT_SECRETS[0], KAT_SECRETS[1] + "x"], "")
    assert other_rule != KAT["result"]
    assert (
        p.select(KAT_FRAME, seed_hex=other_seed, rule_code="recheck", ratio="0.30")
        != (KAT["result"])
    )
    assert p.seed(KAT_SECRETS, "12345") != seed
    assert p.seed(list(reversed(KAT_SECRETS)), "") != seed  # commitment order matters


@pytest.mark.parametrize(
    ("n", "ratio", "k"),
    [(10, "0.30", 3), (7, "0.30", 3), (30, "0.1", 3), (1, "0.30", 1), (5, "1", 5), (9, "0.5", 5)],
)
def test_quota_is_an_exact_decimal_ceiling(n, ratio, k):
    # 30 × 0.1 is 3.0000000000000004 in floating point and would wrongly give 4.
    assert p.quota(n, ratio=ratio) == k


def test_count_takes_at_most_the_whole_stratum():
    assert p.quota(2, count=3) == 2
    assert p.quota(9, count=3) == 3


@pytest.mark.parametrize("ratio", ["0", "1.5", "0.3.1", "30%", ".3", "-0.3", " 0.3", "0,3"])
def test_bad_ratios_are_refused(ratio):
    with pytest.raises(p.ProtocolError):
        p.quota(10, ratio=ratio)


def test_a_ratio_of_one_selects_everyone():
    seed = p.seed(KAT_SECRETS, "")
    assert p.select(KAT_FRAME, seed_hex=seed, rule_code="key", ratio="1") == sorted(KAT_FRAME)


def test_canonical_order_is_stratum_then_id_by_code_point():
    text = p.canonical_text([("ab", "1"), ("a", "2"), ("a", "10"), ("B", "3")])
    assert text == "B\t3\na\t10\na\t2\nab\t1\n"
    assert p.parse_text(text) == [("B", "3"), ("a", "10"), ("a", "2"), ("ab", "1")]


@pytest.mark.parametrize(
    "members",
    [
        [("a", "1"), ("b", "1")],  # one id in two strata
        [("a", "1\t2")],
        [("a", "1\n")],
        [("", "1")],
        [("a", "")],
        [("a\x01", "1")],
    ],
)
def test_bad_frames_are_refused(members):
    with pytest.raises(p.ProtocolError):
        p.canonical_text(members)


@pytest.mark.parametrize(
    "text",
    ["a\t1", "b\t1\na\t2\n", "a\t1\na\t1\n", "a1\n", "a\t1\r\n", "a\tb\tc\nd\n", "a\t1\nb\t1\n"],
)
def test_only_canonical_texts_parse(text):
    with pytest.raises(p.ProtocolError):
        p.parse_text(text)


def test_secrets_with_line_breaks_are_refused():
    with pytest.raises(p.ProtocolError):
        p.commitment("two\nlines")
    with pytest.raises(p.ProtocolError):
        p.seed(["only one"], "")


def _record(frame, secrets, public=""):
    seed = p.seed(secrets, public)
    result = p.select(frame, seed_hex=seed, rule_code="recheck", ratio="0.30")
    record = {
        "algorithm": p.ALGORITHM,
        "rule_code": "recheck",
        "filter": "test",
        "ratio": "0.30",
        "count": None,
        "frame_size": len(frame),
        "frame_hash": p.sha256_hex(p.canonical_text(frame)),
        "commitments": [
            {"party": f"p{i}", "commitment": p.commitment(s)} for i, s in enumerate(secrets)
        ],
        "reveals": [{"party": f"p{i}", "secret": s} for i, s in enumerate(secrets)],
        "public_value": public,
        "seed": seed,
        "selected_count": len(result),
        "result_hash": p.sha256_hex(p.canonical_text(result)),
        "events": [],
    }
    return record, p.canonical_text(frame), p.canonical_text(result)


def test_verify_accepts_an_honest_record():
    record, frame, result = _record(KAT_FRAME, KAT_SECRETS, "0 4 7")
    verified = verification.verify(record, frame, result)
    assert (verified.frame_size, verified.selected_count) == (15, 5)


def test_a_changed_frame_changes_the_hash_and_fails_verification():
    record, _frame, result = _record(KAT_FRAME, KAT_SECRETS)
    changed = p.canonical_text([*KAT_FRAME[:-1], ("980103", "江北检侦监受〔2015〕0099号")])
    assert p.sha256_hex(changed) != record["frame_hash"]
    with pytest.raises(p.ProtocolError) as caught:
        verification.verify(record, changed, result)
    assert caught.value.code == "frame_hash"


def test_a_wrong_reveal_fails_verification():
    record, frame, result = _record(KAT_FRAME, KAT_SECRETS)
    record["reveals"][1]["secret"] = "纪检组-hunan-5521"
    with pytest.raises(p.ProtocolError) as caught:
        verification.verify(record, frame, result)
    assert caught.value.code == "reveal"


def test_a_hand_picked_result_fails_verification():
    record, frame, result = _record(KAT_FRAME, KAT_SECRETS)
    lines = result.splitlines(keepends=True)
    picked = "".join(sorted([*lines[:-1], "980103\t江北检侦监受〔2015〕0005号\n"]))
    record["result_hash"] = p.sha256_hex(picked)
    with pytest.raises(p.ProtocolError) as caught:
        verification.verify(record, frame, picked)
    assert caught.value.code == "result"


def test_inclusion_frequencies_match_the_ratio():
    """Chi-square over 3,000 fixed seeds: every member of a 20-member stratum is drawn
    about 30% of the time, every member of a 7-member stratum 3/7 of the time."""
    frame = [("A", f"a{i:02d}") for i in range(20)] + [("B", f"b{i}") for i in range(7)]
    rounds = 3000
    hits = dict.fromkeys((i for _, i in frame), 0)
    for r in range(rounds):
        seed = hashlib.sha256(f"fixed-seed-{r}".encode()).hexdigest()
        for _, member in p.select(frame, seed_hex=seed, rule_code="new", ratio="0.30"):
            hits[member] += 1
    for stratum, k, n in (("a", 6, 20), ("b", 3, 7)):
        expected = rounds * k / n
        observed = [v for m, v in hits.items() if m.startswith(stratum)]
        chi2 = sum((o - expected) ** 2 / expected for o in observed)
        # Critical values at p = 0.001: df 19 → 43.82, df 6 → 22.46.
        assert chi2 < {"a": 43.82, "b": 22.46}[stratum], (stratum, chi2)


frames = st.lists(
    st.tuples(
        st.sampled_from(["980102", "980103", "gongsu", "g"]),
        st.from_regex(r"[0-9A-Za-z〔〕号]{1,8}", fullmatch=True),
    ),
    max_size=60,
    unique_by=lambda m: m[1],
)


@settings(max_examples=60, deadline=None)
@given(frame=frames, ratio=st.sampled_from(["0.30", "0.5", "1", "0.01"]), order=st.randoms())
def test_selection_matches_the_literal_reading_in_any_order(frame, ratio, order):
    seed = hashlib.sha256(repr(frame).encode()).hexdigest()
    shuffled = frame[:]
    order.shuffle(shuffled)
    chosen = p.select(shuffled, seed_hex=seed, rule_code="r", ratio=ratio)
    assert chosen == reference_select(frame, seed, "r", ratio=ratio)
    sizes = p.strata_sizes(frame)
    picked = p.strata_sizes(chosen)
    assert picked == {s: p.quota(n, ratio=ratio) for s, n in sizes.items()}


def test_equal_tickets_are_broken_by_id(monkeypatch):
    class Constant:
        def __init__(self, data):
            pass

        def digest(self):
            return b"\x00" * 32

    monkeypatch.setattr(p, "sha256", Constant)
    frame = [("A", member) for member in ("d", "b", "a", "c", "e")]
    chosen = p.select(frame, seed_hex="0" * 64, rule_code="r", ratio="0.5")
    assert chosen == [("A", "a"), ("A", "b"), ("A", "c")]
