"""The synthetic process events: deterministic, consistent in time, and breaking the rules
exactly where and about as often as they say."""

import math
import re
from collections import Counter
from datetime import datetime, timedelta
from itertools import islice

import pytest

from guifan.demo.events import KINDS, EventGenerator
from guifan.demo.generator import DemoWorld
from guifan.demo.scene import CUTOFF, LAST_DAY
from guifan.demo.violations import RULE_KINDS, SHARE_RANGE, VIOLATION_SHARES

DAY = timedelta(days=1)
FORBIDDEN_RSDL_PLACES = {"看守所", "拘留所", "监狱", "留置室", "讯问室", "办公区"}
DOC_NO = re.compile(r"^\w{2,3}检\w{2}\w{1,5}〔20(14|15|16)〕\d+号$")


def _gap(row, start, stop):
    return row[stop] - row[start]


# rule -> (does the rule look at this row?, does the row break it?), judged from the data
# alone, as the rule engine will (RULES-AND-PROCESS.md §3).
RULES = {
    "R1-01": (
        lambda row, case: True,
        lambda row: _gap(row, "received_at", "procedural_reply_at") > 7 * DAY,
    ),
    "R2-01": (
        lambda row, case: case.is_self_investigation,
        lambda row: not row["av_recorded"],
    ),
    "R2-02": (
        lambda row, case: row["av_recorded"],
        lambda row: (
            row["av_start_at"] > row["start_at"] + timedelta(minutes=2)
            or row["av_end_at"] < row["end_at"] - timedelta(minutes=2)
        ),
    ),
    "R2-03": (
        lambda row, case: True,
        lambda row: not (row["approved_by_chief"] and row["noted_in_transcript"]),
    ),
    "R2-04": (
        lambda row, case: True,
        lambda row: len(row["interrogators"].split(";")) < 2,
    ),
    "R2-09": (
        lambda row, case: row["kind"] == "指定居所监视居住",
        lambda row: row["place_type"] in FORBIDDEN_RSDL_PLACES,
    ),
    "R2-10": (
        lambda row, case: row["kind"] == "指定居所监视居住",
        lambda row: _gap(row, "executed_at", "family_notified_at") > DAY,
    ),
    "R2-13": (
        lambda row, case: row["kind"] == "指定居所监视居住",
        lambda row: row["fee_charged"],
    ),
    # Within 3 calendar days is within 3 working days; 14 days or more is beyond them even
    # across the week-long holidays of 2014–2016.
    "R3-05": (
        lambda row, case: row["kind"] == "阅卷",
        lambda row: _gap(row, "submitted_at", "responded_at") >= 14 * DAY,
    ),
    "R3-08": (
        lambda row, case: row["kind"] == "变更强制措施",
        lambda row: (
            _gap(row, "submitted_at", "responded_at") > 3 * DAY
            or (row["result"] == "不同意" and not row["written_reason"])
        ),
    ),
    "R3-12": (
        lambda row, case: row["written_opinion_received"],
        lambda row: not row["attached_to_file"],
    ),
    "R4-01": (
        lambda row, case: row["kind"] in ("拘留", "逮捕"),
        lambda row: _gap(row, "executed_at", "family_notified_at") > DAY,
    ),
    "R4-11": (
        lambda row, case: row["found_unrelated_at"] is not None,
        lambda row: _gap(row, "found_unrelated_at", "released_at") > 3 * DAY,
    ),
    "R4-12": (
        lambda row, case: True,
        lambda row: _gap(row, "seized_at", "handed_to_custody_at") > 3 * DAY,
    ),
    "R4-14": (
        lambda row, case: True,
        lambda row: not row["list_signed_by_holder"],
    ),
}


@pytest.fixture(scope="module")
def world():
    return DemoWorld()


@pytest.fixture(scope="module")
def sample(world):
    """5,000 cases, plus 3,000 self-investigation cases so that RSDL rows are not rare."""
    generator = EventGenerator(world)
    cases = list(world.cases(5000))
    extra = (c for c in world.cases(150_000) if c.is_self_investigation)
    cases += list(islice(extra, 3000))
    return [(case, generator.events_for(case)) for case in cases]


