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


def fill_headings(task, by, **texts):
    """The self-examination task's record under every heading: nothing found, explained."""
    from guifan.campaigns.headings import heading_record_save, headings_of

    for heading in headings_of(task.track.campaign):
        heading_record_save(
            task=task,
            heading=heading,
            by=by,
            examined=texts.get("examined", f"逐件检查了“{heading.label}”方面的卷宗和台账"),
            none_reason=texts.get("none_reason", "抽查二十件案件，未发现问题"),
        )
