"""tools/guifan_draw_verify.py, the standard-library verifier, run as a separate program.

The tool shares no code with guifan.draws.protocol; here the protocol module only builds the
bundles it is asked to check. No database is needed.
"""

import hashlib
import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guifan.draws import protocol as p
from guifan.draws import verification
from guifan.draws.tests.test_protocol import KAT, KAT_FRAME, KAT_SECRETS, frames

TOOL = Path(__file__).resolve().parents[3] / "tools" / "guifan_draw_verify.py"


def run_tool(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    # -I -S: isolated, without site-packages, so the tool can only use the standard library;
    # -X utf8: UTF-8 on its standard streams whatever the locale.
    return subprocess.run(
        [sys.executable, "-I", "-S", "-X", "utf8", str(TOOL), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def kat_bundle(*, ratio="0.30", count=None, public_value=""):
    """draw.json, frame.tsv and result.tsv of the known-answer vector, built by protocol.py."""
    seed = p.seed(KAT_SECRETS, public_value)
    result = p.select(KAT_FRAME, seed_hex=seed, rule_code="recheck", ratio=ratio, count=count)
    frame_text, result_text = p.canonical_text(KAT_FRAME), p.canonical_text(result)
    parties = ["专项整治办：张三", "纪检监察：李四"]
    record = {
        "algorithm": p.ALGORITHM,
        "rule_code": "recheck",
        "filter": "2015 年办结案件，按承办单位分层",
        "ratio": ratio,
        "count": count,
        "frame_size": len(KAT_FRAME),
        "frame_hash": p.sha256_hex(frame_text),
        "commitments": [
            {"party": party, "commitment": p.commitment(secret)}
            for party, secret in zip(parties, KAT_SECRETS, strict=True)
        ],
        "reveals": [
            {"party": party, "secret": secret}
            for party, secret in zip(parties, KAT_SECRETS, strict=True)
        ],
        "public_value": public_value,
        "seed": seed,
        "selected_count": len(result),
        "result_hash": p.sha256_hex(result_text),
        "events": [
            {"at": "2016-03-14T01:30:00.000000Z", "who": "张三（0001）", "what": "冻结抽样框"}
        ],
    }
    return record, frame_text, result_text


def write_bundle(path: Path, record: dict, frame: str, result: str, manual: str | None = None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("draw.json", json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        bundle.writestr("frame.tsv", frame)
        bundle.writestr("result.tsv", result)
        if manual is not None:
            bundle.writestr("manual.tsv", manual)
    return str(path)


def test_the_known_answer_vector_verifies(tmp_path):
    record, frame, result = kat_bundle()
    # The bundle carries exactly the published known answers.
    assert record["frame_hash"] == KAT["frame_hash"]
    assert [c["commitment"] for c in record["commitments"]] == KAT["commitments"]
    assert record["seed"] == KAT["seed"]
    assert p.parse_text(result) == KAT["result"]
    assert record["result_hash"] == KAT["result_hash"]
    assert verification.verify(record, frame, result).selected_count == 5

    done = run_tool("verify", write_bundle(tmp_path / "kat.zip", record, frame, result))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("OK")
    assert "15" in done.stdout and KAT["seed"] in done.stdout


def test_a_tampered_frame_is_named_by_its_hash(tmp_path):
    record, frame, result = kat_bundle()
    tampered = frame.replace("江北检侦监受〔2015〕0005号", "江北检侦监受〔2015〕0099号")
    assert tampered != frame
    done = run_tool("verify", write_bundle(tmp_path / "b.zip", record, tampered, result))
    assert done.returncode == 1
    assert "MISMATCH" in done.stdout and "frame_hash" in done.stdout


def test_a_wrong_reveal_is_refused(tmp_path):
    record, frame, result = kat_bundle()
    record["reveals"][1]["secret"] = "纪检组-hunan-5521"
    done = run_tool("verify", write_bundle(tmp_path / "b.zip", record, frame, result))
    assert done.returncode == 1
    assert "reveal" in done.stdout and "纪检监察：李四" in done.stdout


def test_a_hand_edited_result_is_refused_even_with_its_hash_updated(tmp_path):
    record, frame, result = kat_bundle()
    lines = result.splitlines(keepends=True)
    assert lines[-1] == "980103\t江北检侦监受〔2015〕0003号\n"
    picked = "".join(sorted([*lines[:-1], "980103\t江北检侦监受〔2015〕0005号\n"]))
    record["result_hash"] = p.sha256_hex(picked)
    done = run_tool("verify", write_bundle(tmp_path / "b.zip", record, frame, picked))
    assert done.returncode == 1
    assert "MISMATCH: result:" in done.stdout
    assert "0003号" in done.stdout and "0005号" in done.stdout


def test_commit_and_seed_match_the_protocol():
    for secret, expected in zip(KAT_SECRETS, KAT["commitments"], strict=True):
        done = run_tool("commit", secret)
        assert done.returncode == 0
        assert done.stdout.strip() == p.commitment(secret) == expected
    from_stdin = run_tool("commit", "-", stdin=KAT_SECRETS[0] + "\n")
    assert from_stdin.stdout.strip() == KAT["commitments"][0]
    seed = run_tool("seed", *KAT_SECRETS)
    assert seed.stdout.strip() == KAT["seed"]
    with_public = run_tool("seed", *KAT_SECRETS, "--public", "0 4 7")
    assert with_public.stdout.strip() == p.seed(KAT_SECRETS, "0 4 7")
    assert run_tool("seed", KAT_SECRETS[0]).returncode == 2  # two-person rule


def test_manual_picks_stay_out_of_the_random_result(tmp_path):
    record, frame, result = kat_bundle()
    outsider = "gongsu\t12345\t库内公诉条线人员不足\n"
    good = run_tool("verify", write_bundle(tmp_path / "a.zip", record, frame, result, outsider))
    assert good.returncode == 0, good.stdout
    drawn = "980102\t临江检公诉受〔2015〕0004号\t再选一次\n"
    done = run_tool("verify", write_bundle(tmp_path / "b.zip", record, frame, result, drawn))
    assert done.returncode == 1
    assert "manual" in done.stdout and "临江检公诉受〔2015〕0004号" in done.stdout
    malformed = "gongsu\t12345\n"
    bad = run_tool("verify", write_bundle(tmp_path / "c.zip", record, frame, result, malformed))
    assert bad.returncode == 1 and "manual" in bad.stdout


def test_a_file_that_is_not_a_zip_cannot_be_read(tmp_path):
    not_zip = tmp_path / "draw.zip"
    not_zip.write_text("这不是压缩包", encoding="utf-8")
    done = run_tool("verify", str(not_zip))
    assert done.returncode == 2
    assert "UNREADABLE" in done.stderr
    assert run_tool("verify", str(tmp_path / "missing.zip")).returncode == 2


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda r: r.update(extra=1), "record_keys"),
        (lambda r: r.update(algorithm="guifan-draw-v2"), "algorithm"),
        (lambda r: r.update(frame_size=16), "frame_size"),
        (lambda r: r.update(reveals=r["reveals"][::-1]), "parties"),
        (lambda r: r.update(public_value="12345"), "seed"),
        (lambda r: r.update(rule_code="new"), "result"),
        (lambda r: r.update(ratio="0.3O"), "rule"),
        (lambda r: r.update(result_hash="0" * 64), "result_hash"),
        (lambda r: r.update(selected_count=4), "selected_count"),
        (lambda r: r.update(count=3), "rule"),  # a ratio and a count
    ],
)
def test_every_recorded_value_is_rechecked(tmp_path, change, named):
    record, frame, result = kat_bundle()
    change(record)
    done = run_tool("verify", write_bundle(tmp_path / "b.zip", record, frame, result))
    assert done.returncode == 1
    assert f"MISMATCH: {named}:" in done.stdout


@pytest.mark.parametrize(
    "frame",
    [
        "980102\t1\n980102\t1\n",  # the same line twice
        "980102\t1\n980103\t1\n",  # one id in two strata
        "980103\t1\n980102\t2\n",  # strata out of order
        "980102\t2\n980102\t10\n",  # ids out of order (code points: "10" < "2")
        "980102\t1\t2\n",  # two tabs
        "980102\t1\r\n",
        "980102\t\n",
        "\t1\n",
        "980102\t1",  # no newline at the end
    ],
)
def test_only_a_canonical_frame_is_accepted(tmp_path, frame):
    record, _, result = kat_bundle()
    record["frame_hash"] = p.sha256_hex(frame)  # the hash matches: the text itself is wrong
    done = run_tool("verify", write_bundle(tmp_path / "b.zip", record, frame, result))
    assert done.returncode == 1
    assert "MISMATCH: frame:" in done.stdout


def test_a_count_rule_and_a_public_value_verify(tmp_path):
    record, frame, result = kat_bundle(ratio=None, count=3, public_value="0 4 7")
    assert record["selected_count"] == 6
    done = run_tool("verify", write_bundle(tmp_path / "b.zip", record, frame, result))
    assert done.returncode == 0, done.stdout


def load_tool():
    spec = importlib.util.spec_from_file_location("guifan_draw_verify", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL_MODULE = load_tool()


@settings(max_examples=80, deadline=None)
@given(
    frame=frames,
    amount=st.sampled_from(
        [("0.30", None), ("0.5", None), ("1", None), ("0.01", None), (None, 1), (None, 3)]
    ),
    rule_code=st.sampled_from(["recheck", "new", "key"]),
)
def test_the_two_implementations_agree(frame, amount, rule_code):
    """Differential check, in process: the tool's parser and selection against protocol.py."""
    ratio, count = amount
    seed = hashlib.sha256(repr(frame).encode()).hexdigest()
    text = p.canonical_text(frame).encode()
    strata = TOOL_MODULE.parse_frame(text)
    assert [(s.decode(), i.decode()) for s, ids in strata for i in ids] == p.parse_text(
        text.decode()
    )
    assert TOOL_MODULE.first_repeated_id(strata) is None
    prefix = f"{seed}\n{rule_code}\n".encode()
    rule = TOOL_MODULE.parse_rule(ratio, count)
    expected = p.select(frame, seed_hex=seed, rule_code=rule_code, ratio=ratio, count=count)
    assert TOOL_MODULE.select(strata, prefix, *rule) == p.canonical_text(expected).encode()


def test_the_protocol_document_prints_the_known_answer_vector():
    doc = (TOOL.parents[1] / "docs" / "draw-protocol.md").read_text(encoding="utf-8")
    zh, en = doc.split("\n## English\n")
    for part in (zh, en):
        assert p.canonical_text(KAT_FRAME) in part  # with real tabs, in code-point order
        assert p.canonical_text(KAT["result"]) in part
        for value in [*KAT_SECRETS, *KAT["commitments"], KAT["frame_hash"], KAT["seed"]]:
            assert value in part
        assert KAT["result_hash"] in part
        assert "python3 tools/guifan_draw_verify.py verify OUT.zip" in part
        assert "guifan draw verify OUT.zip" in part
