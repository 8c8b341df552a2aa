"""In a real browser, the seed's campaign from start to accepted report, with a moving clock."""

from datetime import datetime

import pytest
from django.utils import timezone

from guifan.core.clock import frozen_at
from guifan.demo.services import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page, selector):
    """Click a button that posts a form and wait for the page that answers it."""
    with page.expect_navigation():
        page.click(selector)


def _row(page, unit_code):
    return page.locator(f"[data-testid=progress] tr[data-unit='{unit_code}']")


def _day(month, day):
    return frozen_at(timezone.make_aware(datetime(2016, month, day, 10)))


def test_the_seed_flow_from_template_to_accepted_report(sign_in, tmp_path):
    demo_load(cases=0)
    document = tmp_path / "关于印发案件质量评查实施细则的通知.pdf"
    document.write_bytes(b"%PDF-1.4 demo")
    with _day(3, 14):
        office = sign_in("office")
        office.click("text=专项活动")
        office.click("text=新建活动（从模板）")
        office.fill("#id_year", "2016")
        _submit(office, "button:has-text('创建')")
        _submit(office, "[data-testid=start]")
        campaign_url = office.url
        assert "待办" in _row(office, "980102").inner_text()

        liaison = sign_in("liaison")
        liaison.goto(campaign_url)
        assert liaison.locator("[data-testid=progress] tbody tr").count() == 1  # own unit only
        liaison.click("text=查遗补缺问题清单")
        for text in ("讯问未全程同步录音录像", "律师阅卷申请超过三个工作日才安排"):
            liaison.select_option("#id_heading", label="制度执行")
            liaison.select_option("#id_category", index=1)
            liaison.fill("#id_description", text)
            liaison.fill("#id_responsible", "反贪污贿赂局")
            liaison.fill("#id_measure", "逐案检查并建立提醒")
            liaison.fill("#id_deadline", "2016-04-30")
            _submit(liaison, "button:has-text('登记')")
        assert liaison.locator("[data-testid=problems] tbody tr").count() == 2

        liaison.goto(campaign_url)
        liaison.click("text=机制建设计划")
        liaison.select_option("#id_area", label="案件评查")
        liaison.fill("#id_title", "案件质量评查实施细则")
        liaison.fill("#id_summary", "明确评查程序、标准和结果运用")
        liaison.fill("#id_owner", "案件管理中心")
        liaison.fill("#id_planned_date", "2016-03-25")
        _submit(liaison, "button:has-text('登记')")
        liaison.set_input_files("input[name=document]", str(document))
        _submit(liaison, "text=上传文件并标记出台")
        assert liaison.inner_text("[data-testid=plan-status]") == "已出台"

    with _day(3, 28):
        liaison.goto(campaign_url)
        liaison.click("text=开展情况报送")
        liaison.fill("#id_body", "一、工作开展情况……")
        _submit(liaison, "[data-testid=submit-report]")
        assert liaison.inner_text("[data-testid=report-status]") == "已报送"
        office.goto(campaign_url)
        assert "已报送" in _row(office, "980102").inner_text()

        office.click("text=开展情况报告")
        office.click("text=查看")
        office.fill("#id_comment", "请补充整改数据")
        _submit(office, "[data-testid=return]")
        office.goto(campaign_url)
        assert "已退回" in _row(office, "980102").inner_text()

        liaison.reload()
        assert "请补充整改数据" in liaison.content()
        liaison.fill("#id_body", "一、工作开展情况……二、整改数据……")
        _submit(liaison, "[data-testid=submit-report]")

        office.click("text=开展情况报告")
        office.click("text=查看")
        _submit(office, "[data-testid=accept]")
        office.goto(campaign_url)
        assert "已通过" in _row(office, "980102").inner_text()
        assert "gf-row-late" not in (_row(office, "980103").get_attribute("class") or "")

    with _day(4, 2):
        office.reload()
        late_row = _row(office, "980103")
        assert "gf-row-late" in late_row.get_attribute("class")
        assert late_row.locator(".gf-light-red").count() > 0
