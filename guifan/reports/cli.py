"""``guifan campaign report``: the 总结报告 (or 通报) of a campaign as a 公文 .docx."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def cmd_report(args: argparse.Namespace) -> int:
    from guifan.core.cli import CommandError, setup

    setup()
    from guifan.accounts.models import RoleGrant, User
    from guifan.campaigns.models import Campaign
    from guifan.core.roles import Role
    from guifan.reports.documents import bulletin_docx, summary_docx
    from guifan.reports.narrative import narrative_texts

    campaign = Campaign.objects.select_related("issuing_unit").filter(pk=args.campaign_id).first()
    if campaign is None:
        raise CommandError(f"没有编号为 {args.campaign_id} 的活动。")
    if args.user:
        user = User.objects.filter(username=args.user, is_active=True).first()
    else:  # the figures the issuing unit's office sees
        grant = (
            RoleGrant.objects.filter(role=Role.OFFICE, unit=campaign.issuing_unit,
                                     user__is_active=True)
            .select_related("user").order_by("user_id").first()
        )  # fmt: skip
        user = grant.user if grant else None
    if user is None:
        raise CommandError("找不到可用的账号：请用 --user 指定牵头单位专项整治办的账号。")
    build = bulletin_docx if args.bulletin else summary_docx
    data = build(campaign=campaign, user=user, narrative=narrative_texts(campaign))
    out = Path(args.out)
    out.write_bytes(data)
    written = [str(out)]
    if args.pdf:
        from guifan.evaluation.export import pdf_available, to_pdf

        if not pdf_available():
            raise CommandError(
                "服务器上没有 LibreOffice（soffice），无法输出 PDF；Word 文件已写出。"
            )
        pdf = out.with_suffix(".pdf")
        pdf.write_bytes(to_pdf(data))
        written.append(str(pdf))
    kind = "通报" if args.bulletin else "总结报告"
    if args.json:
        print(json.dumps({"campaign": campaign.pk, "kind": kind, "files": written,
                          "user": user.username}, ensure_ascii=False))  # fmt: skip
    else:
        print(f"{campaign.name}{kind}（按账号 {user.username} 的范围统计）：{'、'.join(written)}")
    return 0


def add_commands(campaign_sub) -> None:
    report = campaign_sub.add_parser(
        "report",
        help="生成活动总结报告（或 --bulletin 通报）的 Word 文件",
        description="按公文格式生成总结报告：基本情况、各项工作、评查结果、问题与整改、典型案例、"
        "统计图表；数字与领导驾驶舱和统计表相同，文字用整治办最新保存的报告文稿。",
    )
    report.add_argument("campaign_id", type=int, help="活动编号（见 guifan campaign list）")
    report.add_argument("out", help="输出的 .docx 文件")
    report.add_argument("--bulletin", action="store_true", help="生成通报（各单位进展与排名）")
    report.add_argument("--pdf", action="store_true", help="同时输出 PDF（需要 LibreOffice）")
    report.add_argument("--user", help="按这个账号的可见范围统计（默认牵头单位专项整治办）")
    report.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    report.set_defaults(func=cmd_report)
