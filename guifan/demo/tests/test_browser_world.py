"""In a real browser, every page each demo role can reach lives on the world's date: the
header says 演示日期 2016-03-25, nothing is overdue that could not be on that day, and no page
shows a date from after the world (a time stamp of the real clock)."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from guifan.demo.generator import WORLD_DATE
from guifan.demo.services import DEMO_ACCOUNTS, demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMPOSSIBLE = (
    re.compile(r"超期\s*[1-9]\d*\s*天"),
    re.compile(r"已超[^，。\n]{0,8}?[1-9]\d*\s*天"),
    re.compile(r"逾期\s*[1-9]\d*\s*天"),
    re.compile(r"\b20(1[7-9]|[2-9]\d)-\d\d-\d\d"),  # after the world's year
)
# The knowledge base quotes the law texts in force now (the corpus has no 2012 刑诉法), dated
# by their versions; those dates are of the texts, not of anything that happened in the world.
LAW_TEXTS = re.compile(r"^/kb/")
SKIP = re.compile(
    r"/(logout|api/|static/|media/)|download|export|\.(xlsx|zip|docx|pdf|pub|txt)$|format="
)
PAGES_PER_ROLE = 25


def _links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc or not parts.path.startswith("/") or SKIP.search(href):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def test_every_page_of_every_role_lives_on_the_world_date(sign_in, live_server):
    with override_settings(GUIFAN_TODAY=WORLD_DATE):
        demo_load(cases=800)
        for spec in DEMO_ACCOUNTS:
            page = sign_in(spec.username)
            assert page.inner_text("[data-testid=world-date]") == "演示日期 2016-03-25"
            queue, seen = ["/"], set()
            while queue and len(seen) < PAGES_PER_ROLE:
                path = queue.pop(0)
                if path in seen:
                    continue
                seen.add(path)
                response = page.goto(live_server.url + path)
                if response is None or response.status != 200:
                    continue
                text = page.inner_text("body")
                for pattern in IMPOSSIBLE[:3] if LAW_TEXTS.match(path) else IMPOSSIBLE:
                    match = pattern.search(text)
                    assert match is None, (spec.username, path, match and match.group(0))
                queue += [link for link in _links(page, live_server.url) if link not in seen]
            assert len(seen) >= 3, (spec.username, seen)
