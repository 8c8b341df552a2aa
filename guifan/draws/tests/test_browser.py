"""In a real browser: the office and the inspector redraw the seed's 重点评查 through the
ceremony from their own accounts, and the downloaded bundle verifies with both verifiers."""

import io
import subprocess
import sys
from pathlib import Path

import pytest

from guifan.demo.services import demo_load
from guifan.draws import protocol, verification
from guifan.draws.models import Draw, DrawStatus
from guifan.testing.demo import before_evaluation_began

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOOL = Path(__file__).resolve().parents[3] / "tools" / "guifan_draw_verify.py"


def _shots(tmp_path):
    """GUIFAN_SCREENSHOTS=DIR keeps the screenshots for a person to look at."""
    import os

    return Path(os.environ.get("GUIFAN_SCREENSHOTS") or tmp_path)


def _submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_two_accounts_redraw_through_the_ceremony(sign_in, tmp_path):
    demo_load(cases=3000)
    before_evaluation_began()
    first = Draw.objects.get(rule_code="key")
    office = sign_in("office")
    office.click("text=专项活动")
    office.click("text=2016年规范司法行为专项整治")
    office.click("[data-testid=draws-link]")
    rows = office.locator("[data-testid=rules] tbody tr")
    assert rows.count() == 5
    office.click("[data-rule=key] a:has-text('查看')")
    office.fill("#id_reason", "市院新增 2 件挂牌督办案件")
    _submit(office, "[data-testid=redo]")
    assert "新的抽样框已冻结" in office.content()
    draw = Draw.objects.exclude(pk=first.pk).get(rule_code="key")
    assert office.text_content("[data-testid=frame-hash]") == draw.frame_hash
    office.fill("#id_secret", "专项整治办-64132536251436")
    _submit(office, "[data-testid=commit]")
    _submit(office, "[data-testid=close]")
    assert "至少需要专项整治办和纪检监察各一方" in office.content()

    inspector = sign_in("inspector")
    inspector.goto(office.url)
    inspector.fill("#id_secret", "纪检组-22516344125366")
    _submit(inspector, "[data-testid=commit]")
    _submit(office, "[data-testid=close]")
    office.fill("#id_secret", "专项整治办-64132536251436")
    _submit(office, "[data-testid=reveal]")
    inspector.reload()
    inspector.fill("#id_secret", "纪检组-22516344125367")  # a wrong secret is refused
    _submit(inspector, "[data-testid=reveal]")
    assert "与您提交的承诺值不符" in inspector.content()
    inspector.fill("#id_secret", "纪检组-22516344125366")
    _submit(inspector, "[data-testid=reveal]")
    draw.refresh_from_db()
    assert draw.status == DrawStatus.DONE
    assert inspector.text_content("[data-testid=seed]") == draw.seed
    assert draw.seed == protocol.seed(["专项整治办-64132536251436", "纪检组-22516344125366"])
    inspector.screenshot(path=str(_shots(tmp_path) / "draw-ceremony.png"), full_page=True)

    with inspector.expect_download() as download:
        inspector.click("[data-testid=bundle]")
    bundle = tmp_path / "bundle.zip"
    download.value.save_as(bundle)
    assert verification.verify_bundle(io.BytesIO(bundle.read_bytes())).seed == draw.seed
    checked = subprocess.run(
        [sys.executable, str(TOOL), "verify", str(bundle)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr

    office.goto(office.url.split("/draws/")[0] + f"/campaigns/{draw.rule.campaign_id}/draws/")
    assert "第 1 次（已作废）" in office.content()
    office.click("[data-testid=batch-link]")
    reasons = office.locator("[data-testid=batch] tbody tr").first.text_content()
    assert any(name in reasons for name in ("复查", "新评查", "重点评查"))
