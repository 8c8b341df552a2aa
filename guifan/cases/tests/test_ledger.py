"""The 案件台账 in daily use: sorting on the indexed columns, getting to any page, finding a
category by its beginning, and reading an import's rejected rows on the page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guifan.cases.models import Case, ImportRun
from guifan.testing.factories import CaseFactory
from guifan.testing.files import case_row, write_csv

D = datetime.date


@pytest.fixture
def dated(registry):
    """Three cases of unit A accepted and closed on different days, one still open."""
    return {
        "early": CaseFactory(
            unit=registry.unit_a, accept_date=D(2015, 1, 5), close_date=D(2015, 6, 1)
        ),
        "middle": CaseFactory(
            unit=registry.unit_a, accept_date=D(2015, 3, 5), close_date=D(2015, 4, 1)
        ),
        "open": CaseFactory(unit=registry.unit_a, accept_date=D(2015, 9, 5), close_date=None),
        "late": CaseFactory(
            unit=registry.unit_a, accept_date=D(2015, 7, 5), close_date=D(2015, 8, 1)
        ),
    }


def _order(client, dated, **params) -> list[str]:
    names = {case.pk: key for key, case in dated.items()}
    page = client.get(reverse("cases:ledger"), params).context["page"]
    return [names[case.pk] for case in page]


def test_ledger_sorts_by_accept_date_close_date_and_case_number(registry, dated, login):
    client = login(registry.liaison_a)
    assert _order(client, dated) == ["open", "late", "middle", "early"]
    assert _order(client, dated, sort="accept_date") == ["early", "middle", "late", "open"]
    # A case not yet closed counts as the latest, on every database.
    assert _order(client, dated, sort="-close_date") == ["open", "late", "early", "middle"]
    assert _order(client, dated, sort="close_date") == ["middle", "early", "late", "open"]
    by_no = sorted(dated, key=lambda key: dated[key].case_no_norm)
    assert _order(client, dated, sort="case_no") == by_no
    assert _order(client, dated, sort="-case_no") == by_no[::-1]


def test_column_heads_link_to_the_other_direction_and_keep_the_filters(registry, dated, login):
    body = (
        login(registry.liaison_a)
        .get(reverse("cases:ledger"), {"sort": "-close_date", "year": 2015, "page": 1})
        .content.decode()
    )
    assert 'aria-sort="descending"' in body
    assert "?sort=close_date&amp;year=2015" in body  # page dropped, filter kept
    assert "办结日期 ↓" in body


def test_pager_offers_first_last_and_a_page_to_jump_to(registry, login):
    CaseFactory.create_batch(45, unit=registry.unit_a)
    client = login(registry.liaison_a)
    first = client.get(reverse("cases:ledger"), {"year": 2015}).content.decode()
    assert 'data-testid="last-page"' in first and "page=3" in first
    assert 'data-testid="first-page"' not in first
    assert '<input type="hidden" name="year" value="2015">' in first
    assert 'name="page" min="1" max="3"' in first
    last = client.get(reverse("cases:ledger"), {"page": 3}).content.decode()
    assert "第 3 / 3 页" in last and 'data-testid="first-page"' in last


@pytest.mark.parametrize("sort", ["-accept_date", "close_date", "-case_no"])
def test_every_page_holds_the_rows_an_offset_would_give(registry, login, sort):
    for day in range(45):
        CaseFactory(unit=registry.unit_a, accept_date=D(2015, 1, 1) + datetime.timedelta(day % 7))
    client = login(registry.liaison_a)
    everything = list(
        client.get(reverse("cases:ledger"), {"sort": sort, "size": 100}).context["page"]
    )
    pages = [
        list(client.get(reverse("cases:ledger"), {"sort": sort, "page": n}).context["page"])
        for n in (1, 2, 3)
    ]
    assert [case.pk for page in pages for case in page] == [case.pk for case in everything]


def test_the_last_page_costs_no_more_queries_than_the_first(
    registry, login, django_assert_max_num_queries
):
    CaseFactory.create_batch(45, unit=registry.unit_a)
    client = login(registry.liaison_a)
    client.get(reverse("cases:ledger"), {"sort": "-close_date"})  # counts are cached now
    with django_assert_max_num_queries(11):
        client.get(reverse("cases:ledger"), {"sort": "-close_date", "page": 3})


def test_category_matches_its_beginning_and_is_suggested_from_visible_cases(registry, login):
    CaseFactory(unit=registry.unit_a, name="甲", category="审查起诉(一审)")
    CaseFactory(unit=registry.unit_a, name="乙", category="不起诉审查")
    CaseFactory(unit=registry.unit_b, name="丙", category="乙县专有类别")
    client = login(registry.liaison_a)
    response = client.get(reverse("cases:ledger"), {"category": "审查起诉"})
    assert [case.name for case in response.context["page"]] == ["甲"]
    body = response.content.decode()
    assert '<option value="不起诉审查">' in body and 'list="case-categories"' in body
    assert "乙县专有类别" not in body


def test_closing_before_accepting_is_refused_with_the_two_dates(registry, tmp_path):
    from guifan.cases.services import cases_import

    rows = [case_row(1), case_row(2, 受理日期="2015-05-10", 办结日期="2015-05-09")]
    result = cases_import(path=write_csv(tmp_path / "c.csv", rows), kind="cases")
    assert (result.imported, result.rejected) == (1, 1)
    error = result.errors[0]
    assert (error.line, error.column) == (3, "办结日期")
    assert "办结日期 2015-05-09 早于受理日期 2015-05-10" in error.reason
    assert not Case.objects.filter(name="张某2盗窃案").exists()


def test_an_imports_rejected_rows_are_listed_on_its_page_in_pages(registry, login, tmp_path):
    rows = [case_row(n, 受理日期="bad") for n in range(1, 61)] + [case_row(61)]
    path = write_csv(tmp_path / "cases.csv", rows)
    client = login(registry.liaison_a)
    upload = SimpleUploadedFile("cases.csv", path.read_bytes(), content_type="text/csv")
    client.post(reverse("cases:import"), {"kind": "cases", "file": upload})
    run = ImportRun.objects.get()
    first = client.get(reverse("cases:import_run", args=[run.pk]))
    listed = list(first.context["rejections"])
    assert len(listed) == 50 and listed[0].line == 2
    body = first.content.decode()
    assert 'data-testid="rejections"' in body and "受理日期" in body and "第 1 / 2 页" in body
    second = client.get(reverse("cases:import_run", args=[run.pk]), {"page": 2})
    assert [r.line for r in second.context["rejections"]] == list(range(52, 62))
    assert (
        login(registry.liaison_b).get(reverse("cases:import_run", args=[run.pk])).status_code == 404
    )


def test_evaluated_filter_lists_evaluated_cases_newest_first_and_a_tier_needs_a_year(
    registry, dated, login
):
    Case.objects.filter(pk__in=[dated["early"].pk, dated["late"].pk]).update(
        prior_eval_year=2015, prior_eval_tier="city"
    )
    # A tier without the year it was evaluated in: the case page shows no evaluation.
    Case.objects.filter(pk=dated["middle"].pk).update(prior_eval_tier="city")
    client = login(registry.liaison_a)
    assert _order(client, dated, evaluated="yes") == ["late", "early"]
    assert _order(client, dated, evaluated="city") == ["late", "early"]
    assert _order(client, dated, evaluated="no") == ["open", "middle"]


DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _pager(client, **params) -> tuple[str, list]:
    response = client.get(reverse("cases:ledger"), params)
    return response.content.decode(), list(response.context["page"])


def test_a_view_past_the_count_cap_says_at_least_until_the_worker_has_counted(
    registry, dated, login, settings
):
    from guifan.cases.models import LedgerCount
    from guifan.cases.tasks import count_ledger

    settings.GUIFAN_LEDGER_COUNT_CAP = 2
    settings.TASKS = DUMMY_TASKS  # the worker has not run yet
    client = login(registry.liaison_a)
    body, rows = _pager(client, size=20)
    assert "2 条以上（正在统计总数）" in body and "共 4 条" not in body
    assert 'data-testid="last-page"' not in body  # its number is not known yet
    assert [c.pk for c in rows] == [dated["open"].pk, dated["late"].pk]  # from the top
    assert LedgerCount.objects.count() == 0
    # The worker counts in the liaison's own scope and keeps the figure for this version.
    assert count_ledger.call(registry.liaison_a.pk, {}) == 4
    body, rows = _pager(client, size=20)
    assert "共 4 条" in body and len(rows) == 4
    # Another scope with the same filters has its own count (liaison B sees no case of A).
    body, _rows = _pager(login(registry.liaison_b), size=20)
    assert "共 0 条" in body


def test_a_write_to_the_registry_makes_the_stored_count_stale(registry, dated, login, settings):
    from guifan.cases.models import LedgerCount
    from guifan.cases.tallies import cases_changed
    from guifan.cases.tasks import count_ledger

    settings.GUIFAN_LEDGER_COUNT_CAP = 2
    settings.TASKS = DUMMY_TASKS
    client = login(registry.liaison_a)
    count_ledger.call(registry.liaison_a.pk, {})
    CaseFactory(unit=registry.unit_a)
    cases_changed()
    body, _rows = _pager(client)
    assert "2 条以上" in body  # the 4 of the last version is not shown for 5 cases
    assert count_ledger.call(registry.liaison_a.pk, {}) == 5
    assert "共 5 条" in _pager(client)[0]
    assert list(LedgerCount.objects.values_list("total", flat=True)) == [5]  # old one gone


def test_with_a_worker_in_process_the_first_view_past_the_cap_is_exact(
    registry, dated, login, settings
):
    settings.GUIFAN_LEDGER_COUNT_CAP = 2  # the tests' immediate backend runs the count at once
    body, rows = _pager(login(registry.liaison_a))
    assert "共 4 条" in body and len(rows) == 4
