"""``guifan journal verify | root | proof | checkpoint``: the journal from the server's shell."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from guifan.core.cli import CommandError, setup


def _print_json(document: dict) -> None:
    print(json.dumps(document, ensure_ascii=False))


def cmd_verify(args: argparse.Namespace) -> int:
    setup()
    from guifan.journal.selectors import journal_verify, verdict_message

    given = [_read_checkpoint(path) for path in args.checkpoint]
    key = _verification_key(args.key) if given else None
    verdict = journal_verify()
    document = {
        "ok": verdict.ok,
        "entries": verdict.count,
        "head_hash": verdict.head_hash,
        "bad_seq": verdict.bad_seq,
        "problem": verdict.problem or None,
        "message": verdict_message(verdict),
    }
    lines = [(verdict.ok, document["message"])]
    if given:
        from guifan.journal.checkpoints import checkpoints_verify

        report = checkpoints_verify(given, key)
        document["ok"] = verdict.ok and report.ok
        document["checkpoints"] = report.as_dicts()
        document["subtrees_ok"] = report.subtrees_ok
        lines += [(f.ok, f.message) for f in report.checkpoints]
        if not report.subtrees_ok:
            lines.append((False, "存储的子树哈希与日志记录不符：数据库中的哈希树被改动过"))
    if args.json:
        _print_json(document)
    else:
        for ok, line in lines:
            print(line, file=sys.stdout if ok else sys.stderr)
    return 0 if document["ok"] else 1


def _read_checkpoint(path: str) -> tuple[str, str]:
    try:
        return Path(path).name, Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Unreadable(f"无法读取检查点文件 {path}：{exc}") from None


def _verification_key(path: str | None) -> tuple[str, bytes]:
    from guifan.journal import keys, notes

    if path is None:
        if not keys.has_key():
            raise Unreadable("本系统尚未签发过检查点（没有签名密钥）；请用 --key 指定公钥文件")
        return keys.public_key()
    try:
        return notes.parse_verifier_key(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, notes.NoteError) as exc:
        raise Unreadable(f"无法使用公钥文件 {path}：{exc}") from None


class Unreadable(CommandError):
    """An input the command cannot check at all (exit status 2, not 1)."""

    exit_status = 2


def cmd_root(args: argparse.Namespace) -> int:
    return _tree_command(args, "root_info", args.size)


def cmd_inclusion(args: argparse.Namespace) -> int:
    return _tree_command(args, "inclusion_info", args.seq, args.size)


def cmd_consistency(args: argparse.Namespace) -> int:
    return _tree_command(args, "consistency_info", args.old, args.new)


def _tree_command(args: argparse.Namespace, function: str, *arguments) -> int:
    setup()
    from guifan.journal import tree

    result = _tree_call(getattr(tree, function), *arguments)
    if args.json:
        _print_json(result)
        return 0
    if "leaf_hash" in result:
        seq, leaf, size = result["seq"], result["leaf_index"], result["tree_size"]
        print(f"序号 {seq}（叶子 {leaf}）在前 {size} 条记录中\n叶子哈希：{result['leaf_hash']}")
    for size, root in (("tree_size", "root"), ("old_size", "old_root"), ("new_size", "new_root")):
        if size in result:
            print(f"前 {result[size]} 条记录的根哈希：{result[root]}")
    if "path" in result:
        print("审计路径：" if "leaf_hash" in result else "一致性证明：")
        for node in result["path"]:
            print(f"  {node}")
    return 0


def _tree_call(function, *args):
    from guifan.journal.tree import TreeError

    try:
        return function(*args)
    except TreeError as exc:
        raise CommandError(str(exc)) from None


def cmd_checkpoint(args: argparse.Namespace) -> int:
    setup()
    from django.conf import settings

    from guifan.journal import keys
    from guifan.journal.checkpoints import PUBLIC_KEY_FILE, checkpoint_due, checkpoint_sign

    if args.skip_unchanged and not checkpoint_due():
        if args.json:
            _print_json({"signed": False, "reason": "unchanged"})
        else:
            print("上一个检查点之后没有新的日志记录，未签发")
        return 0
    checkpoint = _tree_call(lambda: checkpoint_sign(by=None))
    folder = Path(settings.GUIFAN_WITNESS_DIR)
    result = {
        "signed": True,
        "tree_size": checkpoint.tree_size,
        "root": checkpoint.root_hash,
        "file": str(folder / checkpoint.file_name),
        "public_key": keys.verifier_key(),
        "public_key_file": str(folder / PUBLIC_KEY_FILE),
        "note": checkpoint.note,
    }
    if args.json:
        _print_json(result)
    else:
        print(f"已签发检查点（{checkpoint.tree_size} 条记录），写入 {result['file']}")
        print(f"公钥：{result['public_key_file']}\n请将见证目录中的文件复制到系统以外的地方保存。")
    return 0


def add_commands(sub) -> None:
    journal = sub.add_parser("journal", help="审计日志")
    journal_sub = journal.add_subparsers(dest="journal_command", required=True, metavar="子命令")
    verify = journal_sub.add_parser(
        "verify",
        help="校验审计日志哈希链（及签名检查点）",
        description="完整时退出码 0 并打印条数；被篡改时退出码 1 并指出第一条问题记录；"
        "无法校验（如数据库不可用、检查点文件无法读取）时退出码 2。"
        "给出 --checkpoint 时，还从日志记录重新计算哈希树，核对每个检查点的签名，"
        "并证明当前日志是它的延续（一致性证明）；历史被改写时退出码 1，并指出是哪个检查点。",
    )
    verify.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    verify.add_argument(
        "--checkpoint", nargs="+", default=[], metavar="FILE", help="签名检查点文件（可多个）"
    )
    verify.add_argument("--key", metavar="FILE", help="公钥文件（默认用本系统的签名密钥）")
    verify.set_defaults(func=cmd_verify)

    root = journal_sub.add_parser("root", help="日志哈希树（RFC 9162）的根哈希")
    root.add_argument("--size", type=int, help="只算前 N 条记录（默认全部）")
    root.add_argument("--json", action="store_true", help="输出 {tree_size, root}")
    root.set_defaults(func=cmd_root)

    proof = journal_sub.add_parser("proof", help="包含证明与一致性证明（RFC 9162）")
    proof_sub = proof.add_subparsers(dest="proof_command", required=True, metavar="证明")
    inclusion = proof_sub.add_parser("inclusion", help="某条记录在日志中的包含证明")
    inclusion.add_argument("seq", type=int, help="记录序号")
    inclusion.add_argument("--size", type=int, help="树大小（默认全部记录）")
    inclusion.add_argument("--json", action="store_true", help="以 JSON 输出证明")
    inclusion.set_defaults(func=cmd_inclusion)
    consistency = proof_sub.add_parser(
        "consistency", help="前 OLD 条与前 NEW 条记录之间的一致性证明"
    )
    consistency.add_argument("old", type=int, help="旧树大小")
    consistency.add_argument("new", type=int, help="新树大小")
    consistency.add_argument("--json", action="store_true", help="以 JSON 输出证明")
    consistency.set_defaults(func=cmd_consistency)

    checkpoint = journal_sub.add_parser(
        "checkpoint",
        help="签发日志检查点并写入见证目录",
        description="用 Ed25519 密钥签发当前日志哈希树的检查点（C2SP 签名笔记格式），"
        "写入见证目录（GUIFAN_WITNESS_DIR）。可由定时任务（如 cron）每小时运行。",
    )
    checkpoint.add_argument(
        "--skip-unchanged", action="store_true", help="上一个检查点之后没有新记录时不签发"
    )
    checkpoint.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    checkpoint.set_defaults(func=cmd_checkpoint)
