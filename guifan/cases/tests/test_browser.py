"""In a real browser: a liaison imports a case list, sees the outcome and finds the cases."""

import pytest

from guifan.demo.services import DEMO_PASSWORD, demo_load
from guifan.testing.files import write_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _row(no: int, **overrides) -> dict:
    row = {
        "部门受案号": f"临江检公诉受[2015]9{no:03d}号",
        "案件名称": f"浏览器测试{no}号盗窃案",
        "案件类别": "审查起诉(一审)",
        "单位编码": "980102",
        "承办部门": "公诉科",
        "受理日期": "2015/3/14",
        "案件状态": "已结案",
    }
    row.update(overrides)
    return row


def test_liaison_imports_a_case_list_and_finds_it_in_the_ledger(page, tmp_path):
    demo_load(cases=0)
    path = write_csv(
        tmp_path / "案件清单.csv",
        [_row(1), _row(2), _row(3, 受理日期="2015年2月30日")],
        encoding="gbk",
    )
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("#id_username", "liaison")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.click("text=数据导入")
    page.set_input_files("#id_file", str(path))
    page.click("text=开始导入")
    page.wait_for_selector("[data-status=done]")
    assert page.inner_text("[data-testid=imported]") == "2"
    assert page.inner_text("[data-testid=rejected]") == "1"
    assert page.is_visible("text=下载错误报告")
    page.click("text=案件台账")
    page.fill("#id_q", "浏览器测试")
    page.click("text=查询")
    assert "共 2 条" in page.content()
    page.click("text=临江检公诉受[2015]9001号")
    assert page.is_visible("[data-testid=timeline]")
