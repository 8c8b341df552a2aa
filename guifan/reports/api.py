"""Statistics API: the tables of the 领导驾驶舱 and of a unit's page, scoped like the pages
(the office and inspection of the issuing unit; a liaison its own unit only)."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema

from guifan.api.access import require_role
from guifan.api.errors import Id
from guifan.core import clock
from guifan.core.roles import Role
from guifan.reports.access import access_overview, access_unit_report
from guifan.reports.trends import campaign_statistics_cached

router = Router(tags=["reports"])
OVERSIGHT = (Role.OFFICE, Role.INSPECTION)


class TableOut(Schema):
    key: str
    title: str
    columns: list[str]
    rows: list[list[str | int | float]]
    chart: str
    note: str


class StatisticsOut(Schema):
    campaign_id: int
    unit_code: str | None
    as_of: date
    tables: list[TableOut]


def _answer(campaign, unit, tables) -> dict:
    return {
        "campaign_id": campaign.pk,
        "unit_code": unit.code if unit else None,
        "as_of": clock.today(),
        "tables": [vars(table) for table in tables],
    }


@router.get("/campaigns/{campaign_id}/statistics", response=StatisticsOut)
def statistics(request, campaign_id: Id):
    """Every statistic of the 领导驾驶舱 (the figures of the page and its .xlsx)."""
    require_role(request, *OVERSIGHT)
    campaign = access_overview(request.user, campaign_id)
    tables = campaign_statistics_cached(campaign=campaign, user=request.user)
    return _answer(campaign, None, tables)


@router.get("/campaigns/{campaign_id}/unit-statistics", response=StatisticsOut)
def unit_statistics(request, campaign_id: Id, unit: Id | None = None):
    """A unit's statistics: a liaison's own unit (``unit`` left out), or any unit the office
    or inspection oversees."""
    require_role(request, *OVERSIGHT, Role.LIAISON)
    campaign, found = access_unit_report(request.user, campaign_id, unit)
    tables = campaign_statistics_cached(campaign=campaign, user=request.user, unit=found)
    return _answer(campaign, found, tables)
