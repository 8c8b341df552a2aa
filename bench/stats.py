"""Benchmark: the 领导驾驶舱 and the 总结报告 at a million cases' proportions (not a test).

    .venv/bin/python bench/stats.py [--database-url postgres://…/guifan_bench_stats]
                                    [--cases 1000000] [--demo-cases 3000] [--runs 7]

Builds a fresh database (dropped and created again) with the demo at ``--demo-cases`` cases,
then multiplies what the statistics read — 整改 items, evaluated cases with their tasks and
forms — by ``--cases / --demo-cases``, so the campaign has what a million-case city would
have in the demo's proportions. Times, on 2016-03-25: the 领导驾驶舱 page through the full
view (session, scoping, all statistics, template), warm (a reload within the minute the page
reuses its figures) and cold (the cache emptied before each request: every statistic
computed); the statistics alone; the same
figures computed by the naive per-unit loop of ORM counts (the baseline, checked to give the
same numbers); and the 总结报告 .docx with its charts.
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
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/guifan_bench_stats"
    )
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--demo-cases", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="measure the database built before")
    args = parser.parse_args()
    if not args.reuse:
        _fresh_database(args.database_url)
    os.environ.update(
        DATABASE_URL=args.database_url,
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="guifan.settings",
        GUIFAN_TODAY="2016-03-25",
        GUIFAN_DATA_DIR=os.environ.get("GUIFAN_DATA_DIR", "/tmp/guifan-bench/stats"),
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    if not args.reuse:
        _build(args.cases, args.demo_cases)
    _measure(args.runs)


def _build(cases: int, demo_cases: int) -> None:
    from django.core.management import call_command

    from guifan.demo.services import demo_load

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    demo_load(cases=demo_cases)
    print(f"demo with {demo_cases:,} cases loaded in {time.perf_counter() - started:.0f} s")
    from bench._stats_scale import scale_up

    factor = max(1, round(cases / demo_cases))
    started = time.perf_counter()
    counts = scale_up(factor)
    print(f"scaled ×{factor} in {time.perf_counter() - started:.0f} s: {counts}")
    _analyze()


def _fresh_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _measure(runs: int) -> None:
    from django.test import Client

    from bench._stats_naive import naive_figures
    from guifan.accounts.models import User
    from guifan.campaigns.models import Campaign
    from guifan.reports.documents import summary_docx
    from guifan.reports.findings import findings_by_rule
    from guifan.reports.grades import evaluation_results
    from guifan.reports.lookback import lookback_answers
    from guifan.reports.selectors import problem_counts, progress_by_unit, rectification_by_unit
    from guifan.reports.trends import campaign_statistics

    campaign = Campaign.objects.get()
    office = User.objects.get(username="office")
    client = Client()
    client.force_login(office)
    url = f"/reports/campaigns/{campaign.pk}/"
    same = {"campaign": campaign, "user": office}

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def cold_page():
        from django.core.cache import cache

        cache.clear()  # the figures of the last minute are gone: every statistic is computed
        page()

    def ours():  # the four statistics the baseline computes too
        return [
            progress_by_unit(**same).rows,
            rectification_by_unit(**same).rows,
            problem_counts(**same)[0].rows,
            evaluation_results(**same)[1].rows,
        ]

    assert naive_figures(campaign, office) == ours(), "the baseline must count the same figures"
    first = _time(page)
    measured = [
        ("领导驾驶舱 page, full view, warm", _median(page, runs)),
        ("领导驾驶舱 page, full view, cold (no cache)", _median(cold_page, max(3, runs // 2))),
        ("all statistics of the page (selectors only)", _median(
            lambda: campaign_statistics(**same), runs)),
        ("progress, 整改, problems, results: ours", _median(ours, runs)),
        ("回头看 answers (JSON keys) and check findings by rule", _median(
            lambda: (lookback_answers(**same), findings_by_rule(**same)), runs)),
        ("same four: naive per-unit loop of ORM counts", _median(
            lambda: naive_figures(campaign, office), max(1, runs // 2))),
        ("总结报告 .docx with its charts", _median(lambda: summary_docx(**same), 3)),
    ]  # fmt: skip
    print(f"\nload average while measuring: {os.getloadavg()[0]:.1f} (2 cores)")
    print(f"first view of the 领导驾驶舱 page in this process: {first:.0f} ms")
    print(f"{'what':<50}{'median ms':>11}")
    for name, median in measured:
        print(f"{name:<50}{median:>11.1f}")
    print(f"\nbaseline ÷ ours (the four statistics): {measured[5][1] / measured[3][1]:.1f}×")


def _median(fn, runs: int) -> float:
    fn()  # warm
    return statistics.median(_time(fn) for _ in range(runs))


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
