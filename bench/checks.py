"""Benchmark: every implemented rule over every case (not a test; prints figures and a ratio).

    .venv/bin/python bench/checks.py [--cases 20000] [--baseline 5000] [--database-url URL]
                                     [--reuse]

Builds a fresh database (SQLite in GUIFAN_DATA_DIR, or the PostgreSQL database named by
--database-url, which is emptied first) with the demo organisation and ``--cases`` demo
cases and their process events, then measures in the same process:

- the engine: ``checks_run`` end to end (count, chunked loading, judging, storing findings,
  journal entry) over every case;
- the baseline: the per-case loop a straightforward implementation would write — for each
  case, read it and each of its event tables, build the reference record and judge it —
  over the first ``--baseline`` cases, scaled to cases per second.

Both judge with the same reference rules, so they find the same breaches (checked).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _peak_mib(who=resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process (or of the largest worker it waited for)."""
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU seconds used so far by this process and the workers it waited for."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def per_case_loop(case_ids, as_of, cal) -> int:
    """The baseline: one query for the case and one per event table, case by case."""
    from django.conf import settings

    from guifan.cases.importing.specs import SPECS
    from guifan.cases.models import Case as CaseRow
    from guifan.checks import engine, reading
    from guifan.checks.reference import Case, check_case

    fields = {kind: reading.columns_read(kind) for kind in reading.KINDS}
    breaches = 0
    for case_id in case_ids:
        row = CaseRow.objects.filter(pk=case_id).values(*reading.CASE_FIELDS).get()
        rows = {
            kind: list(
                SPECS[kind]
                .model.objects.filter(case_id=case_id)
                .values(*fields[kind])
                .order_by("pk")
            )
            for kind in reading.KINDS
        }
        found = check_case(Case(row, rows, as_of, cal, settings.GUIFAN_RULE_PARAMS))
        breaches += sum(len({engine.subject_of(f) for f in facts}) for facts in found.values())
    return breaches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--baseline", type=int, default=5_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--reuse", action="store_true", help="keep a database already holding --cases cases"
    )
    args = parser.parse_args()
    data = Path(os.environ.get("GUIFAN_DATA_DIR", "/tmp/guifan-bench/checks"))
    data.mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        (data / "guifan.sqlite3").unlink(missing_ok=True)
    os.environ.update(DJANGO_SETTINGS_MODULE="guifan.settings", GUIFAN_DATA_DIR=str(data))
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from guifan.cases.models import Case
    from guifan.checks.models import Finding
    from guifan.checks.reference import RULES
    from guifan.checks.services import checks_run
    from guifan.core.clock import frozen_at
    from guifan.core.deadlines import calendar
    from guifan.demo.generator import WORLD_DATE, DemoWorld
    from guifan.demo.loading import load_cases
    from guifan.demo.services import _load_org

    call_command("migrate", verbosity=0)
    if not (args.reuse and Case.objects.count() == args.cases):
        if connection.vendor == "postgresql":
            call_command("flush", interactive=False, verbosity=0)
        world = DemoWorld(seed=2016, cases=args.cases)
        started = time.perf_counter()
        _load_org(world)
        load_cases(world, args.cases, lambda line: print(line, flush=True))
        print(f"{connection.vendor}: {Case.objects.count():,} cases loaded "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    Finding.objects.all().delete()  # a first run finds everything anew
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

    with frozen_at(datetime.combine(WORLD_DATE, datetime.min.time()).astimezone()):
        cpu = _cpu_s()
        started = time.perf_counter()
        run = checks_run(by=None)
        engine_s = time.perf_counter() - started
        engine_cpu = _cpu_s() - cpu
        engine_peak = max(_peak_mib(), _peak_mib(resource.RUSAGE_CHILDREN))
        started = time.perf_counter()
        again = checks_run(by=None)
        again_s = time.perf_counter() - started
        assert (again.findings, again.added, again.closed) == (run.findings, 0, 0)
        ids = list(Case.objects.order_by("pk").values_list("pk", flat=True)[: args.baseline])
        started = time.perf_counter()
        breaches = per_case_loop(ids, WORLD_DATE, calendar())
        loop_s = time.perf_counter() - started
    # The loop judges the per-case rules only; the set-based passes (cross-case, registers,
    # jurisdictions, 统计报表) are the engine's own.
    per_case = Finding.objects.filter(case_id__in=ids, holds=True, rule__in=RULES)
    expected = per_case.count()
    assert breaches == expected, (breaches, expected)
    engine_rate, loop_rate = run.cases_done / engine_s, len(ids) / loop_s
    print(f"rules: {len(run.rules)}, findings: {run.findings:,}")
    print(f"engine (checks_run end to end, {settings.GUIFAN_CHECKS_WORKERS} workers): "
          f"{run.cases_done:,} cases in {engine_s:.2f} s = {engine_rate:,.0f} cases/s, "
          f"peak {engine_peak:.0f} MiB")  # fmt: skip
    idle = engine_cpu / settings.GUIFAN_CHECKS_WORKERS
    print(f"engine CPU (this process and its workers): {engine_cpu:.2f} s; divided among the "
          f"workers as on an idle machine: {idle:.2f} s = {run.cases_done / idle:,.0f} cases/s, "
          f"a million in ~{1_000_000 / (run.cases_done / idle):.0f} s (SQLite works inside these "
          f"processes; PostgreSQL's server time is not counted)")  # fmt: skip
    print(f"engine again (idempotent re-run, nothing new): {again_s:.2f} s "
          f"= {run.cases_done / again_s:,.0f} cases/s")  # fmt: skip
    print(f"per-case loop (baseline): {len(ids):,} cases in {loop_s:.2f} s "
          f"= {loop_rate:,.0f} cases/s (same breaches: {breaches:,})")  # fmt: skip
    million = f"{1_000_000 / engine_rate:.0f} s (engine) vs {1_000_000 / loop_rate:.0f} s (loop)"
    print(f"ratio: {engine_rate / loop_rate:.1f}x; a million cases at this rate: {million}")
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