def test_same_seed_same_events_in_any_order(world):
    cases = list(world.cases(400))
    one = [EventGenerator(world, seed=5).events_for(c) for c in cases]
    two = [EventGenerator(world, seed=5).events_for(c) for c in reversed(cases)][::-1]
    other = [EventGenerator(world, seed=6).events_for(c) for c in cases]
    assert one == two
    assert one != other


def test_every_kind_has_rows_and_every_row_its_columns(sample):
    counts = Counter()
    for _case, events in sample:
        assert set(events.rows) == set(KINDS)
        for kind, rows in events.rows.items():
            counts[kind] += len(rows)
            assert [row["seq"] for row in rows] == list(range(1, len(rows) + 1))
            assert all(not key.startswith("_") for row in rows for key in row)
    assert all(counts[kind] > 50 for kind in KINDS), counts


def test_suspects_and_lawyers_as_in_2015_practice(sample):
    cases = sample[:5000]
    for case, events in cases:
        suspects = events.rows["suspects"]
        if case.line in ("zhenjian", "gongsu", "weijian") or (
            case.is_self_investigation and case.close_type != "不立案"
        ):
            assert 1 <= len(suspects) <= 3, case
        else:
            assert suspects == [], case
    gongsu = [e for c, e in cases if c.line == "gongsu" and c.category != "二审上诉、抗诉"]
    fantan = [e for c, e in sample if c.line == "fantan" and c.close_type != "不立案"]
    with_lawyer = sum(bool(e.rows["lawyer_requests"]) for e in gongsu) / len(gongsu)
    assert 0.3 <= with_lawyer <= 0.45
    assert sum(bool(e.rows["lawyer_requests"]) for e in fantan) / len(fantan) > 0.6
    seized = sum(bool(e.rows["properties"]) for e in fantan) / len(fantan)
    assert seized > 0.6
    complaints = sum(bool(e.rows["complaints"]) for _c, e in cases) / len(cases)
    assert 0.01 <= complaints <= 0.03


def test_custody_follows_the_law(sample):
    for case, events in sample:
        by_suspect = {}
        for measure in events.rows["measures"]:
            if case.is_self_investigation:
                assert measure["executed_at"].date() >= events.case_fields["filing_date"]
            by_suspect.setdefault(measure["suspect_seq"], []).append(measure)
        for row in events.rows["interrogations"]:
            held = [
                m
                for m in by_suspect.get(row["suspect_seq"], [])
                if m["kind"] in ("拘留", "逮捕")
                and m["executed_at"] <= row["start_at"]
                and (m["ended_at"] is None or row["start_at"] < m["ended_at"])
            ]
            if held:
                assert row["location_type"] == "看守所", (case, row)
        if not case.is_self_investigation:
            continue
        for measures in by_suspect.values():
            for detention in (m for m in measures if m["kind"] == "拘留"):
                assert detention["ended_at"] - detention["executed_at"] <= 14 * DAY
            for rsdl in (m for m in measures if m["kind"] == "指定居所监视居住"):
                assert rsdl["approved_by_upper"] == events.case_fields["is_major_bribery"]
                assert rsdl["ended_at"] - rsdl["executed_at"] <= 180 * DAY
            starts = [
                row["start_at"]
                for row in events.rows["interrogations"]
                if row["suspect_seq"] == measures[0]["suspect_seq"]
            ]
            for m in measures:
                if m["kind"] in ("拘留", "逮捕"):
                    assert m["kind"] == "拘留" or m["approved_by_upper"]
                    # Interrogated within 24 hours of being taken into custody (R4-02).
                    assert any(m["executed_at"] < t <= m["executed_at"] + DAY for t in starts)
        for suspect in events.rows["suspects"]:
            held = by_suspect.get(suspect["seq"], [])
            rsdl = any(m["kind"] == "指定居所监视居住" for m in held)
            if rsdl and not events.case_fields["is_major_bribery"]:
                assert not suspect["has_fixed_residence"]


def test_outcomes_have_their_documents(sample):
    expected = {
        "起诉": "起诉书",
        "批准逮捕": "批准逮捕决定书",
        "不起诉": "不起诉决定书",
        "侦查终结移送起诉": "起诉意见书",
    }
    for case, events in sample:
        if case.close_type in expected:
            docs = {(d["doc_type"], d["sign_date"]) for d in events.rows["documents"]}
            assert (expected[case.close_type], case.close_date) in docs, case


