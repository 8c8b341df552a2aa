"""In a real browser: the handler records an inquiry from the case page; the inspector finds
it in the list, the liaison does not."""

import pytest

from guifan.demo.services import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_handler_records_an_inquiry_from_the_case_page(sign_in, live_server):
    from guifan.accounts.models import User
    from guifan.cases.models import Case
    from guifan.inquiries.models import InquiryRecord

    demo_load(cases=300)
    person = User.objects.get(username="handler").person
    case = Case.objects.filter(handler=person).order_by("pk").first()
    before = InquiryRecord.objects.count()
    handler = sign_in("handler")
    handler.goto(f"{live_server.url}/cases/{case.pk}/")
    handler.click("[data-testid=case-inquiries] a:has-text('登记过问情况')")
    assert handler.input_value("#id_case_no") == case.case_no
    handler.select_option("#id_stage", label="审查起诉")
    handler.fill("#id_occurred_on", "2016-03-21")
    handler.fill("#id_inquirer_name", "吴某")
    handler.fill("#id_inquirer_unit", "某区司法局")
    handler.fill("#id_inquirer_position", "副局长")
    handler.select_option("#id_category", label="领导干部")
    handler.select_option("#id_channel", label="电话")
    handler.fill("#id_content", "打电话询问嫌疑人能否取保候审")
    handler.select_option("#id_behaviour", label="了解案事件进展")
    handler.select_option("#id_response", label="告知按程序办理")
    handler.click("[data-testid=inquiry-form] button[type=submit]")
    handler.wait_for_selector("[data-testid=inquiry-fields]")
    assert "吴某" in handler.inner_text("[data-testid=inquiry-fields]")
    assert InquiryRecord.objects.count() == before + 1
    item = InquiryRecord.objects.order_by("pk").last()
    inspector = sign_in("inspector")
    inspector.goto(f"{live_server.url}/inquiries/")
    assert inspector.is_visible(f"[data-inquiry='{item.pk}']")
    liaison = sign_in("liaison")
    response = liaison.goto(f"{live_server.url}/inquiries/{item.pk}/")
    assert response.status == 403
