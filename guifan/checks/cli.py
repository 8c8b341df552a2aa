"""``guifan checks run``, ``guifan checks findings`` and ``guifan checks notices``: every case
checked, and the 流程监控通知书, from the shell."""

from __future__ import annotations

import argparse
import json

from guifan.core.cli import CommandError, setup


def _unit(code: str | None):
    from guifan.org.models import Unit

    if not code:
        return None
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(f"没有单位代码 {code}")
    return unit


def cmd_run(args: argparse.Namespace) -> int:
    setup()
    from django.core.exceptions import ValidationError

    from guifan.checks.services import _payload, checks_run

    try:
        run = checks_run(by=None, unit=_unit(args.unit), rules=args.rule or None)
    except ValidationError as exc:
        raise CommandError("；".join(exc.messages)) from exc
    if args.json:
        print(json.dumps(_payload(run) | {"run": run.pk, "seconds": run.seconds}))
        return 0
    print(
        f"检查批次 {run.pk}：案件 {run.cases_done} 件、规则 {len(run.rules)} 条，"
        f"问题 {run.findings} 个（新发现 {run.added} 个，不再成立 {run.closed} 个），"
        f"用时 {run.seconds:.1f} 秒"
    )
    return 0


def cmd_findings(args: argparse.Namespace) -> int:
    setup()
    from guifan.checks.selectors import finding_rows

    rows = finding_rows(rule=args.rule or "", unit=_unit(args.unit), status=args.status or "")
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for row in rows:
        print(f"{row['rule']}\t{row['case_no']}\t{row['unit']}\t{row['status']}\t{row['facts']}")
    print(f"共 {len(rows)} 个问题")
    return 0


def cmd_notices(args: argparse.Namespace) -> int:
    setup()
    from guifan.checks.selectors import notice_list, notice_row

    rows = [notice_row(n) for n in notice_list(user=None, late=args.overdue, unit=_unit(args.unit))]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for row in rows:
        state = "已回复" if row["replied_at"] else "待回复"
        late = "（逾期）" if row["late"] else ""
        print(
            f"{row['number']}\t{row['case_no']}\t{row['unit']}\t{row['handler']}\t"
            f"{row['period']} {row['deadline']} 届满\t回复期限 {row['reply_by']}\t{state}{late}"
        )
    print(f"共 {len(rows)} 份通知书")
    return 0


def add_commands(sub) -> None:
    checks = sub.add_parser("checks", help="智能辅助评查：逐案检查全部案件")
    checks_sub = checks.add_subparsers(dest="checks_command", required=True, metavar="子命令")
    run = checks_sub.add_parser(
        "run",
        help="对全部案件运行已实现的规则（可重复运行，已核实的结论保留）",
        description="逐案检查案件是否违反规则库中已实现的规则，保存发现的问题并记入审计日志。"
        "重复运行不会重复记录：仍成立的问题保留原核实状态，不再成立的问题关闭。",
    )
    run.add_argument("--rule", action="append", help="只运行该规则（可重复），如 R4-05")
    run.add_argument("--unit", help="只检查该院及其下级院的案件（单位代码）")
    run.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    run.set_defaults(func=cmd_run)
    found = checks_sub.add_parser("findings", help="列出检查发现的问题（仍成立的）")
    found.add_argument("--rule", help="规则编号，如 R4-05")
    found.add_argument("--unit", help="单位代码（含下级院）")
    found.add_argument("--status", choices=("pending", "confirmed", "dismissed"), help="核实状态")
    found.add_argument("--json", action="store_true", help="输出一个 JSON 数组")
    found.set_defaults(func=cmd_findings)
    notices = checks_sub.add_parser(
        "notices",
        help="列出流程监控通知书",
        description="列出案件管理部门发出的流程监控通知书及承办检察官的回复。",
    )
    notices.add_argument(
        "--overdue", action="store_true", help="只列逾期未回复或逾期回复的（超期清单）"
    )
    notices.add_argument("--unit", help="单位代码（含下级院）")
    notices.add_argument("--json", action="store_true", help="输出一个 JSON 数组")
    notices.set_defaults(func=cmd_notices)
