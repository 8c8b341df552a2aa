"""``guifan campaign list``: campaigns and the progress of their tracks."""

from __future__ import annotations

import argparse

from guifan.core.cli import add_output_options, print_rows, setup


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


def add_commands(sub) -> argparse._SubParsersAction:
    """Add ``campaign`` and return its subcommands, which higher apps extend."""
    campaign = sub.add_parser("campaign", help="专项活动")
    campaign_sub = campaign.add_subparsers(dest="campaign_command", required=True, metavar="子命令")
    clist = campaign_sub.add_parser("list", help="列出活动及各项工作的进度")
    add_output_options(clist, what="活动")
    clist.set_defaults(func=cmd_campaign_list)
    return campaign_sub
