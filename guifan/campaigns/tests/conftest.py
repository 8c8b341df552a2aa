import pytest

from guifan.campaigns import services


@pytest.fixture
def campaign(cast):
    """The seed's campaign of 2016, started by the city's office."""
    campaign = services.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    services.campaign_start(campaign=campaign, by=cast.office)
    return campaign
