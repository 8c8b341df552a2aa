import pytest

from guifan.testing.factories import DepartmentFactory, PersonFactory


@pytest.fixture
def registry(cast):
    """The cast's units with a 公诉科 each and one prosecutor in unit A."""
    for unit in (cast.city, cast.unit_a, cast.unit_b):
        DepartmentFactory(unit=unit, name="公诉科")
    PersonFactory(unit=cast.unit_a, staff_no="9701020001", name="王检察官")
    return cast
