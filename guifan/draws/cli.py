"""``guifan draw list | export | verify``: draws from the server's shell."""

from __future__ import annotations

import argparse
import json
import sys

from guifan.core.cli import CommandError, setup

# The first mismatch in words; keys are protocol.ProtocolError codes.
MISMATCHES = {
    "bundle": "无法读取抽取记录包：{detail}",
    "record_keys": "draw.json 的字段与 guifan-draw-v1 不符：{detail}",
    "record_shape": "draw.json 的内容格式不对（字段类型或子项缺失）：{detail}",
    "algorithm": "不支持的抽取算法：{detail}",
    "frame_hash": "frame.tsv 与记录中的 frame_hash 不一致（抽样框被改动过）：{detail}",
    "not_canonical": "文本不是规范格式：{detail}",
    "bad_member": "含不合规的行（空值、制表符或控制字符）：{detail}",
    "duplicate_id": "同一编号出现多次：{detail}",
    "frame_size": "抽样框行数与记录的 frame_size 不一致：{detail}",
    "parties": "揭示顺序与承诺顺序不一致",
    "reveal": "参与方“{detail}”揭示的密钥与其承诺值不符",
    "bad_secret": "密钥为空或含换行",
    "too_few_parties": "参与方少于两方：{detail}",
    "bad_public_value": "公开随机值含换行",
    "seed": "由密钥和公开随机值算出的种子与记录不一致：{detail}",
    "bad_seed": "种子格式不对：{detail}",
    "bad_rule": "规则须有比例或人数之一",
    "bad_ratio": "抽取比例不合规：{detail}",
    "bad_count": "抽取人数不合规：{detail}",
    "result_hash": "result.tsv 与记录中的 result_hash 不一致",
    "result": "按记录重新抽取的结果与 result.tsv 不同，{detail}",
    "selected_count": "抽中数量与记录的 selected_count 不一致：{detail}",
    "manual": "manual.tsv 的行格式不对，或人工选调人员混入了随机结果：{detail}",
}


def mismatch_message(code: str, detail: str) -> str:
    return MISMATCHES.get(code, "{code}：{detail}").format(code=code, detail=detail)


def cmd_draw_verify(args: argparse.Namespace) -> int:
    from guifan.draws.protocol import ProtocolError
    from guifan.draws.verification import verify_bundle

    try:
        verified = verify_bundle(args.bundle)
    except ProtocolError as exc:
        print(f"不一致：{mismatch_message(exc.code, exc.detail)}", file=sys.stderr)
        return 2 if exc.code == "bundle" else 1
    print(
        f"OK 抽样框 {verified.frame_size} 个，抽中 {verified.selected_count} 个，"
        f"种子 {verified.seed}，与记录一致"
    )
    return 0


def cmd_draw_export(args: argparse.Namespace) -> int:
    setup()
    from django.core.exceptions import ValidationError

    from guifan.draws.bundle import bundle_bytes
    from guifan.draws.models import Draw
    from guifan.journal.services import record
    from guifan.journal.verbs import Verb

    draw = Draw.objects.filter(pk=args.draw_id).first()
    if draw is None:
        raise CommandError(f"没有编号为 {args.draw_id} 的抽取")
    try:
        data = bundle_bytes(draw)
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from None
    with open(args.out, "wb") as out:
        out.write(data)
    payload = {"what": "draw_bundle", "result_hash": draw.result_hash, "file": args.out}
    record(actor="cli", verb=Verb.EXPORT, target=draw, payload=payload)
    print(f"已写出 {args.out}（{len(data)} 字节）")
    return 0


def cmd_draw_list(args: argparse.Namespace) -> int:
    """Every rule with the size of its frame now, and every draw."""
    setup()
    from guifan.draws.frames import frame_members
    from guifan.draws.models import Draw, DrawRule

    rules = [
        {
            "id": rule.pk,
            "campaign": rule.campaign_id,
            "code": rule.code,
            "name": rule.name,
            "kind": rule.kind,
            "population": rule.population,
            "year": rule.year,
            "conditions": rule.conditions,
            "frame_size": len(frame_members(rule)),
        }
        for rule in DrawRule.objects.select_related("campaign").order_by("campaign", "position")
    ]
    objects = list(Draw.objects.select_related("rule__campaign").order_by("id"))
    draws = [
        {
            "id": draw.pk,
            "campaign": draw.rule.campaign_id,
            "rule_code": draw.rule_code,
            "kind": draw.rule.kind,
            "status": draw.status,
            "frame_size": draw.frame_size,
            "selected_count": draw.selected_count,
        }
        for draw in objects
    ]
    if args.json:
        print(json.dumps({"rules": rules, "draws": draws}, ensure_ascii=False))
        return 0
    for rule in rules:
        year = rule["year"] or "—"
        print(f"规则 {rule['code']}\t{rule['name']}\t年度 {year}\t当前抽样框 {rule['frame_size']}")
    for draw in objects:
        selected = "—" if draw.selected_count is None else draw.selected_count
        print(
            f"{draw.pk}\t{draw.rule.campaign.name}\t{draw.rule.name}({draw.rule_code})\t"
            f"{draw.get_status_display()}\t抽样框 {draw.frame_size}\t抽中 {selected}"
        )
    return 0


def add_commands(sub) -> None:
    draw = sub.add_parser("draw", help="随机抽取（抽案、抽选评查人员）")
    draw_sub = draw.add_subparsers(dest="draw_command", required=True, metavar="子命令")
    dlist = draw_sub.add_parser(
        "list", help="列出抽取规则（及其当前抽样框大小）和抽取：编号、规则、状态、抽样框、抽中数"
    )
    dlist.add_argument(
        "--json", action="store_true", help="输出一个 JSON 文档：{rules: [...], draws: [...]}"
    )
    dlist.set_defaults(func=cmd_draw_list)
    export = draw_sub.add_parser(
        "export",
        help="导出抽取记录包（draw.json、frame.tsv、result.tsv 等）",
        description="写出与页面“下载抽取记录包”相同的 zip；任何人可用它复算抽取",
    )
    export.add_argument("draw_id", type=int, metavar="DRAW_ID", help="抽取编号")
    export.add_argument("out", metavar="OUT.zip", help="输出文件")
    export.set_defaults(func=cmd_draw_export)
    verify = draw_sub.add_parser(
        "verify",
        help="复算抽取记录包",
        description="按 guifan-draw-v1 重新计算抽样框哈希、承诺、种子和结果。一致时打印 OK、"
        "退出码 0；不一致时指出第一处不一致、退出码 1；无法读取时退出码 2。不需要数据库。",
    )
    verify.add_argument("bundle", metavar="BUNDLE.zip", help="抽取记录包")
    verify.set_defaults(func=cmd_draw_verify)
