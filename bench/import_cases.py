"""Benchmark: importing a million case rows (not a test; prints figures and ratios).

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/import_cases.py [--rows 1000000] [--dje-rows 50000] [--skip-pg]
                                           [--skip-dje] [--pg-prefix guifan_bench]

Measured in one run, each step in a fresh process, each load into a fresh database:
  ours/SQLite       guifan's importer, row path (indexes maintained as rows go in)
  ours/SQLite x2    the same file again: every row unchanged (the idempotent path)
  bulk/SQLite       guifan's importer on its big-load path (secondary indexes rebuilt after)
  executemany       plain sqlite3 executemany of the same rows into the same table with the
                    same indexes, nothing checked (the same-schema limit on SQLite)
  dje/SQLite        django-import-export importing the first --dje-rows rows of the same file
  ours/PG, bulk/PG  the same two paths of guifan's importer on PostgreSQL
  COPY idx/PG       typed COPY of the anchor's rows into the same indexed table (the
                    same-schema limit on PostgreSQL)
  COPY text/PG      raw COPY of the file into an unindexed table of text columns (ceiling)
Ratios are of CPU seconds (user + system of the process, plus the PostgreSQL backend's):
the machine is shared, and wall-clock time there is mostly waiting for a core.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TARGETS = {"share_of_limit": 0.8, "vs_dje": 20, "peak_mib": 1024}


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"step failed: {' '.join(args)}\n{done.stderr[-3000:]}")
    return done.stdout


def child(step: str, csv: Path, env: dict[str, str], *extra: str) -> dict:
    result = json.loads(
        run([PYTHON, "bench/_child.py", step, str(csv), *extra], env).strip().splitlines()[-1]
    )
    result["rows_per_s"] = result["rows"] / result["seconds"]
    return result


ORG_OF_WORLD = (
    "import sys, django; django.setup(); "
    "from django.core.management import call_command; call_command('migrate', verbosity=0); "
    "from guifan.demo.generator import DemoWorld; from guifan.demo.services import _load_org; "
    "_load_org(DemoWorld(cases=int(sys.argv[1])))"
)


def fresh_sqlite(workdir: Path, name: str, rows: int) -> dict[str, str]:
    """A fresh database holding the organisation of the world the file was exported from
    (its people grow with the number of cases: a smaller world lacks the file's handlers)."""
    data = workdir / name
    subprocess.run(["rm", "-rf", str(data)], check=True)
    env = {**os.environ, "GUIFAN_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "guifan.settings"}
    env.pop("DATABASE_URL", None)
    run([PYTHON, "-c", ORG_OF_WORLD, str(rows)], env)
    return env


def fresh_pg(
    workdir: Path, server: str, name: str, rows: int, demo: bool = False
) -> dict[str, str]:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    env = {
        **os.environ,
        "GUIFAN_DATA_DIR": str(workdir / name),
        "DATABASE_URL": f"{server}/{name}",
        "BENCH_PG_DSN": f"{server}/{name}",
        "DJANGO_SETTINGS_MODULE": "guifan.settings",
    }
    run([PYTHON, "-c", ORG_OF_WORLD, str(rows)], env)
    if demo:  # the demo's accounts and campaign on that organisation, for bench/ledger.py
        run([PYTHON, "-m", "guifan.cli", "demo", "--no-serve", "--cases", "0"], env)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dje-rows", type=int, default=50_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/guifan-bench"))
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pg-prefix", default="guifan_bench", help="names of the databases")
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--skip-dje", action="store_true")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    files = args.workdir / f"files-{args.rows}"
    csv = files / "cases.csv"
    if not csv.exists():
        started = time.perf_counter()
        run(
            [
                PYTHON,
                "-m",
                "guifan.cli",
                "demo",
                "export-files",
                str(files),
                "--cases",
                str(args.rows),
                "--formats",
                "csv",
                "--kinds",
                "cases",
            ],
            dict(os.environ),
        )
        print(f"generated {csv} ({args.rows:,} rows) in {time.perf_counter() - started:.0f} s")

    results: dict[str, dict] = {}
    print(f"load average before: {load()}")
    env = fresh_sqlite(args.workdir, "sqlite-ours", args.rows)
    results["ours/SQLite"] = child("ours", csv, env)
    results["ours/SQLite x2"] = child("ours", csv, env)
    results["bulk/SQLite"] = child(
        "ours_bulk", csv, fresh_sqlite(args.workdir, "sqlite-bulk", args.rows)
    )
    anchor_env = fresh_sqlite(args.workdir, "sqlite-anchor", args.rows)
    results["executemany"] = child("executemany", csv, anchor_env)
    if not args.skip_dje:
        dje_env = fresh_sqlite(args.workdir, "sqlite-dje", args.rows)
        results["dje/SQLite"] = child("dje", csv, dje_env, str(args.dje_rows))
    if not args.skip_pg:
        prefix = args.pg_prefix
        pg = fresh_pg(args.workdir, args.pg, prefix, args.rows, demo=True)
        results["ours/PG"] = child("ours", csv, pg)
        bulk_pg = fresh_pg(args.workdir, args.pg, f"{prefix}_bulk", args.rows)
        results["bulk/PG"] = child("ours_bulk", csv, bulk_pg)
        anchor_pg = fresh_pg(args.workdir, args.pg, f"{prefix}_anchor", args.rows)
        results["COPY idx/PG"] = child("copy_indexed", csv, anchor_pg)
        results["COPY text/PG"] = child("copy", csv, anchor_pg)
    print(f"load average after: {load()}")
    report(results, args)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def share(results: dict[str, dict], ours: str, anchor: str) -> str:
    mine, limit = results[ours], results[anchor]
    return (
        f"{ours} vs {anchor}: {limit['cpu'] / mine['cpu']:.0%} of the limit by CPU seconds "
        f"({mine['cpu']:.2f} vs {limit['cpu']:.2f}), {mine['rows_per_s'] / limit['rows_per_s']:.0%}"
        " by wall clock"
    )


def report(results: dict[str, dict], args) -> None:
    print(f"\n{'step':<16}{'rows':>12}{'seconds':>10}{'CPU s':>9}{'rows/s':>12}{'peak MiB':>10}")
    for name, r in results.items():
        print(
            f"{name:<16}{r['rows']:>12,}{r['seconds']:>10.1f}{r['cpu']:>9.2f}"
            f"{r['rows_per_s']:>12,.0f}{r['peak_mib']:>10.0f}"
        )
    target = f"(target >= {TARGETS['share_of_limit']:.0%}; the bulk path > 100%)"
    print()
    for mine in ("ours/SQLite", "bulk/SQLite"):
        print(share(results, mine, "executemany"), target)
    for mine in ("ours/PG", "bulk/PG"):
        if mine in results:
            print(share(results, mine, "COPY idx/PG"), target)
    ours = results["ours/SQLite"]
    if "dje/SQLite" in results:
        vs_dje = ours["rows_per_s"] / results["dje/SQLite"]["rows_per_s"]
        print(
            f"ours/SQLite vs django-import-export (first {args.dje_rows:,} rows): {vs_dje:.1f}x "
            f"(target >= {TARGETS['vs_dje']}x)"
        )
    peaks = ", ".join(
        f"{n} {r['peak_mib']:.0f}" for n, r in results.items() if "ours" in n or "bulk" in n
    )
    print(f"peak MiB: {peaks} (target <= {TARGETS['peak_mib']})")


if __name__ == "__main__":
    main()
