"""Benchmark: the journal with proofs at a million entries (not a test; prints figures and ratios).

    .venv/bin/python bench/journal.py [--entries 1000000] [--skip-pg]
        [--pg postgres://postgres@127.0.0.1:5432/guifan_journal]

For each database, in a fresh process against a fresh database (the PostgreSQL database named
in --pg is dropped and created again):
  append        N entries through journal.services.record_many, 1,000 per call (one
                transaction each, as an import batch journals its rows); entries/s overall and
                over the last tenth (sustained)
  verify        the baseline: `guifan journal verify`'s full-chain check (journal_verify)
  root, scratch `guifan journal root` with no stored subtree hashes: reads every entry hash,
                hashes the tree, stores the nodes of 256 entries and above
  root, +1 %    the same after appending 1 % more entries (only those are hashed)
  root, again   nothing new since the last call
  inclusion     `guifan journal proof inclusion SEQ` for random entries (median and p95, ms)
  consistency   `guifan journal proof consistency OLD NEW` for random pairs (median, p95, ms)
  checkpoints   `verify --checkpoint`'s tree part: recompute the tree from all entries in memory,
                check a consistency proof and compare the stored subtree hashes
Ratios are against the full-chain verify of the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"append_per_s": 3000, "root_scratch_s": 5.0, "proof_ms": 5.0}


def measure(entries: int, probes: int) -> dict:
    """The steps above, in this process, on the database the environment names."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from guifan.journal import tree
    from guifan.journal.checkpoints import checkpoints_verify
    from guifan.journal.selectors import journal_verify

    result = {"entries": entries}
    result.update(_append(entries))
    result["verify_s"], result["verify_cpu_s"], _ = _timed(lambda: journal_verify())
    result["root_scratch_s"], result["root_scratch_cpu_s"], root = _timed(tree.root_info)
    extra = max(entries // 100, 1)
    _append(extra)
    result["root_increment_s"] = _timed(tree.root_info)[0]
    result["root_again_s"] = _timed(tree.root_info)[0]
    size = entries + extra
    rng = random.Random(2016)
    seqs = [rng.randint(1, size) for _ in range(probes)]
    result["inclusion_ms"] = _latencies(lambda s: tree.inclusion_info(s), seqs)
    pairs = [tuple(sorted(rng.sample(range(1, size + 1), 2))) for _ in range(probes)]
    result["consistency_ms"] = _latencies(lambda p: tree.consistency_info(*p), pairs)
    checkpoint_size = root["tree_size"]
    note = _self_signed(checkpoint_size, bytes.fromhex(root["root"]))
    result["checkpoints_s"], _, report = _timed(
        lambda: checkpoints_verify([("bench", note[0])], note[1])
    )
    assert report.ok, report.as_dicts()
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _append(count: int) -> dict:
    from guifan.journal.services import record_many
    from guifan.journal.verbs import Verb

    batch, marks, started, cpu = 1000, [], time.perf_counter(), time.process_time()
    for first in range(0, count, batch):
        items = [
            (
                Verb.CASE_UPDATE,
                ("cases.case", str(n), f"江检公诉受〔2016〕{n:06d}号"),
                {"fields": ["status", "close_date"], "import_run": n // 5000},
            )
            for n in range(first, min(first + batch, count))
        ]
        record_many(actor=None, items=items)
        marks.append((min(first + batch, count), time.perf_counter()))
    total, cpu = marks[-1][1] - started, time.process_time() - cpu
    tenth = next(mark for mark in marks if mark[0] >= count * 0.9)
    last = (count - tenth[0]) / (marks[-1][1] - tenth[1]) if count > tenth[0] else count / total
    return {
        "append_s": total,
        "append_per_s": count / total,
        "append_per_cpu_s": count / cpu,
        "append_last_tenth_per_s": last,
    }


def _self_signed(size: int, root: bytes) -> tuple[str, tuple[str, bytes]]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from guifan.journal import keys, notes

    key = Ed25519PrivateKey.generate()
    name = keys.key_name()
    note = notes.sign(notes.Checkpoint(name, size, root), name, key)
    return note, (name, notes.public_bytes(key))


def _timed(work):
    """Wall-clock and CPU seconds of ``work()`` and its result: on a shared machine the wall
    clock also counts the time other people's processes held the cores."""
    started, cpu = time.perf_counter(), time.process_time()
    outcome = work()
    return time.perf_counter() - started, time.process_time() - cpu, outcome


def _latencies(work, inputs) -> dict:
    times = sorted(_timed(lambda i=i: work(i))[0] * 1000 for i in inputs)
    return {"median": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1]}


def fresh_environment(kind: str, workdir: Path, pg_url: str) -> dict[str, str]:
    data = workdir / kind
    subprocess.run(["rm", "-rf", str(data)], check=True)
    env = {**os.environ, "GUIFAN_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "guifan.settings"}
    env.pop("DATABASE_URL", None)
    if kind == "postgresql":
        import psycopg

        server, name = pg_url.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = pg_url
    return env


def report(kind: str, r: dict) -> None:
    base = r["verify_s"]
    print(f"\n{kind}: {r['entries']:,} entries (peak {r['peak_mib']:.0f} MiB)")
    rows = [
        (
            "append (record_many)",
            f"{r['append_per_s']:,.0f} entries/s ({r['append_per_cpu_s']:,.0f} per CPU s)",
            r["append_s"],
        ),
        ("  last tenth", f"{r['append_last_tenth_per_s']:,.0f} entries/s", None),
        ("full-chain verify (baseline)", f"{base:.2f} s ({r['verify_cpu_s']:.2f} s CPU)", base),
        (
            "root from scratch",
            f"{r['root_scratch_s']:.2f} s ({r['root_scratch_cpu_s']:.2f} s CPU)",
            r["root_scratch_s"],
        ),
        ("root after +1 %", f"{r['root_increment_s'] * 1000:.1f} ms", r["root_increment_s"]),
        ("root, nothing new", f"{r['root_again_s'] * 1000:.1f} ms", r["root_again_s"]),
    ]
    for name in ("inclusion", "consistency"):
        ms = r[f"{name}_ms"]
        rows.append(
            (
                f"{name} proof",
                f"median {ms['median']:.2f} ms, p95 {ms['p95']:.2f} ms",
                ms["median"] / 1000,
            )
        )
    rows.append(
        ("verify --checkpoint tree part", f"{r['checkpoints_s']:.2f} s", r["checkpoints_s"])
    )
    for name, figure, seconds in rows:
        ratio = f"{seconds / base:.5f} × verify" if seconds is not None else ""
        print(f"  {name:<32}{figure:<36}{ratio}")
    met = {
        "append ≥ 3,000/s": r["append_last_tenth_per_s"] >= TARGETS["append_per_s"],
        "root from scratch ≤ 5 s": r["root_scratch_s"] <= TARGETS["root_scratch_s"],
        "inclusion ≤ 5 ms": r["inclusion_ms"]["median"] <= TARGETS["proof_ms"],
        "consistency ≤ 5 ms": r["consistency_ms"]["median"] <= TARGETS["proof_ms"],
    }
    print("  targets: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in met.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/guifan-bench-journal"))
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/guifan_journal")
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.entries, args.probes)))
        return
    for kind in ("sqlite", *(() if args.skip_pg else ("postgresql",))):
        env = fresh_environment(kind, args.workdir, args.pg)
        argv = [sys.executable, __file__, "--child", "--entries", str(args.entries)]
        done = subprocess.run(
            [*argv, "--probes", str(args.probes)], env=env, cwd=ROOT, capture_output=True, text=True
        )
        if done.returncode:
            sys.exit(f"{kind} failed:\n{done.stderr[-3000:]}")
        report(kind, json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
