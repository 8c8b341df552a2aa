"""Benchmark: the office 工作台 at a million cases (not a test; prints figures and a ratio).

Runs against an existing database with the demo's accounts, e.g. the million-case demo:

    .venv/bin/guifan demo --data-dir /tmp/demo1m --cases 1000000 --no-serve
    .venv/bin/python bench/dashboard.py --data-dir /tmp/demo1m [--runs 15]
    .venv/bin/python bench/dashboard.py --database-url postgres://…/guifan_bench

It first rebuilds the closed tallies as every import does (timed: the cost moved from each
view to each import), checks that they equal what the previous per-view query counts, then
times the whole 工作台 view (session, scoping, every panel, template) for the office and a
liaison. The same-run anchor is the same view computing the per-unit count on every view as
it used to (COUNT … GROUP BY unit over the cases closed in 2015). The slowest queries that
remain are printed, to show what still grows with the data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="GUIFAN_DATA_DIR of a SQLite installation")
    parser.add_argument("--database-url", help="a PostgreSQL database instead")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    if args.data_dir:
        os.environ["GUIFAN_DATA_DIR"] = args.data_dir
    os.environ.update(ALLOWED_HOSTS="testserver", DJANGO_SETTINGS_MODULE="guifan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from guifan.accounts.models import User
    from guifan.cases.models import Case
    from guifan.cases.tallies import closed_counts_by_unit, closed_tallies_rebuild
    from guifan.web.selectors import LOOK_BACK_YEAR

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"cases in the database: {Case.objects.count():,}")
    rebuild = _time(closed_tallies_rebuild)
    print(f"closed tallies rebuilt (what each import now does once): {rebuild:,.0f} ms")

    def previous_query(user):
        return list(
            Case.objects.visible_to(user)
            .filter(close_date__year=LOOK_BACK_YEAR)
            .values("unit__short_name", "unit__path")
            .annotate(total=Count("pk"))
            .order_by("unit__path")
        )

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guifan.web import selectors as dashboard

    print(f"\n{'工作台 of':<12}{'bars':>6}{'first ms':>10}{'median ms':>11}{'p95 ms':>8}"
          f"{'previous ms':>13}{'ratio':>8}")  # fmt: skip
    slowest = {}
    for username in ("office", "liaison"):
        user = User.objects.get(username=username)
        tallies = closed_counts_by_unit(user=user, year=LOOK_BACK_YEAR)
        counted = previous_query(user)
        assert [(r["unit__path"], r["total"]) for r in tallies] == [
            (r["unit__path"], r["total"]) for r in counted
        ], "the tallies differ from a count of the cases"
        client = Client()
        client.force_login(user)
        first = _time(lambda c=client: c.get("/"))
        views = sorted(_time(lambda c=client: c.get("/")) for _ in range(args.runs))
        # The same view as it was: the per-unit count run on every view.
        tallied = dashboard.closed_counts_by_unit
        dashboard.closed_counts_by_unit = lambda *, user, year: previous_query(user)
        try:
            before = sorted(_time(lambda c=client: c.get("/")) for _ in range(args.runs))
        finally:
            dashboard.closed_counts_by_unit = tallied
        with CaptureQueriesContext(connection) as captured:
            client.get("/")
        slowest[username] = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
        median, previous = statistics.median(views), statistics.median(before)
        p95 = views[max(int(len(views) * 0.95) - 1, 0)]
        print(f"{username:<12}{len(tallies):>6}{first:>10.0f}{median:>11.1f}{p95:>8.1f}"
              f"{previous:>13.1f}{previous / median:>7.1f}×")  # fmt: skip
    print(
        "\nmedian = the whole 工作台 view (session, scope, every panel, template); previous = "
        "the same view in the same run with the per-unit count computed on each view"
    )
    for username, queries in slowest.items():
        print(f"\nslowest queries of the {username}'s 工作台 ({len(queries)} in all):")
        for query in queries[:3]:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:150]}")


def _time(fn) -> float:
    started = time.perf_counter()
    response = fn()
    if hasattr(response, "status_code"):
        assert response.status_code == 200, response.status_code
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
