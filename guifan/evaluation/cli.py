"""``guifan evaluation assignments``: the assignments from the server's shell."""

from __future__ import annotations

import argparse
import json

from guifan.cli import _setup


def cmd_assignments(args: argparse.Namespace) -> int:
    _setup()
    from guifan.evaluation.models import Assignment

    rows = Assignment.objects.select_related(
        "case__unit", "case__handler", "evaluator__unit"
    ).order_by("campaign_id", "case__case_no_norm", "evaluator__staff_no")
    if args.campaign:
        rows = rows.filter(campaign_id=args.campaign)
    for a in rows.iterator(chunk_size=2000):
        row = {
            "campaign": a.campaign_id,
            "case": a.case.case_no_norm,
            "case_unit": a.case.unit.code,
            "handler": a.case.handler.staff_no if a.case.handler_id else None,
            "evaluator": a.evaluator.staff_no,
            "evaluator_unit": a.evaluator.unit.code,
            "reasons": a.reasons.split("、"),
            "recheck": a.recheck,
            "original_evaluators": [no for no in a.original_evaluators.split(",") if no],
            "deadline": a.deadline.isoformat(),
            "manual": a.manual,
        }
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(
                f"{row['case']}\t{row['case_unit']}\t{row['evaluator']}\t{row['evaluator_unit']}\t"
                f"{'、'.join(row['reasons'])}"
            )
    return 0


def add_commands(sub) -> None:
    evaluation = sub.add_parser("evaluation", help="案件评查（评查任务）")
    evaluation_sub = evaluation.add_subparsers(
        dest="evaluation_command", required=True, metavar="子命令"
    )
    listing = evaluation_sub.add_parser(
        "assignments", help="列出评查任务：案件、承办单位、承办人、评查人员、抽取理由、是否复查"
    )
    listing.add_argument("--campaign", type=int, help="只列出该活动（编号）")
    listing.add_argument("--json", action="store_true", help="每个评查任务输出一行 JSON")
    listing.set_defaults(func=cmd_assignments)
