"""``guifan campaign list``: campaigns and the progress of their tracks."""

from __future__ import annotations

import argparse

from guifan.core.cli import CommandError, add_output_options, print_rows, setup


def cmd_campaign_list(args: argparse.Namespace) -> int:
    setup()
    from guifan.campaigns.models import Campaign

    campaigns = Campaign.objects.prefetch_related("tracks__unit_tasks").order_by("id")
    rows = []
    for campaign in campaigns:
        tracks = []
        for track in campaign.tracks.all():
            tasks = list(track.unit_tasks.all())
            tracks.append(
                {
                    "name": track.name,
                    "kind": track.kind,
                    "deadline": track.deadline.isoformat(),
                    "tasks": len(tasks),
                    "done": sum(t.done for t in tasks),
                    "overdue": sum(t.late for t in tasks),
                }
            )
        rows.append(
            {
                "id": campaign.pk,
                "name": campaign.name,
                "status": campaign.status,
                "start_date": campaign.start_date.isoformat(),
                "report_deadline": campaign.report_deadline.isoformat(),
                "tracks": tracks,
            }
        )

    def text(row: dict) -> str:
        lines = [
            f"{row['id']}\t{row['name']}\t{row['status']}\t{row['start_date']} 至 "
            f"{row['report_deadline']}"
        ]
        lines += [
            f"\t{t['name']}：{t['done']}/{t['tasks']} 已报，超期 {t['overdue']}"
            for t in row["tracks"]
        ]
        return "\n".join(lines)

    print_rows(rows, args=args, text=text)
    return 0


def cmd_campaign_create(args: argparse.Namespace) -> int:
    """A draft campaign from a template, issued by the unit with the given code."""
    setup()
    from django.core.exceptions import ValidationError

    from guifan.campaigns.services import campaign_create_from_template
    from guifan.org.models import Unit

    unit = Unit.objects.filter(code=args.unit).first()
    if unit is None:
        raise CommandError(f"没有代码为 {args.unit} 的单位")
    try:
        campaign = campaign_create_from_template(
            template=args.template,
            year=args.year,
            issuing_unit=unit,
            theme=args.theme,
            departments=args.departments,
        )
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from exc
    row = {
        "id": campaign.pk,
        "name": campaign.name,
        "template": campaign.template,
        "tracks": [t.name for t in campaign.tracks.all()],
        "rules": [r.code for r in campaign.draw_rules.order_by("position")],
    }
    print_rows([row], args=args, text=lambda r: f"{r['id']}\t{r['name']}（草稿）")
    return 0


def add_commands(sub) -> argparse._SubParsersAction:
    """Add ``campaign`` and return its subcommands, which higher apps extend."""
    campaign = sub.add_parser("campaign", help="专项活动")
    campaign_sub = campaign.add_subparsers(dest="campaign_command", required=True, metavar="子命令")
    clist = campaign_sub.add_parser("list", help="列出活动及各项工作的进度")
    add_output_options(clist, what="活动")
    clist.set_defaults(func=cmd_campaign_list)
    create = campaign_sub.add_parser("create", help="从模板新建活动（草稿）")
    create.add_argument("--template", required=True, help="look_back、routine、special 或 key")
    create.add_argument("--year", type=int, required=True, help="活动年度")
    create.add_argument("--unit", required=True, help="牵头单位代码")
    create.add_argument("--theme", default="", help="专项评查的主题（如 k03）")
    create.add_argument(
        "--departments", choices=["none", "city", "all"], default=None, help="部门任务"
    )
    add_output_options(create, what="活动")
    create.set_defaults(func=cmd_campaign_create)
    return campaign_sub
