from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from guifan.campaigns import services as campaigns
from guifan.core.clock import frozen_at

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2016, 3, 25)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


@pytest.fixture
def on_world_date():
    """The business clock on the demo's date, 2016-03-25."""
    with frozen_at(at(TODAY)):
        yield TODAY


@pytest.fixture
def campaign(cast, on_world_date):
    """The seed's campaign, running: confirmed findings go onto its 整改清单."""
    campaign = campaigns.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    campaigns.campaign_start(campaign=campaign, by=cast.office)
    return campaign
