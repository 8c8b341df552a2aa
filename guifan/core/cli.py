"""What every ``guifan`` command shares: Django set-up and the one-line failure."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable


class CommandError(Exception):
    """A failure to report in one line, with a non-zero exit status."""


def setup(data_dir: str | None = None, *, demo: bool = False) -> None:
    """Point Django at the data directory (and the demo flag) before anything imports models."""
    if data_dir:
        os.environ["GUIFAN_DATA_DIR"] = os.path.abspath(data_dir)
    if demo:
        os.environ["GUIFAN_DEMO"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guifan.settings")
    import django

    django.setup()


def prepare_database_and_static() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def add_output_options(parser, *, what: str) -> None:
    """``--json`` (one document) and ``--jsonl`` (one line per row) for a listing command."""
    parser.add_argument("--json", action="store_true", help=f"输出一个 JSON 数组（每个{what}一项）")
    parser.add_argument("--jsonl", action="store_true", help=f"每个{what}输出一行 JSON")


def print_rows(rows: Iterable[dict], *, args, text: Callable[[dict], str]) -> None:
    """Print a listing as chosen by ``add_output_options``: one JSON array, JSON lines, or text."""
    if args.json:
        print(json.dumps(list(rows), ensure_ascii=False))
        return
    for row in rows:
        print(json.dumps(row, ensure_ascii=False) if args.jsonl else text(row))
