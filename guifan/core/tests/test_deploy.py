"""HTTPS deployment: `manage check --deploy` is clean with the documented settings, and the
client address is read through a trusted reverse proxy only."""

import os
import subprocess
import sys

from django.test import RequestFactory, override_settings

from guifan.core.http import client_ip


def _check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GUIFAN_", "DJANGO_"))}
    environment |= {
        "GUIFAN_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "q9#Zk2@Lp7!vR4^wT8&nY3*bU6%eH1xA5$cJ0-sDq9#Zk2@Lp7!vR4^wT8&nY3",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "guifan.cli", "manage", "check", "--deploy"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_https_settings(tmp_path):
    plain = _check_deploy(tmp_path)
    assert "security.W004" in plain.stderr and "security.W012" in plain.stderr
    done = _check_deploy(tmp_path, GUIFAN_HTTPS="1")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@override_settings(GUIFAN_TRUSTED_PROXIES=["10.0.0.2"])
def test_the_client_address_comes_through_a_trusted_proxy_only():
    factory = RequestFactory()
    forged = "6.6.6.6, 192.168.1.20"
    via_proxy = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forged)
    assert client_ip(via_proxy) == "192.168.1.20"
    direct = factory.get("/", REMOTE_ADDR="192.168.1.30", HTTP_X_FORWARDED_FOR=forged)
    assert client_ip(direct) == "192.168.1.30"
