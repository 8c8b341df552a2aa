"""The statistics API: the page's tables as JSON, scoped like the pages."""

import pytest

from guifan.reports.trends import campaign_statistics


def _get(client, campaign, path="statistics", **query):
    return client.get(f"/api/reports/campaigns/{campaign.pk}/{path}", query)


def _tables(response) -> dict:
    assert response.status_code == 200, response.content
    return {table["key"]: table for table in response.json()["tables"]}


def test_the_office_gets_the_figures_of_the_overview(cast, checked, login):
    tables = _tables(_get(login(cast.office), checked))
    page = {t.key: t for t in campaign_statistics(campaign=checked, user=cast.office)}
    assert tables.keys() == page.keys()
    assert all(tables[key]["rows"] == page[key].rows for key in page)
    assert tables["progress"]["rows"][1] == ["甲区", 1, 0, 0, 1, 4, 2, 3, 50.0]
    assert tables["check_rules"]["rows"][0][1:] == [1, 2, 0, 0, 3, 100.0]
    assert _tables(_get(login(cast.inspector), checked))["progress"]["rows"][1][0] == "甲区"


def test_a_liaison_gets_its_own_unit_and_nothing_else(cast, checked, login):
    client = login(cast.liaison_a)
    answer = _get(client, checked, "unit-statistics")
    assert answer.json()["unit_code"] == cast.unit_a.code
    tables = _tables(answer)
    assert [row[0] for row in tables["progress"]["rows"]] == ["甲区"]
    assert {row[0] for row in tables["lookback_unit"]["rows"]} == {"甲区"}
    assert [row[0][:5] for row in tables["check_rules"]["rows"]] == ["R1-03"]
    assert _get(client, checked, "unit-statistics", unit=cast.unit_b.pk).status_code == 404
    assert _get(client, checked).status_code == 403


def test_the_office_asks_for_any_units_figures(cast, checked, login):
    tables = _tables(_get(login(cast.office), checked, "unit-statistics", unit=cast.unit_b.pk))
    assert tables["progress"]["rows"] == [["乙县", 0, 0, 0, 0, 4, 0, 4, 0.0]]


@pytest.mark.parametrize("who", ["evaluator", "handler", "team_lead", "sysadmin", "auditadmin"])
def test_everyone_else_is_refused(cast, checked, login, who):
    client = login(getattr(cast, who))
    assert _get(client, checked).status_code == 403
    assert _get(client, checked, "unit-statistics").status_code == 403


def test_a_signed_out_caller_is_refused(client, checked):
    assert _get(client, checked).status_code == 401
