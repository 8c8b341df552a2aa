from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from guifan.campaigns import services as campaigns
from guifan.core.clock import frozen_at

RECORDING = "执行办案规范和纪律不严"
RUDENESS = "司法作风简单粗暴"  # a conduct matter: discipline inspection verifies it


def on(month: int, day: int, year: int = 2016):
    return frozen_at(timezone.make_aware(datetime(year, month, day, 10)))


def evidence(name: str = "整改报告.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 evidence", content_type="application/pdf")


@pytest.fixture
def campaign(cast):
    """The seed's campaign of 2016, started by the city's office on 3月14日."""
    with on(3, 14):
        campaign = campaigns.campaign_create_from_template(
            template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
        )
        campaigns.campaign_start(campaign=campaign, by=cast.office)
    return campaign


@pytest.fixture
def record_problem(campaign, cast):
    """Record a self-examination problem for a unit (by its liaison), returning its item."""

    def _record(*, unit=None, category=RECORDING, text="讯问未全程同步录音录像", when=(3, 20)):
        unit = unit or cast.unit_a
        liaison = cast.liaison_a if unit == cast.unit_a else cast.liaison_b
        with on(*when):
            problem = campaigns.problem_record(
                campaign=campaign,
                unit=unit,
                by=liaison,
                heading=campaign.checklist.get(kind="heading", label="制度执行"),
                category=campaign.checklist.get(kind="category", label=category),
                description=text,
                responsible="反贪污贿赂局",
                measure="重申同录规定",
                deadline=date(2016, 5, 31),
            )
        return problem.rectification

    return _record
