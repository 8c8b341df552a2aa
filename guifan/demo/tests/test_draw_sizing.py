"""A world bigger than its talent pool can evaluate draws fewer cases: every case rule's
ratio scaled down alike, so that the batch fits the pool."""

from decimal import Decimal

import pytest

from guifan.campaigns.models import Campaign
from guifan.demo import draws
from guifan.demo.services import demo_load
from guifan.draws.frames import frame_size
from guifan.draws.models import KEY_POPULATIONS, DrawKind
from guifan.org.models import TalentPoolMember


@pytest.mark.django_db
def test_case_draws_are_scaled_down_alike_to_what_the_pool_can_evaluate(monkeypatch):
    demo_load(cases=400)
    rules = list(Campaign.objects.get().draw_rules.filter(kind=DrawKind.CASES))
    before = {rule.pk: Decimal(rule.ratio) for rule in rules}
    draws.size_case_draws(rules)  # the pool of a 400-case world takes its batch
    assert {rule.pk: Decimal(rule.ratio) for rule in rules} == before

    monkeypatch.setattr(draws, "MAX_LOAD", Decimal("2.1"))  # a tenth of a case each
    draws.size_case_draws(rules)
    capacity = TalentPoolMember.objects.filter(active=True).count() * Decimal("0.1")
    demand = sum(
        frame_size(r) * Decimal(r.ratio) * (2 if r.population in KEY_POPULATIONS else 1)
        for r in rules
    )
    assert 0 < demand <= capacity
    factors = {Decimal(r.ratio) / before[r.pk] for r in rules}
    assert max(factors) - min(factors) < Decimal("0.0001") and max(factors) < 1
