"""The ledger, case page, export and web import, each refusing the wrong user."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from guifan.cases.models import Case, ImportRun
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.testing.factories import CaseFactory
from guifan.testing.files import case_row, write_csv


@pytest.fixture
def cases(registry):
    return {
        "a": CaseFactory(unit=registry.unit_a, name="甲区盗窃案", handler=registry.handler.person),
        "a2": CaseFactory(unit=registry.unit_a, name="甲区诈骗案", status="in_progress"),
        "b": CaseFactory(unit=registry.unit_b, name="乙县抢劫案", supervision="city"),
    }


def _names(response):
    return {case.name for case in response.context["page"]}


def test_liaison_ledger_shows_only_its_unit(registry, cases, login):
    response = login(registry.liaison_a).get(reverse("cases:ledger"))
    assert _names(response) == {"甲区盗窃案", "甲区诈骗案"}
    assert "共 2 条" in response.content.decode()


def test_office_ledger_filters(registry, cases, login):
    client = login(registry.office)
    assert _names(client.get(reverse("cases:ledger"))) == {"甲区盗窃案", "甲区诈骗案", "乙县抢劫案"}
    assert _names(client.get(reverse("cases:ledger"), {"supervision": "any"})) == {"乙县抢劫案"}
    assert _names(client.get(reverse("cases:ledger"), {"status": "in_progress"})) == {"甲区诈骗案"}
    assert _names(client.get(reverse("cases:ledger"), {"q": "盗窃"})) == {"甲区盗窃案"}
    by_no = client.get(reverse("cases:ledger"), {"q": cases["b"].case_no.replace("〔", "[")})
    assert _names(by_no) == {"乙县抢劫案"}
    assert _names(client.get(reverse("cases:ledger"), {"unit": registry.unit_b.pk})) == {
        "乙县抢劫案"
    }


def test_handler_sees_own_cases(registry, cases, login):
    assert _names(login(registry.handler).get(reverse("cases:ledger"))) == {"甲区盗窃案"}


def test_ledger_query_budget(registry, cases, login, django_assert_max_num_queries):
    client = login(registry.office)
    # The count and the categories, then cached under the registry's version (one read).
    with django_assert_max_num_queries(14):
        client.get(reverse("cases:ledger"), {"size": 100})
    with django_assert_max_num_queries(12):
        client.get(reverse("cases:ledger"), {"size": 100, "page": 1})


@pytest.mark.parametrize("who", ["evaluator", "team_lead", "sysadmin", "secadmin", "auditadmin"])
def test_ledger_refuses_roles_without_a_duty(registry, login, who):
    client = login(getattr(registry, who))
    for name in ("cases:ledger", "cases:export", "cases:import"):
        assert client.get(reverse(name)).status_code == 403


def test_case_page_of_another_unit_is_not_found(registry, cases, login):
    client = login(registry.liaison_a)
    assert client.get(reverse("cases:detail", args=[cases["a"].pk])).status_code == 200
    assert client.get(reverse("cases:detail", args=[cases["b"].pk])).status_code == 404
    assert client.get(reverse("cases:detail", args=[99999])).status_code == 404


def test_the_case_page_shows_an_event_imported_after_it_was_first_read(registry, cases, login):
    """The timeline's events are cached per version of the registry; an import bumps it."""
    from guifan.cases.models import CaseComplaint
    from guifan.cases.tallies import cases_changed

    client = login(registry.liaison_a)
    page = reverse("cases:detail", args=[cases["a"].pk])
    assert "群众来信反映超期羁押" not in client.get(page).content.decode()
    CaseComplaint.objects.create(
        case=cases["a"], seq=1, received_at=timezone.now(), topic="群众来信反映超期羁押"
    )
    cases_changed(tallies=False)  # what every import of events ends with
    assert "群众来信反映超期羁押" in client.get(page).content.decode()


