"""Benchmark: building the demo world, each step's time and memory (not a test).

Runs what ``guifan demo --cases N --no-serve`` runs, in a fresh database, and prints each
progress line with the seconds since the start, the process's resident memory now and its
peak so far (``VmRSS`` / ``VmHWM`` from ``/proc``), so that the step holding memory shows:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/guifan_demo5m \\
        /usr/bin/time -v .venv/bin/python bench/demo_build.py --cases 100000 --data-dir /tmp/d

The load average is printed before and after: on a shared machine the wall clock mostly
measures the other processes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def memory() -> str:
    status = Path("/proc/self/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    rss, peak = (int(fields[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM"))
    return f"rss {rss:>5} MiB, peak {peak:>5} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args()
    from guifan.demo.generator import WORLD_DATE

    os.environ["GUIFAN_TODAY"] = WORLD_DATE.isoformat()
    from guifan.core.cli import prepare_database_and_static, setup

    setup(args.data_dir, demo=True)
    from django.conf import settings

    from guifan.demo.cli import WORLD_DATE_FILE
    from guifan.demo.services import demo_load

    # As `guifan demo` does: later commands on this data folder live on the world's date.
    (settings.DATA_DIR / WORLD_DATE_FILE).write_text(WORLD_DATE.isoformat() + "\n")

    print(f"load average {os.getloadavg()[0]:.1f}; {memory()}", flush=True)
    started = time.monotonic()
    prepare_database_and_static()

    def progress(line: str) -> None:
        print(f"{time.monotonic() - started:8.1f} s  {memory()}  {line}", flush=True)

    report = demo_load(cases=args.cases, progress=progress)
    progress(f"done: {report.cases:,} cases")
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
