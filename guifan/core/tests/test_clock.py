"""The business clock: a demo lives on its world's date, everything else on the real one."""

from datetime import date, datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from guifan.core import clock

WORLD = date(2016, 3, 25)


def test_without_a_business_date_the_real_clock_rules():
    assert clock.business_date() is None
    assert abs((clock.now() - timezone.now()).total_seconds()) < 5


@override_settings(GUIFAN_TODAY=WORLD)
def test_a_business_date_keeps_the_real_time_of_day():
    moment = clock.now()
    assert clock.today() == WORLD
    real = timezone.localtime(timezone.now())
    assert abs(timezone.localtime(moment).hour * 60 + timezone.localtime(moment).minute
               - real.hour * 60 - real.minute) <= 1  # fmt: skip


@override_settings(GUIFAN_TODAY=WORLD)
def test_a_frozen_moment_still_wins_in_tests():
    moment = timezone.make_aware(datetime(2016, 3, 14, 9))
    with clock.frozen_at(moment):
        assert clock.now() == moment


@pytest.mark.django_db
@override_settings(GUIFAN_TODAY=WORLD)
def test_actions_and_pages_carry_the_world_date(cast, login):
    from guifan.campaigns import services

    campaign = services.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    assert timezone.localdate(campaign.created_at) == WORLD
    page = login(cast.office).get("/").content.decode()
    assert "演示日期 2016-03-25" in page


@pytest.mark.django_db
def test_no_world_date_is_shown_on_a_real_deployment(cast, login):
    assert "演示日期" not in login(cast.office).get("/").content.decode()
