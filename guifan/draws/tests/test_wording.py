"""The draw pages speak Chinese: rule names instead of codes, and the ceremony explained."""

import re

import pytest
from django.urls import reverse

from guifan.draws import services
from guifan.draws.models import DrawRule
from guifan.draws.tests.conftest import run_ceremony

CODES = re.compile(r"\b(recheck|new|key|evaluators|guifan-draw-v1)\b")


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def draw(campaign, cast):
    rule = DrawRule.objects.get(campaign=campaign, code="key")
    return run_ceremony(services.draw_freeze(rule=rule, by=cast.office), cast)


@pytest.mark.parametrize("who", ["office", "inspector"])
def test_draw_pages_name_rules_in_chinese_and_explain_the_ceremony(draw, cast, login, who):
    client = login(getattr(cast, who))
    for url in (
        reverse("draws:campaign", args=[draw.rule.campaign_id]),
        reverse("draws:detail", args=[draw.pk]),
    ):
        text = _visible(client.get(url).content.decode())
        assert not CODES.findall(text), (url, CODES.findall(text))
        assert "重点评查" in text
        for term in ("承诺值", "揭示密钥", "种子", "哈希", "抽样框"):
            assert term in text
        assert "像内容的“指纹”" in text  # what a hash is, in plain words
