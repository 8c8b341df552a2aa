"""Benchmark: the 案件台账 page at a million cases (not a test; prints figures and a ratio).

Run bench/import_cases.py first (it leaves a PostgreSQL database ``guifan_bench`` with the
demo organisation and 1,000,000 imported cases), then:

    .venv/bin/python bench/ledger.py [--database-url postgres://…/guifan_bench] [--runs 15]

Each filtered page is requested through the full view (session, scoping, query, template)
and timed; the baseline in the same run is the same page with an exact COUNT(*) on every
view and the rows read at their OFFSET, which is what Django's Paginator does (the ledger
caches the count and reads pages past the middle through the reversed order).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = {
    "office, no filter": ("office", {}),
    "office, 2015 + archived": ("office", {"year": 2015, "status": "archived"}),
    "office, 公诉 + supervised": ("office", {"line": "gongsu", "supervision": "any"}),
    "office, evaluated by 市院": ("office", {"evaluated": "city"}),
    "office, unit + 2015": ("office", {"unit": "UNIT", "year": 2015}),
    "office, page 200": ("office", {"page": 200}),
    "office, page 25,000": ("office", {"page": 25000}),
    "office, last page": ("office", {"page": "LAST"}),
    "office, 办结日期 newest": ("office", {"sort": "-close_date"}),
    "office, 办结日期 oldest": ("office", {"sort": "close_date"}),
    "office, 办结日期 last page": ("office", {"sort": "-close_date", "page": "LAST"}),
    "office, 部门受案号": ("office", {"sort": "case_no"}),
    "office, 受理日期 oldest": ("office", {"sort": "accept_date"}),
    "office, category 审查起诉…": ("office", {"category": "审查起诉"}),
    "office, keyword 盗窃": ("office", {"q": "盗窃"}),
    "liaison, no filter": ("liaison", {}),
    "liaison, last page": ("liaison", {"page": "LAST"}),
    "handler, no filter": ("handler", {}),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/guifan_bench")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ.update(
        DATABASE_URL=args.database_url,
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="guifan.settings",
        GUIFAN_DATA_DIR=os.environ.get("GUIFAN_DATA_DIR", "/tmp/guifan-bench/ledger"),
    )
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.test import Client

    from guifan.accounts.models import User
    from guifan.cases import selectors
    from guifan.cases.models import Case
    from guifan.org.models import Unit

    call_command("collectstatic", interactive=False, verbosity=0)
    total = Case.objects.count()
    print(f"cases in the database: {total:,}")
    unit = Unit.objects.get(code="980102").pk
    clients = {}
    for username in ("office", "liaison", "handler"):
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))

    print(
        f"\n{'page':<28}{'rows':>10}{'first ms':>10}{'median ms':>11}{'p95 ms':>8}"
        f"{'exact-count ms':>16}{'ratio':>7}"
    )
    for name, (who, params) in PAGES.items():
        params = {k: (unit if v == "UNIT" else v) for k, v in params.items()}
        user = User.objects.get(username=who)
        if params.get("page") == "LAST":
            filters = {k: v for k, v in params.items() if k not in ("page", "sort")}
            rows = selectors.case_list(user=user, filters=filters).count()
            params["page"] = max(1, -(-rows // 20))
        cache.clear()
        row = measure(clients[who], user, params, args.runs, selectors, Paginator)
        print(
            f"{name:<28}{row['rows']:>10,}{row['first']:>10.0f}{row['median']:>11.1f}"
            f"{row['p95']:>8.1f}{row['baseline']:>16.1f}{row['baseline'] / row['median']:>7.1f}"
        )
    print(
        "\nmedian = full page view with the cached count; exact-count = query + COUNT(*) only "
        "(no template), as an uncached Paginator with OFFSET would run on every view"
    )


def measure(client, user, params: dict, runs: int, selectors, paginator_class) -> dict:
    def page_view():
        return client.get("/cases/", params)

    filters = {k: v for k, v in params.items() if k not in ("page", "sort")}
    order = params.get("sort", selectors.DEFAULT_ORDER)

    def exact_count_page():
        cases = selectors.case_list(user=user, filters=filters, order=order)
        page = paginator_class(cases, 20).get_page(params.get("page", 1))
        list(page.object_list)
        return page.paginator.count

    first = _time(page_view)
    timings = sorted(_time(page_view) for _ in range(runs))
    baseline = [_time(exact_count_page) for _ in range(runs)]
    return {
        "rows": exact_count_page(),
        "first": first,
        "median": statistics.median(timings),
        "p95": timings[max(int(len(timings) * 0.95) - 1, 0)],
        "baseline": statistics.median(baseline),
    }


def _time(fn) -> float:
    started = time.perf_counter()
    response = fn()
    if hasattr(response, "status_code"):
        assert response.status_code == 200, response.status_code
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
