"""``guifan evaluation assignments``: the assignments from the server's shell."""

from __future__ import annotations

import argparse

from guifan.core.cli import add_output_options, print_rows, setup


def cmd_assignments(args: argparse.Namespace) -> int:
    setup()
    from guifan.evaluation.models import Assignment

    rows = Assignment.objects.select_related(
        "case__unit", "case__handler", "evaluator__unit"
    ).order_by("campaign_id", "case__case_no_norm", "evaluator__staff_no")
    if args.campaign:
        rows = rows.filter(campaign_id=args.campaign)

    def as_row(a) -> dict:
        return {
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

    def text(row: dict) -> str:
        return (
            f"{row['case']}\t{row['case_unit']}\t{row['evaluator']}\t{row['evaluator_unit']}\t"
            f"{'、'.join(row['reasons'])}"
        )

    print_rows((as_row(a) for a in rows.iterator(chunk_size=2000)), args=args, text=text)
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    """One row per evaluated case: its one final grade (or none yet), never two."""
    setup()
    from guifan.evaluation.cli_results import result_rows

    rows = result_rows(campaign=args.campaign)

    def text(row: dict) -> str:
        forms = "、".join(f"{f['grade'] or '—'}/{f['final_grade'] or '—'}" for f in row["forms"])
        return (
            f"{row['case_no']}\t{row['reason']}\t{row['status']}\t{row['final_grade'] or '—'}"
            f"\t{forms}\t{row['original_grade'] or '—'}\t{row['outcome'] or '—'}"
        )

    print_rows(rows, args=args, text=text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    setup()
    from guifan.evaluation import export
    from guifan.evaluation.models import EvaluationForm
    from guifan.journal.services import record
    from guifan.journal.verbs import Verb

    forms = EvaluationForm.objects.order_by("assignment__campaign_id", "pk")
    if args.campaign:
        forms = forms.filter(assignment__campaign_id=args.campaign)
    if args.status:
        forms = forms.filter(status=args.status)
    rows = export.forms_for_export(forms)
    data = export.forms_zip(rows, title="案件评查登记表", issuer="")
    with open(args.out, "wb") as out:
        out.write(data)
    payload = {"what": "evaluation_forms", "rows": len(rows), "file": args.out}
    record(
        actor="cli", verb=Verb.EXPORT, target=("evaluation.form", "", "评查登记表"), payload=payload
    )
    print(f"已写出 {args.out}：{len(rows)} 份登记表及台账")
    return 0


def cmd_finalize_due(args: argparse.Namespace) -> int:
    setup()
    from guifan.evaluation.objections import forms_finalize_due

    print(f"异议期已过、定案 {forms_finalize_due()} 份登记表")
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
    add_output_options(listing, what="评查任务")
    listing.set_defaults(func=cmd_assignments)
    results = evaluation_sub.add_parser(
        "results",
        help="列出案件评查结论：每件被评查案件一行（审定等次、状态、各登记表等次、原评查等次、"
        "维持或改变）",
    )
    results.add_argument("--campaign", type=int, help="只列出该活动（编号）")
    add_output_options(results, what="案件")
    results.set_defaults(func=cmd_results)
    export = evaluation_sub.add_parser(
        "export",
        help="导出评查登记表（每份一个 .docx）及 Excel 台账，打包为 zip",
        description="写出与“下载登记表”按钮相同的文件：每份登记表一个公文格式的 .docx，"
        "另附台账 .xlsx",
    )
    export.add_argument("--campaign", type=int, help="只导出该活动（编号）")
    export.add_argument(
        "--status", choices=["final", "approved", "objected", "submitted"], help="只导出该状态"
    )
    export.add_argument("out", metavar="OUT.zip", help="输出文件")
    export.set_defaults(func=cmd_export)
    finalize = evaluation_sub.add_parser(
        "finalize-due", help="异议期已过且无人提出异议的评查结果定案（可每天定时运行）"
    )
    finalize.set_defaults(func=cmd_finalize_due)
