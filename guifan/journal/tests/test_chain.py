"""The hash chain in plain Python: canonical form, known answer, and every kind of tampering."""

import dataclasses
import hashlib
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from guifan.journal import chain


def _entries(n: int) -> list[tuple[chain.EntryFields, str]]:
    rows, prev = [], chain.GENESIS_HASH
    for seq in range(1, n + 1):
        fields = chain.EntryFields(
            seq=seq,
            at=datetime(2016, 3, 14, 9, 0, seq, tzinfo=UTC),
            actor_id=7,
            actor_name="office",
            ip="10.0.0.1",
            verb="role.grant",
            target_type="accounts.user",
            target_id=str(seq),
            target_label=f"用户{seq}",
            payload=chain.dump_payload({"role": "liaison", "n": seq}),
            prev_hash=prev,
        )
        prev = chain.entry_hash(fields)
        rows.append((fields, prev))
    return rows


def test_known_answer_vector():
    fields = chain.EntryFields(
        seq=1,
        at=datetime(2016, 3, 14, 1, 0, tzinfo=UTC),
        actor_id=None,
        actor_name="system",
        ip="",
        verb="system.demo_load",
        target_type="",
        target_id="",
        target_label="",
        payload=chain.dump_payload({"单位": 12}),
        prev_hash=chain.GENESIS_HASH,
    )
    expected_text = (
        '{"actor":{"id":null,"name":"system"},"at":"2016-03-14T01:00:00.000000Z","ip":"",'
        '"payload":{"单位":12},"prev":"' + "0" * 64 + '","seq":1,'
        '"target":{"id":"","label":"","type":""},"v":1,"verb":"system.demo_load"}'
    )
    assert chain.canonical(fields).decode() == expected_text
    assert chain.entry_hash(fields) == hashlib.sha256(expected_text.encode()).hexdigest()


def test_intact_chain_verifies_with_count_and_head():
    rows = _entries(5)
    verdict = chain.verify_chain(rows, head=(5, rows[-1][1]))
    assert verdict.ok
    assert verdict.count == 5
    assert verdict.head_hash == rows[-1][1]


def test_edited_field_is_caught_at_that_entry():
    rows = _entries(5)
    fields, stored = rows[2]
    rows[2] = (dataclasses.replace(fields, actor_name="someone else"), stored)
    verdict = chain.verify_chain(rows)
    assert (verdict.bad_seq, verdict.problem) == (3, chain.ALTERED)


def test_deleted_entry_is_caught():
    rows = _entries(5)
    del rows[1]
    verdict = chain.verify_chain(rows)
    assert (verdict.bad_seq, verdict.problem) == (3, chain.MISSING)
    assert verdict.details == {"expected": 2}


def test_swapped_entries_with_renumbering_are_caught():
    rows = _entries(5)
    (f2, h2), (f3, h3) = rows[1], rows[2]
    rows[1] = (dataclasses.replace(f3, seq=2), h3)
    rows[2] = (dataclasses.replace(f2, seq=3), h2)
    verdict = chain.verify_chain(rows)
    assert (verdict.bad_seq, verdict.problem) == (2, chain.BROKEN_LINK)


def test_cut_tail_is_caught_by_the_head():
    rows = _entries(5)
    verdict = chain.verify_chain(rows[:3], head=(5, rows[-1][1]))
    assert verdict.problem == chain.HEAD_MISMATCH
    assert verdict.count == 3


def test_payload_values_are_normalised_and_floats_refused():
    assert chain.dump_payload({"b": Decimal("0.30"), "a": {2, 1}}) == '{"a":[1,2],"b":"0.30"}'
    with pytest.raises(TypeError):
        chain.dump_payload({"ratio": 0.3})


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        chain.format_time(datetime(2016, 3, 14))
