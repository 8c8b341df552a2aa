"""``guifan cases import``, ``guifan cases purge-imports`` and ``guifan worker``: bringing data in,
the background worker and its upkeep."""

from __future__ import annotations

import argparse
import json
import sys

from guifan.core.cli import CommandError, setup

# The import kinds, known before Django starts (argparse choices); a test keeps them equal to
# the importer's registry.
KINDS = (
    "cases",
    "suspects",
    "measures",
    "interrogations",
    "av_interruptions",
    "lawyer_requests",
    "opinions",
    "properties",
    "documents",
    "complaints",
    "extensions",
    "returns",
    "notices",
    "transfers",
    "judgments",
    "original_evaluations",
    "inquiries",
    "flags",
    "clues",
    "receptions",
    "stat_reports",
    "defenders",
    "staff_departures",
    "staff_relatives",
    "jurisdictions",
    "baseline_items",
    "baseline_complaints",
    "access_logs",
)


def cmd_cases_import(args: argparse.Namespace) -> int:
    setup()
    from pathlib import Path

    from guifan.accounts.models import User
    from guifan.cases.services import FileRefused, cases_import, kind_for_file

    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件：{path}", file=sys.stderr)
        return 2
    user = None
    if args.user:
        user = User.objects.filter(username=args.user, is_active=True).first()
        if user is None:
            raise CommandError(f"找不到账号：{args.user}")
    kind = args.kind or kind_for_file(path)

    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\r已处理 {done:,} / {total:,} 行", end="", file=sys.stderr, flush=True)

    try:
        result = cases_import(
            path=path,
            kind=kind,
            user=user,
            sheet=args.sheet,
            encoding=args.encoding,
            errors_path=Path(args.errors) if args.errors else None,
            progress=progress,
        )
    except FileRefused as exc:
        if args.json:
            print(
                json.dumps({"ok": False, "file": path.name, "reason": str(exc)}, ensure_ascii=False)
            )
        else:
            print(f"错误：无法导入 {path.name}：{exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
        return 0
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"{path.name}（{_kind_label(kind)}）：共 {result.rows:,} 行，新增 {result.imported:,}，"
        f"更新 {result.updated:,}，未变化 {result.unchanged:,}，拒绝 {result.rejected:,}"
    )
    for warning in result.warnings:
        print(f"提示：{warning}")
    for error in result.errors[:20]:
        print(f"第 {error.line} 行：{error.reason}")
    if result.rejected > 20:
        print(f"……另有 {result.rejected - 20} 行被拒绝", end="")
        print(f"，详见 {result.errors_path}" if result.errors_path else "（用 --errors 导出全部）")
    elif result.errors_path:
        print(f"被拒绝的行已写入 {result.errors_path}")
    return 0


def _kind_label(kind: str) -> str:
    from guifan.cases.importing.specs import SPECS

    return SPECS[kind].label


def cmd_worker(args: argparse.Namespace) -> int:
    setup()
    from guifan.cases.worker import Supervisor

    print("后台任务进程已启动（按 Ctrl+C 停止）", flush=True)
    Supervisor(log=lambda line: print(line, flush=True)).run()
    return 0


def cmd_purge_imports(args: argparse.Namespace) -> int:
    setup()
    from django.conf import settings

    from guifan.cases.housekeeping import import_files_purge

    count = import_files_purge()
    days = settings.GUIFAN_IMPORT_KEEP_DAYS
    if args.json:
        print(json.dumps({"deleted": count, "keep_days": days}))
    else:
        print(f"已删除 {count} 次导入的上传文件和错误报告（保存期 {days} 天）")
    return 0


def add_commands(sub) -> None:
    cases = sub.add_parser("cases", help="案件台账")
    cases_sub = cases.add_subparsers(dest="cases_command", required=True, metavar="子命令")
    imp = cases_sub.add_parser(
        "import",
        help="导入案件或办案过程数据（CSV 或 XLSX）",
        description="导入案件清单，或按类型导入办案过程数据。可重复导入：相同的行不会重复，"
        "变化的行会更新并记入审计日志。文件能读取时退出码为 0（即使有行被拒绝），无法读取时为 2。",
    )
    imp.add_argument("file", help="CSV（UTF-8/GBK）或 XLSX 文件")
    imp.add_argument("--kind", choices=KINDS, help="导入类型（默认按文件名判断，否则为 cases）")
    imp.add_argument("--sheet", help="XLSX 的工作表名（默认第一个）")
    imp.add_argument("--encoding", help="CSV 编码：UTF-8 或 GBK（默认自动识别）")
    imp.add_argument("--errors", metavar="OUT.xlsx", help="把被拒绝的行及原因写入此文件")
    imp.add_argument("--user", help="以该账号的权限范围导入（默认不限单位）")
    imp.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    imp.set_defaults(func=cmd_cases_import)
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
