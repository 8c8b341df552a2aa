"""Benchmark: the server-side cost of each page of the load scenario (not a test).

    DATABASE_URL=postgres://…/guifan_web50 GUIFAN_DATA_DIR=/tmp/web50 \\
        .venv/bin/guifan demo --no-serve
    DATABASE_URL=… GUIFAN_DATA_DIR=/tmp/web50 .venv/bin/python bench/pages.py [--runs 7]
    … bench/pages.py --profile 工作台/office        # cProfile of one page, top 30

In one process, through Django's test client with the demo's accounts (as bench/load/
locustfile.py signs in), each page of the scenario is requested once to warm up (sessions,
scope, the caches the page fills), then ``--runs`` times: the median CPU milliseconds of this
process (Python: views, templates, the driver), the PostgreSQL backend's CPU per request (read
from /proc, so only on this machine), the wall-clock median and the number of queries. The
same-run anchor is the same page with the cache disabled (Django's DummyCache): what the page
costs when every panel is computed on every view. Writes (the 登记表's start and autosaves)
happen in a transaction rolled back at the end, so the demo is left as it was.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "load"))

from _child import _backend_cpu, _cpu
from scenario import EXPORT, FILTERS, FormFields

CAMPAIGN = os.environ.get("GUIFAN_LOAD_CAMPAIGN", "1")
BIG_EXPORT = "/cases/export.xlsx?year=2015&status=closed"  # not in the scenario: a big one


def pages(form_url: str | None) -> list[tuple[str, str, str, str]]:
    """(label, username, method, url) of every page the scenario requests."""
    rows = [(f"工作台/{who}", who, "GET", "/") for who in ("office", "liaison", "evaluator")]
    rows.append(("工作台/handler", "handler", "GET", "/"))
    rows += [(f"台账 {f}", "office", "GET", f"/cases/{f}") for f in FILTERS]
    rows += [(f"台账 {FILTERS[0]} (liaison)", "liaison", "GET", f"/cases/{FILTERS[0]}")]
    rows += [
        ("活动页/office", "office", "GET", f"/campaigns/{CAMPAIGN}/"),
        ("活动页/liaison", "liaison", "GET", f"/campaigns/{CAMPAIGN}/"),
        ("导出台账", "office", "GET", EXPORT),
        ("导出台账 2015 已办结 (5,404 rows)", "office", "GET", BIG_EXPORT),
        ("领导驾驶舱", "office", "GET", f"/reports/campaigns/{CAMPAIGN}/"),
        ("我的评查任务", "evaluator", "GET", "/my-tasks/"),
        ("我的案件评查结果", "handler", "GET", "/my-results/"),
    ]
    if form_url:
        rows += [("登记表", "evaluator", "GET", form_url)]
        rows += [("登记表自动保存", "evaluator", "POST", form_url)]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", help="a page's label: print its cProfile")
    parser.add_argument("--only", help="measure only the pages whose label contains this")
    args = parser.parse_args()
    os.environ.update(ALLOWED_HOSTS="testserver", DJANGO_SETTINGS_MODULE="guifan.settings")
    os.environ.setdefault("GUIFAN_DEMO", "1")
    import django

    django.setup()
    from django.db import connection, transaction

    clients = _clients(("office", "liaison", "evaluator", "handler"))
    print(f"load average at the start: {_load()}")
    with transaction.atomic():
        form_url = _start_a_form(clients["evaluator"])
        rows = [p for p in pages(form_url) if not args.only or args.only in p[0]]
        if args.profile:
            _profile(clients, next(p for p in rows if p[0] == args.profile), args.runs)
        else:
            _table(clients, rows, args.runs, connection)
        transaction.set_rollback(True)
    print(f"load average at the end: {_load()}")


def _clients(usernames):
    from django.test import Client

    from guifan.accounts.models import User

    clients = {}
    for username in usernames:
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))
    return clients


def _start_a_form(client) -> str | None:
    """The first of the evaluator's tasks, started as the scenario's evaluators start theirs."""
    import re

    ids = sorted({int(n) for n in re.findall(r"/my-tasks/(\d+)/form/", _get(client, "/my-tasks/"))})
    if not ids:
        return None
    url = f"/my-tasks/{ids[0]}/form/"
    client.post(url, {"action": "start"})
    return url


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    body = b"".join(response) if response.streaming else response.content
    return body.decode() if "text/" in response.get("Content-Type", "") else ""


def _request(client, method: str, url: str):
    if method == "GET":
        return _get(client, url)
    parser = FormFields()
    parser.feed(_get(client, url))
    fields = parser.fields | {"basis": "依据《人民检察院案件质量评查工作规定》第3条"}
    response = client.post(url, fields | {"action": "autosave"}, HTTP_HX_REQUEST="true")
    assert "已自动保存" in response.content.decode(), response.content[:200]
    return response


def _measure(client, method: str, url: str, runs: int, connection) -> dict:
    from django.test.utils import CaptureQueriesContext

    _request(client, method, url)  # warm: sessions, scope, the caches the page fills
    if method == "POST":  # the autosave alone, not the page read to fill the fields
        parser = FormFields()
        parser.feed(_get(client, url))
        fields = parser.fields | {"action": "autosave"}
    backend = _backend_pid(connection)
    server = _backend_cpu(backend) if backend else 0.0
    cpu, wall, queries = [], [], 0
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), _cpu()
        with CaptureQueriesContext(connection) as captured:
            if method == "POST":
                response = client.post(url, fields, HTTP_HX_REQUEST="true")
                assert response.status_code == 200
            else:
                _get(client, url)
        cpu.append((_cpu() - cpu_started) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
    server = (_backend_cpu(backend) - server) * 1000 / runs if backend else 0.0
    return {"cpu": statistics.median(cpu), "db": server, "wall": statistics.median(wall),
            "queries": queries}  # fmt: skip


def _table(clients, rows, runs: int, connection) -> None:
    from django.test import override_settings

    no_cache = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    print(f"\n{'page':<44}{'CPU ms':>8}{'DB CPU':>8}{'wall ms':>9}{'queries':>9}"
          f"{'no cache CPU':>14}{'queries':>9}")  # fmt: skip
    total = {"cpu": 0.0, "db": 0.0}
    for label, who, method, url in rows:
        if url == BIG_EXPORT and clients[who].get(url).status_code == 302:
            print(f"{label:<44}  over GUIFAN_EXPORT_MAX_ROWS: refused with a message, not timed")
            continue
        now = _measure(clients[who], method, url, runs, connection)
        with override_settings(CACHES=no_cache):
            bare = _measure(clients[who], method, url, runs, connection)
        total["cpu"] += now["cpu"]
        total["db"] += now["db"]
        print(f"{label:<44}{now['cpu']:>8.1f}{now['db']:>8.1f}{now['wall']:>9.1f}"
              f"{now['queries']:>9}{bare['cpu']:>14.1f}{bare['queries']:>9}")  # fmt: skip
    print(
        f"\nmedian of {runs} warm requests per page; CPU ms = this process (Python, templates, "
        "driver); DB CPU = the PostgreSQL backend's CPU ms per request (0 on SQLite); "
        "no cache = the same page in the same run with Django's cache disabled"
    )


def _profile(clients, row, runs: int) -> None:
    label, who, method, url = row
    _request(clients[who], method, url)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(runs):
        _request(clients[who], method, url)
    profile.disable()
    print(f"\n{label}: {runs} requests")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats("guifan/(?!.*tests)", 30)  # our code
    stats.sort_stats("tottime").print_stats(20)


def _backend_pid(connection) -> int | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    main()
