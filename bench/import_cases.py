"""Benchmark: importing a million case rows (not a test; prints figures and ratios).

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/import_cases.py [--rows 1000000] [--dje-rows 50000] [--skip-pg]
                                           [--skip-dje]

Measured in one run, each step in a fresh process:
  ours/SQLite     guifan's importer into a fresh SQLite database (the demo organisation only)
  ours/SQLite x2  the same file again: every row unchanged (the idempotent path)
  executemany     plain sqlite3 executemany of the same rows into the same table with the
                  same indexes, nothing checked (the same-schema limit on SQLite)
  dje/SQLite      django-import-export importing the first --dje-rows rows of the same file
  ours/PG         guifan's importer into a fresh PostgreSQL database
  COPY/PG         raw COPY of the same file into an unindexed table of text columns (ceiling)
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
TARGETS = {
    "sqlite_rows_per_s": 100_000,
    "sqlite_share_of_executemany": 0.8,
    "pg_share_of_copy": 0.5,
    "vs_dje": 20,
    "peak_mib": 1024,
}


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


def fresh_pg(workdir: Path, server: str, name: str, rows: int) -> dict[str, str]:
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
    # The demo's accounts and campaign on that organisation, for bench/ledger.py afterwards.
    run([PYTHON, "-m", "guifan.cli", "demo", "--no-serve", "--cases", "0"], env)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dje-rows", type=int, default=50_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/guifan-bench"))
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
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
    env = fresh_sqlite(args.workdir, "sqlite-ours", args.rows)
    results["ours/SQLite"] = child("ours", csv, env)
    results["ours/SQLite x2"] = child("ours", csv, env)
    anchor_env = fresh_sqlite(args.workdir, "sqlite-anchor", args.rows)
    results["executemany"] = child("executemany", csv, anchor_env)
    if not args.skip_dje:
        dje_env = fresh_sqlite(args.workdir, "sqlite-dje", args.rows)
        results["dje/SQLite"] = child("dje", csv, dje_env, str(args.dje_rows))
    if not args.skip_pg:
        pg = fresh_pg(args.workdir, args.pg, "guifan_bench", args.rows)
        results["ours/PG"] = child("ours", csv, pg)
        results["COPY/PG"] = child("copy", csv, pg)
    report(results, args)


def report(results: dict[str, dict], args) -> None:
    print(f"\n{'step':<16}{'rows':>12}{'seconds':>10}{'rows/s':>12}{'peak MiB':>10}")
    for name, r in results.items():
        print(
            f"{name:<16}{r['rows']:>12,}{r['seconds']:>10.1f}{r['rows_per_s']:>12,.0f}"
            f"{r['peak_mib']:>10.0f}"
        )
    ours = results["ours/SQLite"]
    share = ours["rows_per_s"] / results["executemany"]["rows_per_s"]
    print(
        f"\nours/SQLite vs plain executemany into the same indexed table: {share:.0%} "
        f"(target >= {TARGETS['sqlite_share_of_executemany']:.0%})"
    )
    if "dje/SQLite" in results:
        vs_dje = ours["rows_per_s"] / results["dje/SQLite"]["rows_per_s"]
        print(
            f"ours/SQLite vs django-import-export (first {args.dje_rows:,} rows): {vs_dje:.1f}x "
            f"(target >= {TARGETS['vs_dje']}x)"
        )
    print(
        f"ours/SQLite: {ours['rows_per_s']:,.0f} rows/s (target >= "
        f"{TARGETS['sqlite_rows_per_s']:,}); peak {ours['peak_mib']:.0f} MiB "
        f"(target <= {TARGETS['peak_mib']})"
    )
    if "ours/PG" in results:
        share = results["ours/PG"]["rows_per_s"] / results["COPY/PG"]["rows_per_s"]
        print(
            f"ours/PG vs raw COPY into an unindexed table: {share:.0%} "
            f"(target >= {TARGETS['pg_share_of_copy']:.0%}); peak "
            f"{results['ours/PG']['peak_mib']:.0f} MiB"
        )


if __name__ == "__main__":
    main()
