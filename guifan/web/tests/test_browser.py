"""In a real browser: each demo role logs in and reaches its own 工作台."""

import os
from pathlib import Path

import pytest

from guifan.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = (
    Path(os.environ.get("GUIFAN_SCREENSHOTS", "")) if os.environ.get("GUIFAN_SCREENSHOTS") else None
)


def _login(page, username: str) -> None:
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")


def test_every_demo_role_reaches_its_dashboard(page):
    demo_load(cases=300)
    for spec in DEMO_ACCOUNTS:
        _login(page, spec.username)
        page.wait_for_selector("[data-testid=my-roles]")
        assert page.title().startswith("工作台")
        assert str(spec.role.label) in page.inner_text("[data-testid=my-roles]")
        if SHOTS:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SHOTS / f"dashboard-{spec.username}.png", full_page=True)
        page.click("text=退出")
        page.wait_for_selector("#id_username")


def test_wrong_password_and_lockout_read_in_chinese(page):
    demo_load(cases=0)
    for _ in range(5):
        page.goto(f"{page.base_url}/accounts/login/")
        page.fill("#id_username", "liaison")
        page.fill("#id_password", "not-the-password")
        page.click("button[type=submit]")
    assert "用户名或密码错误" in page.content() or "已被锁定" in page.content()
    _login(page, "liaison")
    assert page.is_visible("[data-testid=locked-out]")


def test_liaison_cannot_open_another_units_page(page):
    from guifan.org.models import Unit

    demo_load(cases=0)
    other = Unit.objects.get(code="980103")
    own = Unit.objects.get(code="980102")
    _login(page, "liaison")
    page.wait_for_selector("[data-testid=my-roles]")
    assert page.goto(f"{page.base_url}/org/units/{own.pk}/").status == 200
    response = page.goto(f"{page.base_url}/org/units/{other.pk}/")
    assert response.status == 404
    assert "页面不存在" in page.content()
