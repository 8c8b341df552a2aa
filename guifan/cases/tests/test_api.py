import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guifan.cases.models import Interrogation
from guifan.testing.factories import CaseFactory
from guifan.testing.files import case_row, write_csv


@pytest.fixture
def cases(registry):
    made = [CaseFactory(unit=registry.unit_a) for _ in range(5)]
    made.append(CaseFactory(unit=registry.unit_b))
    return made


def test_list_is_scoped_and_cursor_paginated(registry, cases, login):
    client = login(registry.liaison_a)
    first = client.get("/api/cases/", {"limit": 3}).json()
    assert len(first["items"]) == 3
    second = client.get("/api/cases/", {"limit": 3, "cursor": first["next_cursor"]}).json()
    assert len(second["items"]) == 2
    assert second["next_cursor"] is None
    codes = {item["unit_code"] for item in first["items"] + second["items"]}
    assert codes == {registry.unit_a.code}


def test_detail_with_events_and_refusal(registry, cases, login):
    Interrogation.objects.create(
        case=cases[0], seq=1, start_at="2015-03-03T09:00:00+08:00", av_recorded=True
    )
    client = login(registry.liaison_a)
    data = client.get(f"/api/cases/{cases[0].pk}").json()
    assert data["events"][0]["table"] == "interrogations"
    assert data["events"][0]["fields"]["av_recorded"] is True
    assert client.get(f"/api/cases/{cases[-1].pk}").status_code == 404


@pytest.mark.parametrize("who", ["evaluator", "auditadmin", "sysadmin"])
def test_api_refuses_roles_without_a_duty(registry, cases, login, who):
    client = login(getattr(registry, who))
    assert client.get("/api/cases/").status_code == 403
    # An evaluator may open the cases assigned to them, and no other: not found.
    expected = 404 if who == "evaluator" else 403
    assert client.get(f"/api/cases/{cases[0].pk}").status_code == expected


def test_upload_and_status(registry, login, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [case_row(1)])
    client = login(registry.liaison_a)
    upload = SimpleUploadedFile("cases.csv", path.read_bytes(), content_type="text/csv")
    response = client.post("/api/cases/imports", {"kind": "cases", "file": upload})
    assert response.status_code == 202
    run = response.json()
    status = client.get(f"/api/cases/imports/{run['id']}").json()
    assert (status["status"], status["imported"]) == ("done", 1)
    assert login(registry.liaison_b).get(f"/api/cases/imports/{run['id']}").status_code == 404
    assert login(registry.evaluator).get(f"/api/cases/imports/{run['id']}").status_code == 403


def test_upload_limits_apply_to_the_api_too(registry, login, settings):
    settings.GUIFAN_IMPORT_MAX_MB = 1
    client = login(registry.office)
    exe = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    response = client.post("/api/cases/imports", {"kind": "cases", "file": exe})
    assert response.status_code == 422
    big = SimpleUploadedFile("big.csv", b"x" * (1024 * 1024 + 1), content_type="text/csv")
    assert client.post("/api/cases/imports", {"kind": "cases", "file": big}).status_code == 422
