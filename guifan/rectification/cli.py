"""``guifan campaign gate``: the "三个不放过" check that decides whether a campaign may close."""

from __future__ import annotations

import argparse
import json

from guifan.core.cli import CommandError, setup


def cmd_campaign_gate(args: argparse.Namespace) -> int:
    """The "三个不放过" gate of one campaign: exit status 0 if it may close, 1 if not."""
    setup()
    from guifan.campaigns.models import Campaign
    from guifan.rectification.gate import campaign_gate

    campaign = Campaign.objects.filter(pk=args.campaign_id).first()
    if campaign is None:
        raise CommandError(f"没有编号为 {args.campaign_id} 的活动。")
    gate = campaign_gate(campaign)
    limit = args.limit or None
    if args.json:
        result = gate.as_dict(limit)
        result["blockers"] = [
            {key: b[key] for key in ("kind", "id", "unit", "reason")} for b in result["blockers"]
        ]
        print(json.dumps(result, ensure_ascii=False))
        return 0 if gate.closable else 1
    print(f"{campaign.name}：{'可以结束' if gate.closable else gate.summary()}")
    shown = gate.first(limit)
    for b in shown:
        print(f"  {b.kind}\t{b.id}\t{b.unit}\t{b.unit_name}\t{b.reason}")
    if len(shown) < gate.total:
        print(f"共 {gate.total} 项，以上列出前 {len(shown)} 项（全部：--limit 0）")
    return 0 if gate.closable else 1


def add_commands(campaign_sub) -> None:
    cgate = campaign_sub.add_parser(
        "gate",
        help="“三个不放过”核对：列出阻止活动结束的事项",
        description="列出未办结的群众反映、未销号的整改问题和未处置的复发问题；"
        "可以结束时退出码为 0，否则为 1。",
    )
    cgate.add_argument("campaign_id", type=int, help="活动编号（见 guifan campaign list）")
    cgate.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    cgate.add_argument(
        "--limit",
        type=int,
        default=100,
        metavar="N",
        help="列出前 N 项未了结事项（默认 100，0 为全部）；各类数量和总数总是完整的",
    )
    cgate.set_defaults(func=cmd_campaign_gate)