def test_times_are_consistent_with_the_case(sample):
    for case, events in sample:
        rows, first = events.rows, case.accept_date
        last = case.close_date or LAST_DAY
        for kind in KINDS:
            for row in rows[kind]:
                for value in row.values():
                    if isinstance(value, datetime):
                        assert value < CUTOFF, (case, kind, row)
        interrogations = {row["seq"]: row for row in rows["interrogations"]}
        for row in interrogations.values():
            assert first <= row["start_at"].date() <= last, (case, row)
            assert row["start_at"] < row["end_at"]
            if row["av_recorded"]:
                assert row["start_at"] - timedelta(minutes=5) <= row["av_start_at"]
                assert row["av_start_at"] < row["av_end_at"] <= row["end_at"] + timedelta(minutes=5)
            else:
                assert row["av_start_at"] is None and row["av_end_at"] is None
        for row in rows["av_interruptions"]:
            parent = interrogations[row["interrogation_seq"]]
            assert parent["av_recorded"]
            assert parent["start_at"] < row["start_at"] < row["end_at"] < parent["end_at"]
        for row in rows["measures"]:
            assert row["decided_at"] <= row["executed_at"]
            assert row["ended_at"] is None or row["executed_at"] < row["ended_at"]
        for row in rows["lawyer_requests"]:
            assert first <= row["submitted_at"].date() and row["submitted_at"] < row["responded_at"]
        for row in rows["opinions"]:
            assert first <= row["heard_at"].date() <= last
        for row in rows["properties"]:
            assert first <= row["seized_at"].date() <= last
            for later in ("handed_to_custody_at", "released_at", "disposed_at"):
                assert row[later] is None or row[later] > row["seized_at"]
        for row in rows["documents"]:
            assert first <= row["sign_date"] <= row["generated_at"].date()
            assert row["served_at"] is None or row["served_at"] > row["generated_at"]
            assert DOC_NO.match(row["doc_no"]), row["doc_no"]
        for row in rows["complaints"]:
            assert first <= row["received_at"].date()
            assert row["received_at"] < row["procedural_reply_at"]


def test_configured_shares_are_realistic():
    assert set(VIOLATION_SHARES) == set(RULE_KINDS) == set(RULES)
    low, high = SHARE_RANGE
    assert all(low <= share <= high for share in VIOLATION_SHARES.values())


def test_each_rule_is_broken_at_about_its_share(sample):
    seen, broken = Counter(), Counter()
    for case, events in sample:
        flagged = {(v.rule, v.seq) for v in events.violations}
        for rule, (applies, _breaks) in RULES.items():
            for row in events.rows[RULE_KINDS[rule]]:
                if applies(row, case):
                    seen[rule] += 1
                    broken[rule] += (rule, row["seq"]) in flagged
    for rule, share in VIOLATION_SHARES.items():
        n, k = seen[rule], broken[rule]
        spread = 4 * math.sqrt(share * (1 - share) / n)
        assert n >= 100, (rule, n)
        assert k >= 1 and abs(k / n - share) <= spread, (rule, k, n, share)


def test_flagged_rows_break_the_rule_and_the_others_comply(sample):
    for case, events in sample:
        flagged = {(v.rule, v.seq) for v in events.violations}
        for rule, (applies, breaks) in RULES.items():
            for row in events.rows[RULE_KINDS[rule]]:
                if (rule, row["seq"]) in flagged:
                    assert applies(row, case) and breaks(row), (rule, case, row)
                elif applies(row, case):
                    assert not breaks(row), (rule, case, row)


def test_without_shares_nothing_is_broken(world):
    generator = EventGenerator(world, shares=dict.fromkeys(VIOLATION_SHARES, 0.0))
    for case in world.cases(1500):
        events = generator.events_for(case)
        assert events.violations == []
        for rule, (applies, breaks) in RULES.items():
            rows = events.rows[RULE_KINDS[rule]]
            assert not any(applies(row, case) and breaks(row) for row in rows), rule


def test_unknown_rules_and_bad_shares_are_refused(world):
    with pytest.raises(ValueError, match="unknown rule"):
        EventGenerator(world, shares={"R9-99": 0.1})
    with pytest.raises(ValueError, match="between 0 and 1"):
        EventGenerator(world, shares={"R2-04": 1.5})
