"""``guifan demo``: build the demo procuratorate and serve it on its world's date;
``guifan demo export-files`` and ``guifan demo answer-key``."""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import date
from pathlib import Path

from guifan.cases.cli import KINDS
from guifan.core.cli import CommandError, prepare_database_and_static, setup
from guifan.web.cli import serve

WORLD_DATE_FILE = "world-date"


def _world_date(args: argparse.Namespace) -> date:
    from guifan.demo.generator import WORLD_DATE

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else WORLD_DATE
    except ValueError:
        raise CommandError(f"--as-of 应为日期（如 {WORLD_DATE}），不是“{args.as_of}”") from None
    if as_of < WORLD_DATE:
        raise CommandError(
            f"演示数据记录的事情一直到 {WORLD_DATE:%Y年%-m月%-d日} 前一天，演示日期不能早于这一天"
        )
    return as_of


def cmd_demo(args: argparse.Namespace) -> int:
    started = time.monotonic()
    as_of = _world_date(args)
    # The whole demo (this process, the web workers, the task worker and later commands on
    # the same data folder) lives on the world's date.
    os.environ["GUIFAN_TODAY"] = as_of.isoformat()
    setup(args.data_dir, demo=True)
    from django.conf import settings

    from guifan.demo.services import demo_load, demo_logins

    (settings.DATA_DIR / WORLD_DATE_FILE).write_text(as_of.isoformat() + "\n")
    print(f"数据目录：{settings.DATA_DIR}")
    print(f"演示日期：{as_of:%Y-%m-%d}（期限、超期天数和操作时间都按这一天计算）")
    print("正在准备数据库……", flush=True)
    prepare_database_and_static()
    report = demo_load(cases=args.cases, progress=lambda line: print(line, flush=True))
    if not report.created_org and not report.created_cases:
        print("演示数据已存在，未重复生成。")
    print(
        f"单位 {report.units} 个，人员 {report.people} 人，案件 {report.cases:,} 件"
        f"（用时 {time.monotonic() - started:.1f} 秒）"
    )
    print("\n演示账号（密码相同，仅限演示环境）：")
    for row in demo_logins():
        print(f"  {row['role']:<8}\t{row['username']:<12}\t{row['password']}\t{row['who']}")
    if args.no_serve:
        return 0
    print(f"\n请在浏览器中打开 http://{args.host}:{args.port}/ （按 Ctrl+C 停止）", flush=True)
    serve(args.host, args.port, workers=2)
    return 0


def cmd_demo_export(args: argparse.Namespace) -> int:
    setup()
    from guifan.demo.export import export_files

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if not formats or set(formats) - {"csv", "xlsx"}:
        raise CommandError("--formats 只能是 csv、xlsx 或 csv,xlsx")
    kinds = [k.strip() for k in (args.kinds or ",".join(KINDS)).split(",") if k.strip()]
    if set(kinds) - set(KINDS):
        raise CommandError(f"--kinds 只能取：{'、'.join(KINDS)}")
    started = time.monotonic()
    counts = export_files(
        Path(args.directory),
        cases=args.cases,
        seed=args.seed,
        formats=formats,
        kinds=kinds,
        progress=lambda line: print(line, flush=True),
    )
    for kind, rows in counts.items():
        print(f"  {kind}\t{rows:,} 行")
    print(f"已写入 {args.directory}（用时 {time.monotonic() - started:.1f} 秒）")
    return 0


def cmd_answer_key(args: argparse.Namespace) -> int:
    """Every planted case and near-miss with what a correct check must conclude."""
    from guifan.demo.answer_key import answer_key

    key = answer_key(cases=args.cases, seed=args.seed)
    if args.json:
        print(json.dumps(key, ensure_ascii=False))
        return 0
    for row in key:
        verdict = "违规" if row["expected"] == "violation" else "不违规（临界）"
        print(f"{row['case_no']}\t{row['rule']}\t{verdict}")
    violations = sum(row["expected"] == "violation" for row in key)
    print(f"共 {len(key)} 项：违规 {violations} 项，临界不违规 {len(key) - violations} 项")
    return 0


def add_commands(sub) -> None:
    demo = sub.add_parser(
        "demo",
        help="创建演示数据库并启动演示服务",
        description="建库、载入演示数据（可重复运行，不会重复生成）、打印各角色登录账号并启动服务。"
        "演示世界停在 2016 年 3 月 25 日（“回头看”活动进行中），系统按这一天计算期限和超期。",
    )
    demo.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    demo.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    demo.add_argument("--data-dir", help="数据目录（默认 ./data，或环境变量 GUIFAN_DATA_DIR）")
    demo.add_argument("--cases", type=int, default=20000, help="生成的案件数（默认 20000）")
    demo.add_argument(
        "--as-of", help="演示日期（默认 2016-03-25；可以更晚，不能更早）", metavar="YYYY-MM-DD"
    )
    demo.add_argument("--no-serve", action="store_true", help="只准备数据，不启动服务")
    demo.set_defaults(func=cmd_demo)
    demo_sub = demo.add_subparsers(dest="demo_command", metavar="子命令")
    export = demo_sub.add_parser(
        "export-files",
        help="把演示案件及办案过程数据写成导入文件（CSV 与 XLSX）",
        description="写出 cases.csv 及每类办案过程数据一个 CSV（UTF-8 带 BOM），以及同名 .xlsx，"
        "格式与导入功能要求的一致，可用于测试导入和基准测试。",
    )
    export.add_argument("directory", help="输出目录（不存在则创建）")
    export.add_argument("--cases", type=int, default=20000, help="案件数（默认 20000）")
    export.add_argument("--seed", type=int, default=2016, help="随机种子（默认 2016）")
    export.add_argument("--formats", default="csv,xlsx", help="csv、xlsx 或两者（默认 csv,xlsx）")
    export.add_argument("--kinds", help="只写这些类型，逗号分隔（如 cases；默认全部）")
    export.set_defaults(func=cmd_demo_export)
    key = demo_sub.add_parser(
        "answer-key",
        help="列出演示世界中埋设的违规案件和临界不违规案件（规则检查的标准答案）",
        description="每一项：部门受案号、规则编号、应有的检查结论"
        "（violation 违规 / ok 临界不违规）。答案以演示日期 2016-03-25 为准；"
        "--cases 和 --seed 须与生成演示时相同。",
    )
    key.add_argument("--cases", type=int, default=20000, help="案件数（默认 20000）")
    key.add_argument("--seed", type=int, default=2016, help="随机种子（默认 2016）")
    key.add_argument("--json", action="store_true", help="输出一个 JSON 数组")
    key.set_defaults(func=cmd_answer_key)
