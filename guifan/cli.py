"""The ``guifan`` command. Each app keeps its own commands in its ``cli.py``; this module
only wires them together and turns failures into one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from guifan.core.cli import CommandError, setup


def cmd_manage(args: argparse.Namespace) -> int:
    setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["guifan manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    from guifan.accounts import cli as accounts
    from guifan.campaigns import cli as campaigns
    from guifan.cases import cli as cases
    from guifan.checks import cli as checks
    from guifan.demo import cli as demo
    from guifan.draws import cli as draws
    from guifan.evaluation import cli as evaluation
    from guifan.inquiries import cli as inquiries
    from guifan.journal import cli as journal
    from guifan.knowledge import cli as knowledge
    from guifan.ops import cli as ops
    from guifan.rectification import cli as rectification
    from guifan.reports import cli as reports
    from guifan.web import cli as web

    parser = argparse.ArgumentParser(
        prog="guifan", description="规范：规范司法行为专项整治与案件质量评查系统"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    demo.add_commands(sub)
    web.add_commands(sub)
    accounts.add_commands(sub)
    campaign_sub = campaigns.add_commands(sub)
    rectification.add_commands(campaign_sub)
    reports.add_commands(campaign_sub)
    draws.add_commands(sub)
    evaluation.add_commands(sub)
    checks.add_commands(sub)
    inquiries.add_commands(sub)
    knowledge.add_commands(sub)
    journal.add_commands(sub)
    cases.add_commands(sub)
    ops.add_commands(sub)

    manage = sub.add_parser(
        "manage", help="运行 Django 管理命令（如 migrate、shell）", add_help=False
    )
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CommandError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return getattr(exc, "exit_status", 1)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `guifan … | head`: the reader has gone, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # one line for the operator; details with GUIFAN_TRACEBACK=1
        if os.environ.get("GUIFAN_TRACEBACK"):
            raise
        reason = (str(exc).strip().splitlines() or [""])[0]
        print(f"错误：{type(exc).__name__}: {reason}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
