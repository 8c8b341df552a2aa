"""``guifan backup OUT`` and ``guifan restore IN``: the database and the data directory's files
in one archive, restored only into an empty database, then counted and verified."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from guifan.core.cli import setup


def cmd_backup(args: argparse.Namespace) -> int:
    setup()
    from guifan.ops.archive import backup

    result = backup(Path(args.out))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(
        f"备份完成：{result['archive']}（{_size(result['bytes'])}）\n"
        f"数据库（{result['engine']}）：{result['tables']} 张表，共 {result['rows']} 行，"
        f"其中审计日志 {result['journal_entries']} 条；"
        f"文件 {result['files']} 个（{_size(result['file_bytes'])}）"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    setup()
    from guifan.ops.archive import restore

    result = restore(Path(args.archive))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0 if result["ok"] else 1
    print(
        f"已从 {result['archive']}（{result['created']} 备份）恢复："
        f"{result['tables']} 张表，共 {result['rows']} 行；文件 {result['files']} 个"
    )
    for row in result["mismatches"]:
        print(
            f"行数不符：{row['table']} 备份中 {row['backup']} 行，恢复后 {row['restored']} 行",
            file=sys.stderr,
        )
    journal = result["journal"]
    print(journal["message"], file=sys.stdout if journal["ok"] else sys.stderr)
    for checkpoint in journal["checkpoints"]:
        print(checkpoint["message"], file=sys.stdout if checkpoint["ok"] else sys.stderr)
    if result["ok"]:
        print("恢复完成，数据行数与备份一致，审计日志校验通过。")
        print("在新机器上恢复时，请再运行 guifan kb load --rebuild 重建知识库检索索引。")
    return 0 if result["ok"] else 1


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def add_commands(sub) -> None:
    backup = sub.add_parser(
        "backup",
        help="备份数据库和数据目录中的文件（附件、签名密钥等）到一个文件",
        description="系统运行中即可备份。PostgreSQL 用 pg_dump（自定义格式，一致性快照），"
        "SQLite 用在线备份；附件和上传文件、审计日志签名密钥与检查点、secret_key 一并打包。"
        "静态文件和知识库检索索引可重建，不打包。",
    )
    backup.add_argument("out", help="备份文件（如 /srv/backup/guifan-20260330.tar；不能已存在）")
    backup.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser(
        "restore",
        help="把 guifan backup 生成的备份恢复到新建的空库，并核对行数和审计日志",
        description="只恢复到空库和空数据目录（否则拒绝）。恢复后补齐表结构（migrate），"
        "逐表核对行数，校验审计日志哈希链和备份前签发的检查点；全部一致时退出码 0，否则 1。",
    )
    restore.add_argument("archive", help="guifan backup 生成的备份文件")
    restore.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    restore.set_defaults(func=cmd_restore)
