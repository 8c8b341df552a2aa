"""The 工作台's closed counts and the ledger's cached count follow every import."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guifan.cases.services import cases_import
from guifan.cases.tallies import cases_changed
from guifan.testing.factories import CaseFactory
from guifan.testing.files import case_row, write_csv


def bars(client) -> dict[str, int]:
    response = client.get(reverse("web:dashboard"))
    return {bar["label"]: bar["total"] for bar in response.context["case_bars"]}


def test_the_closed_counts_follow_each_import_of_cases(registry, login, tmp_path):
    office = login(registry.office)
    rows = [case_row(n) for n in range(1, 4)] + [case_row(n, unit="970103") for n in (4, 5)]
    cases_import(path=write_csv(tmp_path / "cases.csv", rows), kind="cases")
    assert bars(office) == {"甲区": 3, "乙县": 2}
    # A second file closes one of 甲区's cases in 2016 and one more of 乙县's in 2015.
    rows = [case_row(1, 办结日期="2016-01-05"), case_row(6, unit="970103")]
    cases_import(path=write_csv(tmp_path / "more.csv", rows), kind="cases")
    assert bars(office) == {"甲区": 2, "乙县": 3}
    assert bars(login(registry.liaison_a)) == {"甲区": 2}


def test_a_failed_import_still_refreshes_what_it_wrote(registry, login, tmp_path):
    rows = [case_row(1), case_row(2, 受理日期="坏日期")]
    result = cases_import(path=write_csv(tmp_path / "cases.csv", rows), kind="cases")
    assert result.rejected == 1
    assert bars(login(registry.office)) == {"甲区": 1}


def test_an_import_that_breaks_off_still_counts_what_it_wrote_and_reports_its_error(
    registry, login, tmp_path, monkeypatch
):
    from guifan.cases.importing.engine import Importer

    imported = Importer.run

    def run_then_break(self, *args, **kwargs):
        imported(self, *args, **kwargs)
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(Importer, "run", run_then_break)
    with pytest.raises(RuntimeError, match="磁盘已满"):
        cases_import(path=write_csv(tmp_path / "cases.csv", [case_row(1)]), kind="cases")
    assert bars(login(registry.office)) == {"甲区": 1}


def ledger_total(client) -> int:
    return client.get(reverse("cases:ledger")).context["page"].paginator.count


def test_the_ledger_count_follows_a_version_bumped_by_another_process(registry, login):
    """The worker imports in its own process with its own cache: the version lives in the
    database, so the web's cached "共 N 条" is not kept past the import."""
    CaseFactory(unit=registry.unit_a)
    client = login(registry.liaison_a)
    assert ledger_total(client) == 1
    CaseFactory(unit=registry.unit_a)
    assert ledger_total(client) == 1  # cached
    cases_changed(tallies=False)  # as the worker does after an import, in its own process
    assert ledger_total(client) == 2


def dashboard_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("web:dashboard")).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_the_office_dashboard_costs_the_same_queries_with_ten_times_the_cases(
    registry, login, tmp_path
):
    office = login(registry.office)
    few = [case_row(n, unit=("970102", "970103")[n % 2]) for n in range(1, 5)]
    cases_import(path=write_csv(tmp_path / "few.csv", few), kind="cases")
    dashboard_queries(office)  # sessions and scope warm up
    small = dashboard_queries(office)
    many = [case_row(n, unit=("970102", "970103")[n % 2]) for n in range(5, 45)]
    cases_import(path=write_csv(tmp_path / "many.csv", many), kind="cases")
    large = dashboard_queries(office)
    assert bars(office) == {"甲区": 22, "乙县": 22}
    # The budget grows by one query per new 工作台 panel, never with the number of cases
    # (and one per request for the days the office added to the working-day calendar).
    assert len(large) == len(small) <= 28
    # No query of the 工作台 reads the case table, not even as a join left behind by a model's
    # ordering in a grouped count of forms.
    assert not [sql for sql in large if '"cases_case"' in sql]
