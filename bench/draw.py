"""Benchmark: drawing and verifying a 5,000,000-case frame in 3,600 strata (not a test).

    .venv/bin/python bench/draw.py [--sizes 500000,1000000,5000000] [--strata 3600]

For each size, on the same synthetic frame (database reads and writes not included):
  freeze    guifan.draws.protocol on the members in any order: group, sort and check them
            (no control characters, no id twice), canonical frame text, frame_hash
  draw      what the last reveal triggers: read the stored frame text back into strata,
            seed, a ticket per member, 30 % per stratum, result text and result_hash
  verify    tools/guifan_draw_verify.py verify BUNDLE.zip in a fresh process (reads the zip,
            checks every hash and recomputes the selection)
  in-proc   guifan's own verifier (`guifan draw verify`), in this process
  pandas    the baseline: DataFrame.groupby("stratum").sample(frac=0.3), which is neither
            reproducible from a published record nor exact (it rounds, not ceils)
Times are the best of --repeat runs.

    .venv/bin/python bench/draw.py --memory 5000000 [--listed]

measures instead the peak memory (maximum resident set) of the draw's two service steps on
that many members, each in a fresh process as on the server: "freeze" streams the members
(as draws.frames.iter_frame_members hands them from the database), groups them, builds the
canonical text, its hash and the compressed copy DrawFrame stores; "draw" reads that copy
back, draws, builds the result text and hash, and the rows of the selections (as
draws.ceremony._save_selections writes them, CHUNK at a time). --listed does what the
service did before: the members in a list, the selections as one list of pairs.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guifan.draws import protocol, verification  # noqa: E402

TOOL = ROOT / "tools" / "guifan_draw_verify.py"
SECRETS = ["专项整治办-641325362514", "纪检组-225163441256"]


def synthetic_frame(size: int, strata: int) -> list[tuple[str, str]]:
    rng = random.Random(size)
    codes = [f"{970000 + i:06d}" for i in range(strata)]
    lines = ("公诉", "侦监", "未检", "民行")
    return [
        (code := rng.choice(codes), f"{code}检{rng.choice(lines)}受〔2015〕{n:07d}号")
        for n in range(size)
    ]


def best(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def freeze(frame):
    text = protocol.canonical_text(frame)
    return text, protocol.sha256_hex(text)


def draw(frame_text):
    strata = protocol.parse_strata(frame_text, checked=True)
    seed = protocol.seed(SECRETS, "")
    chosen = protocol.select_strata(
        strata, seed_hex=seed, rule_code="new", ratio="0.30", count=None
    )
    result = protocol.canonical_text(chosen)
    return (
        result,
        protocol.members_of(chosen),
        {"seed": seed, "result_hash": protocol.sha256_hex(result)},
    )


def write_bundle(path: Path, frame_text: str, result_text: str, chosen, record) -> None:
    full = {
        "algorithm": protocol.ALGORITHM,
        "rule_code": "new",
        "filter": "synthetic",
        "ratio": "0.30",
        "count": None,
        "frame_size": frame_text.count("\n"),
        "frame_hash": record["frame_hash"],
        "commitments": [
            {"party": f"p{i}", "commitment": protocol.commitment(s)} for i, s in enumerate(SECRETS)
        ],
        "reveals": [{"party": f"p{i}", "secret": s} for i, s in enumerate(SECRETS)],
        "public_value": "",
        "seed": record["seed"],
        "selected_count": len(chosen),
        "result_hash": record["result_hash"],
        "events": [],
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bundle:
        bundle.writestr("draw.json", json.dumps(full, ensure_ascii=False))
        bundle.writestr("frame.tsv", frame_text)
        bundle.writestr("result.tsv", result_text)


def members(size: int, strata: int):
    """synthetic_frame() one member at a time."""
    rng = random.Random(size)
    codes = [f"{970000 + i:06d}" for i in range(strata)]
    lines = ("公诉", "侦监", "未检", "民行")
    for n in range(size):
        code = rng.choice(codes)
        yield code, f"{code}检{rng.choice(lines)}受〔2015〕{n:07d}号"


def memory_step(step: str, size: int, strata: int, listed: bool, path: Path) -> None:
    import resource
    import zlib
    from itertools import islice

    started = time.process_time()
    if step == "freeze":
        frame = members(size, strata)
        strata_of = protocol.group(list(frame) if listed else frame)
        text = protocol.canonical_text(strata_of)
        protocol.sha256_hex(text)
        protocol.strata_sizes(strata_of)
        path.write_bytes(zlib.compress(text.encode("utf-8"), 6))
    else:
        text = zlib.decompress(path.read_bytes()).decode("utf-8")
        frame = protocol.parse_strata(text, checked=True)
        chosen = protocol.select_strata(
            frame, seed_hex=protocol.seed(SECRETS, ""), rule_code="new", ratio="0.30", count=None
        )
        protocol.sha256_hex(protocol.canonical_text(chosen))
        if listed:
            picked = protocol.members_of(chosen)
            rows = (picked[i : i + 2000] for i in range(0, len(picked), 2000))
        else:
            picked = ((s, i) for s, ids in chosen.items() for i in ids)
            rows = iter(lambda: list(islice(picked, 2000)), [])
        for chunk in rows:
            [{"draw_id": 1, "stratum": s, "member_id": i, "case_id": None} for s, i in chunk]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"step": step, "peak_mib": round(peak), "cpu": time.process_time() - started}))


def memory(size: int, strata: int, listed: bool) -> None:
    import os

    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        frozen = Path(tmp) / "frame.z"
        for step in ("freeze", "draw"):
            extra = ["--listed"] if listed else []
            command = [sys.executable, __file__, "--step", step, "--memory", str(size)]
            command += ["--strata", str(strata), "--frozen", str(frozen), *extra]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{step:>6} {size:>10,} members: peak {result['peak_mib']:,} MiB, "
                f"CPU {result['cpu']:.1f} s"
            )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory", type=int, help="peak memory of freeze and draw at this size")
    parser.add_argument("--listed", action="store_true", help="as the service did before")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--frozen", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="500000,1000000,5000000")
    parser.add_argument("--strata", type=int, default=3600)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if args.step:
        return memory_step(args.step, args.memory, args.strata, args.listed, args.frozen)
    if args.memory:
        return memory(args.memory, args.strata, args.listed)
    import pandas as pd

    print(f"{'members':>10} {'freeze s':>8} {'draw s':>7} {'verify s':>8} {'in-proc s':>9} "
          f"{'pandas s':>8} {'draw/pandas':>11}")  # fmt: skip
    for size in (int(s) for s in args.sizes.split(",")):
        frame = synthetic_frame(size, args.strata)
        text, frame_hash = freeze(frame)
        result, chosen, record = draw(text)
        record["frame_hash"] = frame_hash
        freeze_s = best(args.repeat, lambda frame=frame: freeze(frame))
        draw_s = best(args.repeat, lambda text=text: draw(text))
        with tempfile.TemporaryDirectory() as tmp:
            bundle = Path(tmp) / "bundle.zip"
            write_bundle(bundle, text, result, chosen, record)
            command = [sys.executable, str(TOOL), "verify", str(bundle)]

            def standalone(command=command):
                subprocess.run(command, check=True, capture_output=True)

            verify_s = best(args.repeat, standalone)
            data = bundle.read_bytes()
            inproc_s = best(
                args.repeat, lambda data=data: verification.verify_bundle(io.BytesIO(data))
            )
        df = pd.DataFrame(frame, columns=["stratum", "id"])
        pandas_s = best(
            args.repeat, lambda df=df: df.groupby("stratum").sample(frac=0.3, random_state=1)
        )
        print(
            f"{size:>10,} {freeze_s:>8.2f} {draw_s:>7.2f} {verify_s:>8.2f} {inproc_s:>9.2f} "
            f"{pandas_s:>8.2f} {draw_s / pandas_s:>10.1f}×"
        )
        del frame, text, result, chosen, df


if __name__ == "__main__":
    main()
