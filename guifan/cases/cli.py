"""``guifan worker`` and ``guifan cases purge-imports``: the background worker and its upkeep."""

from __future__ import annotations

import argparse
import json

from guifan.cli import _setup


def cmd_worker(args: argparse.Namespace) -> int:
    _setup()
    from guifan.cases.worker import Supervisor

    print("后台任务进程已启动（按 Ctrl+C 停止）", flush=True)
    Supervisor(log=lambda line: print(line, flush=True)).run()
    return 0


def cmd_purge_imports(args: argparse.Namespace) -> int:
    _setup()
    from django.conf import settings

    from guifan.cases.housekeeping import import_files_purge

    count = import_files_purge()
    days = settings.GUIFAN_IMPORT_KEEP_DAYS
    if args.json:
        print(json.dumps({"deleted": count, "keep_days": days}))
    else:
        print(f"已删除 {count} 次导入的上传文件和错误报告（保存期 {days} 天）")
    return 0


def add_commands(sub, cases_sub) -> None:
    worker = sub.add_parser(
        "worker",
        help="运行后台任务进程（导入等），意外退出时自动重启",
        description="启动 django-tasks 的 db_worker 并看护它：退出时把它正在做的导入标记为失败、"
        "记入审计日志并重启；同时每分钟汇总越权访问计数、每小时删除过期的导入文件。"
        "guifan serve 和 guifan demo 会自动启动它。",
    )
    worker.set_defaults(func=cmd_worker)
    purge = cases_sub.add_parser(
        "purge-imports",
        help="删除超过保存期的导入文件和错误报告（记入审计日志）",
        description="删除导入完成超过 GUIFAN_IMPORT_KEEP_DAYS 天的上传文件和错误报告；"
        "后台任务进程每小时自动执行一次。",
    )
    purge.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    purge.set_defaults(func=cmd_purge_imports)
