"""Benchmark: the "三个不放过" gate with tens of thousands of open items (not a test).

Runs against an existing demo database; the extra open items are added inside a transaction
that is rolled back at the end, so the database is left as it was:

    .venv/bin/python bench/gate.py --database-url postgres://…/guifan_demo [--items 25000]

Times, in the same run: the gate as it was on main before (one row with reason and link per
open matter, `git show <rev>:guifan/rectification/gate.py`, given with --old), the gate's
counts plus the 50 rows of the campaign page, the CLI's default 100 rows, and every row (the
XLSX export).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _timed(label: str, function) -> None:
    started = time.perf_counter()
    result = function()
    print(f"{label:<40} {1000 * (time.perf_counter() - started):9.0f} ms   {result}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL database (default: GUIFAN_DATA_DIR)")
    parser.add_argument("--items", type=int, default=25_000)
    parser.add_argument("--old", help="the earlier gate.py to compare with")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guifan.settings")
    import django

    django.setup()
    from django.db import transaction

    from guifan.campaigns.models import Campaign
    from guifan.rectification.gate import campaign_gate
    from guifan.rectification.models import Item, ItemStatus

    campaign = Campaign.objects.order_by("-pk").first()
    old = None
    if args.old:
        spec = importlib.util.spec_from_file_location("old_gate", args.old)
        old = importlib.util.module_from_spec(spec)
        sys.modules["old_gate"] = old
        spec.loader.exec_module(old)
    with transaction.atomic():
        model = Item.objects.filter(campaign=campaign).exclude(status=ItemStatus.CLOSED).first()
        copies = []
        for _ in range(args.items):
            model.pk = model.problem_id = model.finding_id = model.baseline_id = None
            copies.append(
                Item(**{f.attname: getattr(model, f.attname) for f in Item._meta.concrete_fields})
            )
        Item.objects.bulk_create(copies, batch_size=5_000)
        campaign_gate(campaign).first(5)  # templates of the reasons, URL resolver warm
        _timed(
            "page: counts + 50 rows",
            lambda: (campaign_gate(campaign).total, len(campaign_gate(campaign).shown)),
        )
        _timed(
            "CLI default: counts + 100 rows",
            lambda: len(campaign_gate(campaign).as_dict(100)["blockers"]),
        )
        _timed("every row (the XLSX export)", lambda: len(campaign_gate(campaign).blockers))
        if old:
            _timed(
                "before: every row on every view", lambda: len(old.campaign_gate(campaign).blockers)
            )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
