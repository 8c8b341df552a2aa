"""``guifan init`` and ``guifan account``: the three administrators, created and rescued
from the server."""

from __future__ import annotations

import argparse

from guifan.core.cli import CommandError, setup


def cmd_init(args: argparse.Namespace) -> int:
    """Create the three separated administrators with one-time passwords."""
    setup()
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
    setup()
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


def add_commands(sub) -> None:
    init = sub.add_parser("init", help="建库并创建三员管理员账号（一次性密码）")
    init.set_defaults(func=cmd_init)
    account = sub.add_parser("account", help="在服务器上重置账号密码或解除锁定（含三员账号）")
    account_sub = account.add_subparsers(dest="account_command", required=True, metavar="子命令")
    for name, text in (
        ("reset-password", "生成一次性密码，持有人首次登录须修改"),
        ("unlock", "解除连续登录失败造成的锁定"),
    ):
        command = account_sub.add_parser(name, help=text, description=text)
        command.add_argument("username", help="账号用户名")
        command.set_defaults(func=cmd_account)
