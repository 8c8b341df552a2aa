"""A unit's 开展情况 report starts from the unit's own figures (the hand-made campaign)."""

import html

import pytest
from django.urls import reverse

from guifan.campaigns.models import Report


def _body(client, campaign) -> str:
    page = client.get(reverse("campaigns:my_report", args=[campaign.pk]))
    assert page.status_code == 200
    text = html.unescape(page.content.decode())
    return text[text.index("<textarea") : text.index("</textarea>")]


A = (
    "liaison_a",
    [
        "甲区人民检察院关于开展2016年规范司法行为专项整治“回头看”活动情况的报告",
        "应报送工作4项，已报送2项，超期3项",
        "共发现问题2个",
        "已出评查结果2件（优质1件、合格1件）",
        "列入整改清单的问题2个，已销号1个，超期未整改1个",
    ],
    ["乙县"],
)
# 乙县's only result is still in its objection period: not final, not the unit's yet.
B = (
    "liaison_b",
    [
        "乙县人民检察院关于",
        "应报送工作4项，已报送0项，超期4项",
        "共发现问题1个",
        "已出评查结果0件。",
        "列入整改清单的问题1个，已销号0个，超期未整改0个",
    ],
    ["甲区", "优质"],
)


@pytest.mark.parametrize(("who", "present", "absent"), [A, B])
def test_a_liaison_finds_its_own_units_figures_and_no_other_units(
    cast, world, login, who, present, absent
):
    body = _body(login(getattr(cast, who)), world)
    assert [text for text in present if text not in body] == []
    assert [text for text in absent if text in body] == []


def test_a_saved_report_shows_its_own_text_not_the_template(cast, world, login):
    Report.objects.create(campaign=world, unit=cast.unit_a, body="我院自己写的报告。")
    body = _body(login(cast.liaison_a), world)
    assert "我院自己写的报告。" in body and "应报送工作" not in body
