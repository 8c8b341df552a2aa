import pytest

from guifan.testing.people import Cast, make_cast


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached counts must not leak from one test's rows into another's (nor the calendar
    days an earlier test added)."""
    from django.core.cache import cache

    from guifan.core.deadlines import forget_office_days

    cache.clear()
    forget_office_days()


@pytest.fixture
def cast(db) -> Cast:
    """One user per role: liaisons of unit A and unit B, office and inspection of the city, …"""
    return make_cast()


@pytest.fixture
def login(client):
    """Log the test client in as a user and return it."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


def _chromium_path() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; never a downloaded browser."""
    import os

    path = _chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(
                "CI needs Debian's chromium for the browser tests (apt-get install chromium)"
            )
        pytest.skip("chromium is not installed; `./run test` installs it with apt")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test itself are synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def sign_in(browser, live_server):
    """A browser of its own per demo account, closed before the live server goes away."""
    from guifan.demo.services import DEMO_PASSWORD

    contexts = []

    def _as(username, viewport=None):
        viewport = viewport or {"width": 1400, "height": 900}
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("[data-testid=my-roles]")
        return page

    yield _as
    for context in contexts:
        context.close()