def test_export_is_the_filtered_set_as_text_and_journaled(registry, cases, login):
    response = login(registry.liaison_a).get(reverse("cases:export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "案件台账"
    numbers = [sheet.cell(row=r, column=2).value for r in range(4, sheet.max_row + 1)]
    assert sorted(numbers) == sorted([cases["a"].case_no, cases["a2"].case_no])
    assert all(isinstance(n, str) for n in numbers)
    entry = Entry.objects.filter(verb=Verb.EXPORT, actor_id=registry.liaison_a.pk).get()
    assert '"rows":2' in entry.payload


def test_formula_looking_cells_are_neutralised_in_exports(registry, login):
    CaseFactory(unit=registry.unit_a, name='=HYPERLINK("http://x")')
    response = login(registry.liaison_a).get(reverse("cases:export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=4, column=4).value.startswith("'=")


def test_web_import_runs_in_the_background_and_reports(registry, login, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [case_row(1), case_row(2, 受理日期="bad")])
    client = login(registry.liaison_a)
    upload = SimpleUploadedFile("cases.csv", path.read_bytes(), content_type="text/csv")
    response = client.post(reverse("cases:import"), {"kind": "cases", "file": upload})
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("cases:import_run", args=[run.pk])
    assert (run.status, run.imported, run.rejected) == ("done", 1, 1)
    page = client.get(response["Location"]).content.decode()
    assert "下载错误报告" in page
    errors = client.get(reverse("cases:import_errors", args=[run.pk]))
    assert errors.status_code == 200
    assert Case.objects.count() == 1
    fragment = client.get(response["Location"], headers={"HX-Request": "true"})
    assert 'data-status="done"' in fragment.content.decode()
    assert "hx-trigger" not in fragment.content.decode()


def test_web_import_of_unreadable_file_fails_clearly(registry, login):
    upload = SimpleUploadedFile("cases.csv", b"\x00\x01\x02junk", content_type="text/csv")
    login(registry.office).post(reverse("cases:import"), {"kind": "cases", "file": upload})
    run = ImportRun.objects.get()
    assert run.status == "failed"
    assert "二进制" in run.failure


def test_web_import_refuses_other_file_types(registry, login):
    upload = SimpleUploadedFile("cases.exe", b"MZ", content_type="application/octet-stream")
    response = login(registry.office).post(
        reverse("cases:import"), {"kind": "cases", "file": upload}
    )
    assert "只能导入 .csv、.txt 或 .xlsx 文件" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_another_liaison_cannot_see_an_import_or_its_errors(registry, login, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [case_row(1, 受理日期="bad")])
    upload = SimpleUploadedFile("cases.csv", path.read_bytes(), content_type="text/csv")
    login(registry.liaison_a).post(reverse("cases:import"), {"kind": "cases", "file": upload})
    run = ImportRun.objects.get()
    other = login(registry.liaison_b)
    assert other.get(reverse("cases:import_run", args=[run.pk])).status_code == 404
    assert other.get(reverse("cases:import_errors", args=[run.pk])).status_code == 404
    assert login(registry.office).get(reverse("cases:import_run", args=[run.pk])).status_code == 200


def test_ledger_count_follows_an_import(registry, login, tmp_path):
    from guifan.cases.services import cases_import

    client = login(registry.liaison_a)
    assert "共 0 条" in client.get(reverse("cases:ledger")).content.decode()
    cases_import(path=write_csv(tmp_path / "c.csv", [case_row(1), case_row(2)]), kind="cases")
    assert "共 2 条" in client.get(reverse("cases:ledger")).content.decode()


def test_oversized_upload_is_refused_before_anything_is_stored(registry, login, settings):
    settings.GUIFAN_IMPORT_MAX_MB = 1
    upload = SimpleUploadedFile("cases.csv", b"x" * (1024 * 1024 + 1), content_type="text/csv")
    response = login(registry.office).post(
        reverse("cases:import"), {"kind": "cases", "file": upload}
    )
    assert "文件超过 1 MB，请拆分后分批导入" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_import_format_page_lists_every_kind(registry, login):
    body = login(registry.liaison_a).get(reverse("cases:import_format")).content.decode()
    for label in ("案件", "讯问", "律师申请", "涉案财物"):
        assert label in body
    assert "部门受案号" in body and "bmsah" in body
    assert login(registry.evaluator).get(reverse("cases:import_format")).status_code == 403


def test_a_crash_inside_an_import_fails_the_run_instead_of_the_worker(
    registry, tmp_path, monkeypatch
):
    from guifan.cases import services

    path = write_csv(tmp_path / "cases.csv", [case_row(1)])
    upload = SimpleUploadedFile("cases.csv", path.read_bytes(), content_type="text/csv")
    run = services.import_run_create(user=registry.office, upload=upload, kind="cases")
    monkeypatch.setattr(services, "cases_import", lambda **kw: 1 / 0)
    services.import_run_execute(run)
    run.refresh_from_db()
    assert run.status == "failed"
    assert "ZeroDivisionError" in run.failure


def test_an_import_whose_uploader_is_gone_does_not_run(registry, tmp_path):
    from guifan.cases import services

    path = write_csv(tmp_path / "cases.csv", [case_row(1)])
    upload = SimpleUploadedFile("cases.csv", path.read_bytes(), content_type="text/csv")
    run = services.import_run_create(user=registry.office, upload=upload, kind="cases")
    run.created_by = None
    run.save()
    services.import_run_execute(run)
    assert run.status == "failed"
    assert not Case.objects.exists()
