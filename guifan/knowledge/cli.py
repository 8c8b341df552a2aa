"""``guifan kb load`` and ``guifan kb ask``: the knowledge base from the server's shell."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from guifan.core.cli import CommandError, setup


def cmd_load(args: argparse.Namespace) -> int:
    setup()
    from django.conf import settings

    from guifan.knowledge.index import index_sync
    from guifan.knowledge.services import knowledge_load

    if args.directory:
        paths = [Path(args.directory)]
    else:
        paths = [settings.GUIFAN_LAWS_DIR, settings.GUIFAN_KB_NOTICES_DIR]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CommandError(f"找不到目录：{'、'.join(missing)}")
    started = time.monotonic()
    report = knowledge_load(paths=paths)
    sync = index_sync(rebuild=args.rebuild)
    if args.json:
        print(
            json.dumps(
                {**report.as_dict(), "index_seconds": round(sync.seconds, 2)}, ensure_ascii=False
            )
        )
        return 0
    for title in report.added:
        print(f"新增：{title}")
    for title in report.replaced:
        print(f"更新（原版本保留为旧版）：{title}")
    for path, reason in report.refused:
        print(f"未载入：{path}：{reason}", file=sys.stderr)
    print(
        f"新增 {len(report.added)} 个，更新 {len(report.replaced)} 个，未变化 {report.unchanged} 个"
        f"（用时 {time.monotonic() - started:.1f} 秒）"
    )
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    setup()
    from guifan.accounts.models import User
    from guifan.knowledge.index import index_sync
    from guifan.knowledge.selectors import SERVER, kb_ask

    index_sync()  # the server's shell may wait for the index; a web request never does
    user = User.objects.filter(username=args.user, is_active=True).first() if args.user else None
    if args.user and user is None:
        raise CommandError(f"找不到账号：{args.user}")
    answer = kb_ask(
        user=user or SERVER,
        question=args.question,
        top=args.top,
        kind=args.source or "",
        law=args.law or "",
    )
    rows = [found.as_dict() for found in answer.found]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print("没有找到相关内容。")
        return 1
    for row in rows:
        print(f"【{row['source']}】{row['citation']}（{row['score']}）\n{row['text']}\n")
    for found in answer.related:
        print(f"相关条文：{found.passage.citation}")
    return 0


def add_commands(sub) -> None:
    kb = sub.add_parser("kb", help="知识库：载入法律法规和通知文件，用中文提问")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True, metavar="子命令")
    load = kb_sub.add_parser(
        "load",
        help="载入目录中的法律法规和通知文件（可重复运行）",
        description="载入目录中的 .md、.txt、.docx、.pdf 文件：按“第X条”分条的为法律法规，"
        "其余按标题、编号条目和问答分段；并载入本系统的活动模板和评查标准。内容未变的文件不重复载入，"
        "内容变化的文件载入为新版本，原版本标为旧版仍可检索。",
    )
    load.add_argument(
        "directory", nargs="?", help="目录（默认 GUIFAN_LAWS_DIR 和 GUIFAN_KB_NOTICES_DIR）"
    )
    load.add_argument("--rebuild", action="store_true", help="重建检索索引")
    load.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    load.set_defaults(func=cmd_load)
    ask = kb_sub.add_parser("ask", help="提问，输出最相关的段落及出处")
    ask.add_argument("question", help="问题，如：回头看是从哪天开始的")
    ask.add_argument("--top", type=int, default=3, help="输出几条（默认 3）")
    ask.add_argument("--source", choices=["notice", "law", "system", "rules"], help="只查某类来源")
    ask.add_argument("--law", help="只查某部法律（简称，如 刑事诉讼法）")
    ask.add_argument("--user", help="按该账号的权限范围检索（默认不限）")
    ask.add_argument(
        "--json", action="store_true", help='输出 JSON：[{"source", "citation", "text", "score"}]'
    )
    ask.set_defaults(func=cmd_ask)
