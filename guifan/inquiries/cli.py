"""``guifan inquiry reports``: which unit reported a quarter's 过问案件 and how."""

from __future__ import annotations

import argparse
import json

from guifan.core.cli import CommandError, setup


def cmd_reports(args: argparse.Namespace) -> int:
    setup()
    from guifan.core import clock
    from guifan.inquiries.models import QuarterlyReport
    from guifan.inquiries.quarters import Quarter, ended_quarters
    from guifan.inquiries.reports import reporting_units

    ended = ended_quarters(clock.today())
    try:
        quarter = Quarter.parse(args.quarter) if args.quarter else ended[-1]
    except (ValueError, IndexError):
        raise CommandError("季度格式应为 2015q4，且须已结束") from None
    filed = {
        r.unit_id: r
        for r in QuarterlyReport.objects.filter(year=quarter.year, quarter=quarter.quarter)
    }
    overdue = quarter.deadline < clock.today()
    rows = []
    for unit in reporting_units():
        report = filed.get(unit.pk)
        if report is None:
            state = "missing" if overdue else "due"
        else:
            state = "late" if report.late else "zero" if report.is_zero else "filed"
        rows.append(
            {
                "unit": unit.code,
                "name": unit.short_name,
                "state": state,
                "total": report.total if report else None,
                "filed_on": clock.localdate(report.filed_at).isoformat() if report else None,
            }
        )
    if args.json:
        document = {"quarter": quarter.key, "deadline": quarter.deadline.isoformat(), "units": rows}
        print(json.dumps(document, ensure_ascii=False))
        return 0
    words = {
        "filed": "已报告",
        "zero": "零报告",
        "late": "迟报",
        "missing": "逾期未报",
        "due": "待报告",
    }
    print(f"{quarter.label}过问案件情况报告（期限 {quarter.deadline:%Y-%m-%d}）")
    for row in rows:
        extra = f" {row['total']} 件，{row['filed_on']}" if row["filed_on"] else ""
        print(f"{row['unit']} {row['name']}：{words[row['state']]}{extra}")
    return 0


def add_commands(sub) -> None:
    inquiry = sub.add_parser("inquiry", help="过问案件记录（三个规定）")
    inquiry_sub = inquiry.add_subparsers(dest="inquiry_command", required=True, metavar="子命令")
    reports = inquiry_sub.add_parser(
        "reports",
        help="各单位某季度过问案件情况报告的报送情况",
        description="列出每个单位某季度（默认最近结束的季度）是否已报告、零报告、迟报或逾期未报。",
    )
    reports.add_argument("--quarter", help="季度，如 2015q4")
    reports.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    reports.set_defaults(func=cmd_reports)
