"""The ``guifan`` command as an operator meets it."""

import os
import subprocess
import sys

import pytest

from guifan.accounts.models import RoleGrant
from guifan.cli import main
from guifan.core.roles import Role


def _guifan(*args: str, data_dir) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(DJANGO_SETTINGS_MODULE="guifan.settings", GUIFAN_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "guifan.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_help_is_chinese(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "创建演示数据库并启动演示服务" in out


def test_demo_builds_once_and_prints_a_login_per_role(tmp_path):
    first = _guifan("demo", "--no-serve", "--cases", "300", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    for username in (
        "office",
        "inspector",
        "liaison",
        "evaluator",
        "teamlead",
        "handler",
        "sysadmin",
        "secadmin",
        "auditadmin",
    ):
        assert username in first.stdout
    assert "案件 300 件" in first.stdout
    second = _guifan("demo", "--no-serve", "--cases", "300", data_dir=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "演示数据已存在，未重复生成" in second.stdout
    assert "案件 300 件" in second.stdout
    verify = _guifan("journal", "verify", data_dir=tmp_path)
    assert verify.returncode == 0
    assert "审计日志完整" in verify.stdout


def test_serve_refuses_a_database_with_demo_accounts(tmp_path):
    assert _guifan("demo", "--no-serve", "--cases", "0", data_dir=tmp_path).returncode == 0
    result = _guifan("serve", "--port", "8765", data_dir=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：") and "演示账号" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_database_url_fails_in_one_line(tmp_path):
    env_bad = {"DATABASE_URL": "nonsense://"}
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(env_bad, DJANGO_SETTINGS_MODULE="guifan.settings", GUIFAN_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "guifan.cli", "journal", "verify"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("错误：")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.django_db
def test_init_creates_the_three_administrators_once(capsys):
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert {"sysadmin", "secadmin", "auditadmin"} <= set(out.split())
    admins = RoleGrant.objects.filter(role__in=[Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN])
    assert admins.count() == 3
    assert all(g.user.must_change_password for g in admins)
    assert main(["init"]) == 1
    assert "管理员账号已存在" in capsys.readouterr().err


@pytest.mark.django_db
def test_account_commands_reset_and_unlock_administrators(cast, capsys):
    assert main(["account", "reset-password", "secadmin"]) == 0
    password = capsys.readouterr().out.split("：")[1].split("（")[0]
    cast.secadmin.refresh_from_db()
    assert cast.secadmin.check_password(password) and cast.secadmin.must_change_password
    assert main(["account", "unlock", "auditadmin"]) == 0
    assert main(["account", "unlock", "nobody"]) == 1
    assert "找不到账号" in capsys.readouterr().err


@pytest.mark.django_db
def test_init_is_all_or_nothing(capsys):
    from guifan.accounts.models import User

    User.objects.create_user(username="secadmin", password="Xx1!xxxxxx")
    assert main(["init"]) == 1
    assert not RoleGrant.objects.exists()
    assert not User.objects.filter(username="sysadmin").exists()


def test_a_missing_import_file_exits_2(tmp_path, capsys):
    assert main(["cases", "import", str(tmp_path / "nope.csv")]) == 2
    assert "找不到文件" in capsys.readouterr().err
