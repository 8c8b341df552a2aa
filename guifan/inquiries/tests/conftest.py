from datetime import date, datetime

import pytest
from django.utils import timezone

from guifan.core.clock import frozen_at
from guifan.testing.factories import CaseFactory, PersonFactory

WORLD_DAY = timezone.make_aware(datetime(2016, 3, 25, 10, 0))

FIELDS = {
    "stage": "prosecution",
    "inquirer_name": "钱某",
    "inquirer_unit": "某区司法局",
    "inquirer_position": "副局长",
    "category": "leader",
    "occurred_on": date(2016, 3, 10),
    "channel": "phone",
    "content": "打电话询问案件何时起诉",
    "behaviour": "progress",
    "response": "procedure",
}


@pytest.fixture(autouse=True)
def _on_the_demo_day():
    with frozen_at(WORLD_DAY):
        yield


@pytest.fixture
def case(cast):
    """A case of unit A handled by the cast's handler."""
    return CaseFactory(
        unit=cast.unit_a,
        handler=cast.handler.person,
        status="open",
        accept_date=date(2016, 2, 1),
        close_date=None,
    )


@pytest.fixture
def colleague(cast):
    return PersonFactory(unit=cast.unit_a, name="孙检察官")
