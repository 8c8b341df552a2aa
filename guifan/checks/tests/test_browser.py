"""In a real browser, on the demo: the office opens a finding of the automated check, reads
the law it rests on, confirms it; the problem is on the 整改清单 with a link back; the
evaluator who then evaluates the case finds it already on the 登记表. And the 流程监控通知书
from the office to the handler and back."""

from datetime import date

import pytest

from guifan.accounts.models import User
from guifan.campaigns.models import Campaign
from guifan.checks.models import Finding, MonitorNotice
from guifan.demo.campaign import at
from guifan.demo.services import demo_load
from guifan.evaluation.models import Assignment
from guifan.rectification.models import Item, Source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_confirm_goes_onto_the_list_and_into_the_evaluation_form(sign_in, live_server):
    demo_load(cases=300)
    # A finding the office decides (not a conduct matter) in a case nobody evaluates yet.
    finding = (
        Finding.objects.filter(rule__in=("R4-12", "R2-04", "R2-05", "R3-13", "R4-01"))
        .exclude(case__assignments__isnull=False)
        .first()
    )
    assert finding is not None
    base = live_server.url
    with at(25, 9):
        office = sign_in("office")
        office.goto(f"{base}/checks/?rule={finding.rule}")
        office.click(f"tr[data-finding='{finding.pk}'] a")
        assert office.locator("[data-testid=explanation]").inner_text() == finding.explanation
        assert office.locator("[data-testid=quote]").count() >= 1
        office.fill("#id_note", "经核实属实")
        _submit(office, "button:has-text('确认问题并列入整改清单')")
        assert "已确认" in office.locator("[data-testid=status]").inner_text()
        item = Item.objects.get(source=Source.CHECK)
        office.goto(f"{base}/rectification/")
        row = office.locator(f"tr[data-item='{item.pk}']")
        assert "智能辅助评查" in row.inner_text()
        row.locator("a").first.click()
        office.click("text=智能辅助评查发现的问题")
        assert office.url.endswith(f"/checks/findings/{finding.pk}/")

    evaluator = User.objects.get(username="evaluator")
    assignment = Assignment.objects.create(
        campaign=Campaign.objects.get(), case=finding.case, evaluator=evaluator.person,
        reasons="新评查", deadline=date(2016, 3, 31),
    )  # fmt: skip
    with at(25, 10):
        page = sign_in("evaluator")
        page.goto(f"{base}/my-tasks/{assignment.pk}/form/")
        _submit(page, "[data-testid=start-form]")
        text = page.locator("#id_f0_description").input_value()
        assert text.startswith(finding.rule) and "已确认并列入整改清单" in text


def test_a_monitoring_notice_goes_to_the_handler_and_comes_back_answered(sign_in, live_server):
    """流程监控: the office issues a 流程监控通知书 for an open case near its deadline and one
    for a case past it; the handler finds the first on the 工作台 and replies; the office
    sees it answered, and the unanswered one on the overdue list once its reply date passed."""
    from guifan.testing.factories import CaseFactory

    demo_load(cases=0)
    handler = User.objects.get(username="handler").person
    # 审查起诉 from 02-29 ends Tue 03-29; from 02-10 it ended 03-10.
    soon, late = (
        CaseFactory(unit=handler.unit, handler=handler, category="审查起诉(一审)",
                    accept_date=accepted, close_date=None, status="in_progress")
        for accepted in (date(2016, 2, 29), date(2016, 2, 10))
    )  # fmt: skip
    base = live_server.url
    with at(25, 9):
        office = sign_in("office")
        for case in (soon, late):
            office.goto(f"{base}/checks/monitor/?extra=5")
            office.click(f"tr[data-case='{case.case_no}'] [data-testid=issue]")
            assert "流程监控通知书" in office.content()
            _submit(office, "[data-testid=issue-notice]")
            assert "流程监控通知书已发出" in office.content()
    mine = MonitorNotice.objects.get(case=soon)
    with at(25, 10):
        page = sign_in("handler")
        todo = page.locator(f"a:has-text('回复{soon.case_no}的流程监控通知书')")
        assert todo.count() == 1
        _submit(page, f"a:has-text('回复{soon.case_no}的流程监控通知书')")
        assert page.url.endswith(f"/checks/notices/{mine.pk}/")
        page.fill("#id_reply", "已于3月28日提起公诉")
        _submit(page, "button:has-text('提交回复')")
        assert "已于3月28日提起公诉" in page.locator("[data-testid=reply]").inner_text()
        page.goto(f"{base}/")
        assert page.locator(f"a:has-text('回复{soon.case_no}的流程监控通知书')").count() == 0
    with at(31, 9):  # past the reply date 03-30
        office = sign_in("office")
        office.goto(f"{base}/checks/notices/")
        answered = office.locator(f"tr[data-notice='{mine.pk}']").inner_text()
        assert "2016-03-25" in answered and "逾期" not in answered and "待回复" not in answered
        office.goto(f"{base}/checks/monitor/overdue/")
        assert office.locator(f"[data-testid=overdue] tr[data-case='{late.case_no}']").count() == 1
        unanswered = office.locator(f"[data-testid=notices] tr[data-case='{late.case_no}']")
        assert "逾期未回复" in unanswered.inner_text()
        assert office.locator(f"[data-testid=notices] tr[data-notice='{mine.pk}']").count() == 0
