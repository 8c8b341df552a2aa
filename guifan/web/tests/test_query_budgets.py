"""Query budgets of the main pages: a page costs the same number of queries with twice the
rows (cases in the 台账 and on the 工作台, problems on the rectification list and in the
campaign's gate), so that its cost does not grow with the province's data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guifan.cases.models import Case
from guifan.rectification.tests.conftest import campaign, record_problem  # noqa: F401
from guifan.testing.factories import CaseFactory

LEDGER_FILTERS = ["", "?status=closed&year=2015", "?q=盗窃&sort=-close_date", "?supervision=any"]
ROLES = ["office", "inspector", "liaison_a", "evaluator", "team_lead", "handler"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.fixture
def grow(cast, record_problem):  # noqa: F811
    """Add cases in both counties (handled by the cast's handler) and problems in unit A."""

    def _grow(n: int) -> None:
        for unit in (cast.unit_a, cast.unit_b):
            CaseFactory.create_batch(n, unit=unit, handler=cast.handler.person)
        for k in range(n):
            record_problem(text=f"第{Case.objects.count()}-{k}号问题：讯问未全程同步录音录像")

    return _grow


def _costs(client, urls) -> dict[str, int]:
    for url in urls:
        _queries(client, url)  # sessions, scope and caches warm up
    return {url: _queries(client, url) for url in urls}


@pytest.mark.parametrize("role", ROLES)
def test_the_workbench_costs_the_same_with_twice_the_rows(cast, login, grow, role):
    client = login(getattr(cast, role))
    url = reverse("web:dashboard")
    grow(3)
    small = _costs(client, [url])
    grow(3)
    assert _costs(client, [url]) == small


def test_the_ledger_with_filters_and_the_campaign_page_cost_the_same_with_twice_the_rows(
    cast,
    login,
    grow,
    campaign,  # noqa: F811
):
    client = login(cast.office)
    urls = [reverse("cases:ledger") + f for f in LEDGER_FILTERS]
    urls += [reverse("campaigns:detail", args=[campaign.pk]), reverse("rectification:list")]
    grow(4)
    small = _costs(client, urls)
    grow(4)
    large = _costs(client, urls)
    assert large == small
    assert Case.objects.count() == 16  # every ledger page above shows all its rows


def test_reading_the_main_pages_writes_nothing(cast, login, grow, campaign):  # noqa: F811
    """After the first page of the minute, a page that is only read makes no write and no
    commit: the idle clock's session save comes once a minute, not with every page."""
    grow(2)
    pages = {
        "office": ["web:dashboard", "cases:ledger", "rectification:list"],
        "liaison_a": ["web:dashboard", "cases:ledger"],
        "handler": ["web:dashboard", "evaluation:results"],
        "evaluator": ["web:dashboard", "evaluation:mine"],
    }
    for role, names in pages.items():
        client = login(getattr(cast, role))
        urls = [reverse(name) for name in names]
        urls += [reverse("campaigns:detail", args=[campaign.pk])] if role == "office" else []
        for url in urls:
            client.get(url)  # the first of the minute marks the session
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            writes = [
                q["sql"]
                for q in captured.captured_queries
                if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
            ]
            assert writes == [], (role, url)
