"""In a real browser, on the demo: the office opens a finding of the automated check, reads
the law it rests on, confirms it; the problem is on the 整改清单 with a link back; the
evaluator who then evaluates the case finds it already on the 登记表."""

from datetime import date

import pytest

from guifan.accounts.models import User
from guifan.campaigns.models import Campaign
from guifan.checks.models import Finding
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
