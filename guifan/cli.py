"""The ``guifan`` command: demo, serve, init, journal verify, and Django's manage commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

KINDS = (
    "cases",
    "suspects",
    "measures",
    "interrogations",
    "av_interruptions",
    "lawyer_requests",
    "opinions",
    "properties",
    "documents",
    "complaints",
    "extensions",
    "returns",
    "notices",
    "transfers",
    "judgments",
)


class CommandError(Exception):
    """A failure to report in one line, with a non-zero exit status."""


def _setup(data_dir: str | None = None, *, demo: bool = False) -> None:
    if data_dir:
        os.environ["GUIFAN_DATA_DIR"] = os.path.abspath(data_dir)
    if demo:
        os.environ["GUIFAN_DEMO"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guifan.settings")
    import django

    django.setup()


def _prepare_database_and_static() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def cmd_serve(args: argparse.Namespace) -> int:
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    from guifan.accounts.models import User

    if (
        not settings.DEMO_MODE
        and not args.allow_demo
        and User.objects.filter(is_demo=True).exists()
    ):
        raise CommandError(
            "数据库中存在使用公开密码的演示账号，生产模式拒绝启动"
            "（演示请用 guifan demo，确需启动请加 --allow-demo）"
        )
    call_command("collectstatic", interactive=False, verbosity=0)
    _serve(args.host, args.port, workers=args.workers)
    return 0


class _Worker:
    """``guifan worker`` beside the web server, started again should it ever exit."""

    def __init__(self) -> None:
        import threading

        self.stopping = threading.Event()
        self.process = self._start()
        threading.Thread(target=self._watch, daemon=True).start()

    @staticmethod
    def _start():
        import subprocess

        from guifan.cases.worker import die_with_parent

        command = [sys.executable, "-m", "guifan.cli", "worker"]
        return subprocess.Popen(command, env={**os.environ}, preexec_fn=die_with_parent)

    def _watch(self) -> None:
        while not self.stopping.is_set():
            self.process.wait()
            if not self.stopping.wait(2):
                self.process = self._start()

    def stop(self) -> None:
        self.stopping.set()
        self.process.terminate()
        self.process.wait(timeout=20)


def _serve(host: str, port: int, *, workers: int) -> None:
    from django.core.wsgi import get_wsgi_application
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    application = get_wsgi_application()
    connections.close_all()  # never share a connection with the forked workers
    worker = _Worker()

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": 4,
                "worker_class": "gthread",
                "timeout": 120,
                "accesslog": "-",
            }.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    try:
        Server().run()
    finally:
        worker.stop()


def cmd_init(args: argparse.Namespace) -> int:
    """Create the three separated administrators with one-time passwords."""
    _setup()
    from django.core.exceptions import ValidationError
    from django.core.management import call_command
    from django.db import transaction

    from guifan.accounts import services
    from guifan.accounts.models import RoleGrant
    from guifan.core.roles import Role

    call_command("migrate", interactive=False, verbosity=0)
    if RoleGrant.objects.filter(role__in=[Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN]).exists():
        raise CommandError("管理员账号已存在；如需重置其密码，请用 guifan account reset-password")
    created = []
    try:
        with transaction.atomic():  # all three or none
            for username, role in (
                ("sysadmin", Role.SYSADMIN),
                ("secadmin", Role.SECADMIN),
                ("auditadmin", Role.AUDITADMIN),
            ):
                user, password = services.account_create(by=None, username=username)
                services.role_grant(by=None, user=user, role=role)
                created.append((role.label, username, password))
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from None
    print("已创建三员账号（一次性密码，首次登录须修改）：")
    for label, username, password in created:
        print(f"  {label}\t{username}\t{password}")
    return 0


def cmd_account(args: argparse.Namespace) -> int:
    """Reset or unlock an account from the server, the only way for the administrators."""
    _setup()
    from guifan.accounts import services
    from guifan.accounts.models import User

    user = User.objects.filter(username=args.username).first()
    if user is None:
        raise CommandError(f"找不到账号：{args.username}")
    if args.account_command == "reset-password":
        password = services.password_reset(by=None, user=user)
        print(f"{user.username} 的一次性密码：{password}（首次登录须修改）")
    else:
        services.account_unlock(by=None, user=user)
        print(f"已解除 {user.username} 的登录锁定")
    return 0


def cmd_cases_import(args: argparse.Namespace) -> int:
    _setup()
    from pathlib import Path

    from guifan.accounts.models import User
    from guifan.cases.services import FileRefused, cases_import, kind_for_file

    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件：{path}", file=sys.stderr)
        return 2
    user = None
    if args.user:
        user = User.objects.filter(username=args.user, is_active=True).first()
        if user is None:
            raise CommandError(f"找不到账号：{args.user}")
    kind = args.kind or kind_for_file(path)

    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\r已处理 {done:,} / {total:,} 行", end="", file=sys.stderr, flush=True)

    try:
        result = cases_import(
            path=path,
            kind=kind,
            user=user,
            sheet=args.sheet,
            encoding=args.encoding,
            errors_path=Path(args.errors) if args.errors else None,
            progress=progress,
        )
    except FileRefused as exc:
        if args.json:
            print(
                json.dumps({"ok": False, "file": path.name, "reason": str(exc)}, ensure_ascii=False)
            )
        else:
            print(f"错误：无法导入 {path.name}：{exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
        return 0
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"{path.name}（{_kind_label(kind)}）：共 {result.rows:,} 行，新增 {result.imported:,}，"
        f"更新 {result.updated:,}，未变化 {result.unchanged:,}，拒绝 {result.rejected:,}"
    )
    for warning in result.warnings:
        print(f"提示：{warning}")
    for error in result.errors[:20]:
        print(f"第 {error.line} 行：{error.reason}")
    if result.rejected > 20:
        print(f"……另有 {result.rejected - 20} 行被拒绝", end="")
        print(f"，详见 {result.errors_path}" if result.errors_path else "（用 --errors 导出全部）")
    elif result.errors_path:
        print(f"被拒绝的行已写入 {result.errors_path}")
    return 0


def _kind_label(kind: str) -> str:
    from guifan.cases.importing.specs import SPECS

    return SPECS[kind].label


def cmd_campaign_list(args: argparse.Namespace) -> int:
    _setup()
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
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    for row in rows:
        print(
            f"{row['id']}\t{row['name']}\t{row['status']}\t{row['start_date']} 至 "
            f"{row['report_deadline']}"
        )
        for track in row["tracks"]:
            print(
                f"\t{track['name']}：{track['done']}/{track['tasks']} 已报，超期 {track['overdue']}"
            )
    return 0


def cmd_campaign_gate(args: argparse.Namespace) -> int:
    """The "三个不放过" gate of one campaign: exit status 0 if it may close, 1 if not."""
    _setup()
    from guifan.campaigns.models import Campaign
    from guifan.rectification.gate import campaign_gate

    campaign = Campaign.objects.filter(pk=args.campaign_id).first()
    if campaign is None:
        raise CommandError(f"没有编号为 {args.campaign_id} 的活动。")
    gate = campaign_gate(campaign)
    if args.json:
        result = gate.as_dict()
        result["blockers"] = [
            {key: b[key] for key in ("kind", "id", "unit", "reason")} for b in result["blockers"]
        ]
        print(json.dumps(result, ensure_ascii=False))
        return 0 if gate.closable else 1
    print(f"{campaign.name}：{'可以结束' if gate.closable else gate.summary()}")
    for b in gate.blockers:
        print(f"  {b.kind}\t{b.id}\t{b.unit}\t{b.unit_name}\t{b.reason}")
    return 0 if gate.closable else 1


def cmd_manage(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["guifan manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guifan", description="规范：规范司法行为专项整治与案件质量评查系统"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    from guifan.demo.cli import add_commands as add_demo_commands

    add_demo_commands(sub)

    serve = sub.add_parser("serve", help="以生产方式启动服务（gunicorn + whitenoise）")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve.add_argument("--workers", type=int, default=2, help="工作进程数（默认 2）")
    serve.add_argument("--allow-demo", action="store_true", help="允许在有演示账号的数据库上启动")
    serve.set_defaults(func=cmd_serve)

    init = sub.add_parser("init", help="建库并创建三员管理员账号（一次性密码）")
    init.set_defaults(func=cmd_init)

    campaign = sub.add_parser("campaign", help="专项活动")
    campaign_sub = campaign.add_subparsers(dest="campaign_command", required=True, metavar="子命令")
    clist = campaign_sub.add_parser("list", help="列出活动及各项工作的进度")
    clist.add_argument("--json", action="store_true", help="每个活动输出一行 JSON")
    clist.set_defaults(func=cmd_campaign_list)
    cgate = campaign_sub.add_parser(
        "gate",
        help="“三个不放过”核对：列出阻止活动结束的事项",
        description="列出未办结的群众反映、未销号的整改问题和未处置的复发问题；"
        "可以结束时退出码为 0，否则为 1。",
    )
    cgate.add_argument("campaign_id", type=int, help="活动编号（见 guifan campaign list）")
    cgate.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    cgate.set_defaults(func=cmd_campaign_gate)

    from guifan.checks.cli import add_commands as add_check_commands
    from guifan.draws.cli import add_commands as add_draw_commands
    from guifan.evaluation.cli import add_commands as add_evaluation_commands
    from guifan.journal.cli import add_commands as add_journal_commands
    from guifan.knowledge.cli import add_commands as add_kb_commands

    add_draw_commands(sub)
    add_evaluation_commands(sub)
    add_kb_commands(sub)
    add_journal_commands(sub)
    add_check_commands(sub)

    account = sub.add_parser("account", help="在服务器上重置账号密码或解除锁定（含三员账号）")
    account_sub = account.add_subparsers(dest="account_command", required=True, metavar="子命令")
    for name, text in (
        ("reset-password", "生成一次性密码，持有人首次登录须修改"),
        ("unlock", "解除连续登录失败造成的锁定"),
    ):
        command = account_sub.add_parser(name, help=text, description=text)
        command.add_argument("username", help="账号用户名")
        command.set_defaults(func=cmd_account)

    cases = sub.add_parser("cases", help="案件台账")
    cases_sub = cases.add_subparsers(dest="cases_command", required=True, metavar="子命令")
    imp = cases_sub.add_parser(
        "import",
        help="导入案件或办案过程数据（CSV 或 XLSX）",
        description="导入案件清单，或按类型导入办案过程数据。可重复导入：相同的行不会重复，"
        "变化的行会更新并记入审计日志。文件能读取时退出码为 0（即使有行被拒绝），无法读取时为 2。",
    )
    imp.add_argument("file", help="CSV（UTF-8/GBK）或 XLSX 文件")
    imp.add_argument("--kind", choices=KINDS, help="导入类型（默认按文件名判断，否则为 cases）")
    imp.add_argument("--sheet", help="XLSX 的工作表名（默认第一个）")
    imp.add_argument("--encoding", help="CSV 编码：UTF-8 或 GBK（默认自动识别）")
    imp.add_argument("--errors", metavar="OUT.xlsx", help="把被拒绝的行及原因写入此文件")
    imp.add_argument("--user", help="以该账号的权限范围导入（默认不限单位）")
    imp.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    imp.set_defaults(func=cmd_cases_import)

    from guifan.cases.cli import add_commands as add_case_commands

    add_case_commands(sub, cases_sub)

    manage = sub.add_parser(
        "manage", help="运行 Django 管理命令（如 migrate、shell）", add_help=False
    )
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CommandError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return getattr(exc, "exit_status", 1)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `guifan … | head`: the reader has gone, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # one line for the operator; details with GUIFAN_TRACEBACK=1
        if os.environ.get("GUIFAN_TRACEBACK"):
            raise
        reason = (str(exc).strip().splitlines() or [""])[0]
        print(f"错误：{type(exc).__name__}: {reason}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
