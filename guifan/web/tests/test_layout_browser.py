"""At 1366×768, the usual 政务 PC: every page a demo role reaches from the menu and the
pages' main links fits the screen, keeps dates and case numbers on one line, shows no
Django placeholder and no link that ends in a refusal.

GUIFAN_SCREENSHOTS=DIR keeps a full-page screenshot of every page visited, named
<account>-<path>.png, for a person to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from guifan.demo.services import DEMO_ACCOUNTS, demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORT = {"width": 1366, "height": 768}
DEPTH = 3  # menu → list → record → the record's own pages
MAX_LINKS = 40  # followed per page, of which most lead to a kind of page already seen
# Files, the API and signing out are not pages to look at.
NOT_PAGES = re.compile(
    r"\.(xlsx|zip|docx|pdf|tsv|csv)$|/download|/export|/frame/|/bundle/|^/api/|/logout|/attachments/"
)
SHOTS = Path(os.environ["GUIFAN_SCREENSHOTS"]) if os.environ.get("GUIFAN_SCREENSHOTS") else None

# Runs in the page: the table cells (and field values) in which a date (YYYY-MM-DD) or a case
# number (…0040号) is laid out over more than one line, found from the text's client rects.
BROKEN_TOKENS = r"""
() => {
  const pattern = /\d{4}-\d{2}-\d{2}|[^\s，。；：、（）()“”]*\d{3,}号/g;
  const broken = [];
  for (const cell of document.querySelectorAll("td, th, dd")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(pattern)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))
        );
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}
"""
# Runs in the page: buttons, tags, column heads and progress labels laid out over more than
# one line (a toolbar of ten buttons wraps each label in two).
WRAPPED_LABELS = r"""
() => {
  const wrapped = [];
  for (const el of document.querySelectorAll(".btn, .gf-tag, .gf-bar-value, th, .gf-nav-item")) {
    const tops = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
    }
    tops.sort((a, b) => a - b);
    if (tops.length > 1 && tops[tops.length - 1] - tops[0] > 4) wrapped.push(el.textContent.trim());
  }
  return wrapped;
}
"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
PLACEHOLDERS = "() => [...document.querySelectorAll('option')].some(o => /^-{3,}$/.test(o.text))"
# The menu, the page's own buttons and links, and the first rows of its tables.
MAIN_LINKS = f"""
() => [...new Set(
  [...document.querySelectorAll(
    ".gf-nav a, .gf-page-actions a, main table tbody tr:nth-child(-n+2) a, main .gf-card > p a"
  )].map(a => a.getAttribute("href"))
)].filter(Boolean).slice(0, {MAX_LINKS})
"""


def _pattern(path: str) -> str:
    """One visit per kind of page: /cases/17/ and /cases/18/ are the same layout."""
    return re.sub(r"\d+", "N", path)


def _look_at(page, username: str, path: str) -> list[str]:
    problems = []
    if (overflow := page.evaluate(OVERFLOW)) > 0:
        problems.append(f"{username} {path}: {overflow}px wider than the screen")
    if broken := page.evaluate(BROKEN_TOKENS):
        problems.append(f"{username} {path}: broken over two lines: {sorted(set(broken))[:5]}")
    if wrapped := page.evaluate(WRAPPED_LABELS):
        problems.append(f"{username} {path}: labels wrapped over two lines: {wrapped[:5]}")
    if page.evaluate(PLACEHOLDERS):
        problems.append(f"{username} {path}: a '---------' choice is shown")
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w]+", "_", path.strip("/")) or "dashboard"
        page.screenshot(path=SHOTS / f"{username}-{name}.png", full_page=True)
    return problems


def _walk(page, base_url: str, username: str) -> tuple[list[str], int]:
    """Breadth first from the 工作台, each kind of page once; every link offered must open."""
    seen = {_pattern("/")}
    queue = [("/", 0)]
    problems: list[str] = []
    visited = 0
    while queue:
        path, depth = queue.pop(0)
        try:
            response = page.goto(base_url + path)
        except PlaywrightError as exc:  # a file download behind a plain-looking link
            if "Download is starting" in str(exc):
                continue
            raise
        visited += 1
        if response is None or response.status != 200:
            status = response.status if response else "no response"
            problems.append(f"{username} {path}: a link offered to this user answers {status}")
            continue
        problems += _look_at(page, username, path)
        if depth >= DEPTH:
            continue
        for href in page.evaluate(MAIN_LINKS):
            parts = urlsplit(href)
            if parts.netloc and base_url.split("//")[1] != parts.netloc:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if not parts.path.startswith("/") or NOT_PAGES.search(parts.path):
                continue
            if _pattern(parts.path) not in seen:
                seen.add(_pattern(parts.path))
                queue.append((target, depth + 1))
    return problems, visited


def test_every_page_fits_a_1366_screen_for_every_role(sign_in, live_server):
    demo_load(cases=300)
    problems: list[str] = []
    visited = 0
    for spec in DEMO_ACCOUNTS:
        page = sign_in(spec.username, viewport=VIEWPORT)
        try:
            found, count = _walk(page, live_server.url, spec.username)
        finally:
            page.context.close()
        problems += found
        visited += count
    assert visited > 60, f"only {visited} pages reached: the walk lost its way"
    assert not problems, "\n".join(problems)
