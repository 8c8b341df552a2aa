"""The screens and the API of the rectification list: filters, counts, export, the unit's and
the verifier's actions, and every wrong user refused."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from guifan.rectification import services
from guifan.rectification.models import ItemStatus
from guifan.rectification.tests.conftest import RUDENESS, evidence, on


@pytest.fixture
def items(record_problem, cast):
    """甲区: one overdue-to-be recording item, one closed and repeated; 乙县: one rudeness."""
    recording = record_problem(text="讯问未全程同步录音录像")
    closed = record_problem(text="扣押款物未及时移交")
    services.item_submit(item=closed, by=cast.liaison_a, outcome="已整改", uploads=[evidence()])
    with on(4, 20):
        services.item_verify(item=closed, by=cast.office)
    repeated = record_problem(text="扣押款物又未移交", when=(5, 10))
    rude = record_problem(unit=cast.unit_b, category=RUDENESS, text="乙县接待态度生硬")
    return {"recording": recording, "closed": closed, "repeated": repeated, "rude": rude}


def _ids(response):
    return {int(row) for row in re.findall(r'data-item="(\d+)"', response)}


def test_filters_counts_and_export(items, cast, campaign, login):
    client = login(cast.office)
    url = reverse("rectification:list")
    everything = client.get(url).content.decode()
    assert _ids(everything) == {i.pk for i in items.values()}
    assert _ids(client.get(url, {"status": "closed"}).content.decode()) == {items["closed"].pk}
    assert _ids(client.get(url, {"category": RUDENESS}).content.decode()) == {items["rude"].pk}
    assert _ids(client.get(url, {"unit": cast.unit_b.pk}).content.decode()) == {items["rude"].pk}
    assert _ids(client.get(url, {"recurrence": "on"}).content.decode()) == {items["repeated"].pk}
    with on(6, 1):
        overdue = _ids(client.get(url, {"overdue": "on"}).content.decode())
    assert overdue == {items["recording"].pk, items["repeated"].pk, items["rude"].pk}
    assert 'data-unit="970102"' in everything and 'data-unit="970103"' in everything
    response = client.get(reverse("rectification:export"), {"unit": cast.unit_a.pk})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 3 and {r[2] for r in rows} == {"甲区"}
    assert sorted(r[13] or "" for r in rows) == ["", "", "复发"]


def test_a_liaison_sees_and_works_only_its_own_units_items(items, cast, login):
    client = login(cast.liaison_b)
    assert _ids(client.get(reverse("rectification:list")).content.decode()) == {items["rude"].pk}
    other = items["recording"]
    assert client.get(reverse("rectification:detail", args=[other.pk])).status_code == 404
    for action in ("start", "submit"):
        response = client.post(
            reverse(f"rectification:{action}", args=[other.pk]),
            {"measures": "x", "responsible": "y", "outcome": "z"},
        )
        assert response.status_code == 404
    export = client.get(reverse("rectification:export"))
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert [r[2] for r in sheet.iter_rows(min_row=4, values_only=True)] == ["乙县"]


def test_people_without_a_part_in_rectification_are_refused(items, cast, login):
    for who in ("evaluator", "team_lead", "handler", "sysadmin", "auditadmin"):
        client = login(getattr(cast, who))
        assert client.get(reverse("rectification:list")).status_code == 403
        detail = reverse("rectification:detail", args=[items["rude"].pk])
        assert client.get(detail).status_code == 403


def test_the_unit_submits_on_the_page_and_a_refusal_keeps_its_words(items, cast, login):
    client = login(cast.liaison_a)
    item = items["recording"]
    refused = client.post(
        reverse("rectification:submit", args=[item.pk]), {"outcome": "已印发《同录核对办法》"}
    )
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "请上传整改材料" in text and "已印发《同录核对办法》" in text
    done = client.post(
        reverse("rectification:submit", args=[item.pk]),
        {"outcome": "已印发《同录核对办法》", "evidence": evidence("核对办法.pdf")},
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.DONE and item.evidence.get().name == "核对办法.pdf"


def test_verification_is_refused_to_the_wrong_side(items, cast, login):
    rude = items["rude"]
    services.item_submit(item=rude, by=cast.liaison_b, outcome="已整改", uploads=[evidence()])
    url = reverse("rectification:verify", args=[rude.pk])
    assert login(cast.liaison_b).post(url, {"decision": "close"}).status_code == 403
    assert login(cast.office).post(url, {"decision": "close"}).status_code == 403  # conduct
    page = login(cast.office).get(reverse("rectification:detail", args=[rude.pk]))
    assert 'data-testid="verify"' not in page.content.decode()
    returned = login(cast.inspector).post(url, {"decision": "return", "comment": ""})
    assert returned.status_code == 302
    rude.refresh_from_db()
    assert rude.status == ItemStatus.DONE  # a return needs its reasons
    login(cast.inspector).post(url, {"decision": "return", "comment": "未附整改台账"})
    rude.refresh_from_db()
    assert (rude.status, rude.returns) == (ItemStatus.IN_PROGRESS, 1)


def test_the_api_is_scoped_like_the_screens(items, cast, campaign, login):
    client = login(cast.liaison_b)
    listed = client.get("/api/rectification/items").json()
    assert [row["id"] for row in listed] == [items["rude"].pk]
    assert client.get(f"/api/rectification/items/{items['recording'].pk}").status_code == 404
    start = client.post(
        f"/api/rectification/items/{items['recording'].pk}/start",
        {"measures": "x", "responsible": "y"},
        content_type="application/json",
    )
    assert start.status_code == 404
    assert client.get(f"/api/rectification/gate/{campaign.pk}").status_code == 403
    stats = client.get("/api/rectification/stats", {"campaign": campaign.pk}).json()
    assert [row["key"] for row in stats["by_unit"]] == ["970103"]
    office = login(cast.office)
    stats = office.get("/api/rectification/stats", {"campaign": campaign.pk}).json()
    first = stats["by_unit"][0]
    assert (first["key"], first["total"], first["closed"], first["recurrences"]) == (
        "970102",
        3,
        1,
        1,
    )
    repeated = office.get(f"/api/rectification/items/{items['repeated'].pk}").json()
    assert (repeated["recurrence_of"], repeated["recurrence_pending"]) == (
        items["closed"].pk,
        True,
    )
    gate = office.get(f"/api/rectification/gate/{campaign.pk}").json()
    assert gate["closable"] is False and len(gate["blockers"]) == 4
    for who in ("evaluator", "handler", "auditadmin"):
        assert login(getattr(cast, who)).get("/api/rectification/items").status_code == 403
        assert login(getattr(cast, who)).get("/api/rectification/complaints").status_code == 403
    verify = login(cast.liaison_a).post(
        f"/api/rectification/items/{items['recording'].pk}/verify",
        {"comment": ""},
        content_type="application/json",
    )
    assert verify.status_code == 403


def test_the_workbench_shows_each_units_rectification_progress(items, cast, login):
    page = login(cast.office).get("/").content.decode()
    assert "整改销号进度（按单位）" in page and "1/3 已销号" in page and "复发 1" in page
    own = login(cast.liaison_b).get("/").content.decode()
    assert "0/1 已销号" in own and "1/3 已销号" not in own


def test_a_refused_start_keeps_the_measures_typed(items, cast, login):
    client = login(cast.liaison_a)
    page = client.post(
        reverse("rectification:start", args=[items["recording"].pk]),
        {"measures": "技术部门每次讯问前后核对录像起止时间并签字", "responsible": ""},
    )
    text = page.content.decode()
    assert page.status_code == 200 and "责任人：" in text
    assert "技术部门每次讯问前后核对录像起止时间并签字" in text


def test_a_stale_filter_is_named_and_the_others_still_apply(items, cast, login):
    client = login(cast.office)
    page = client.get(
        reverse("rectification:list"), {"category": "已撤销的类别", "unit": cast.unit_b.pk}
    ).content.decode()
    assert "以下查询条件无效" in page
    assert _ids(page) == {items["rude"].pk}


def test_the_api_carries_the_whole_lifecycle_for_the_right_people(items, cast, campaign, login):
    import json

    from guifan.complaints import services as complaints

    item = items["recording"]
    unit = login(cast.liaison_a)
    missing = unit.post(f"/api/rectification/items/{item.pk}/submit", {"outcome": "已整改"})
    assert missing.status_code == 422 and "整改材料" in missing.json()["detail"]
    done = unit.post(
        f"/api/rectification/items/{item.pk}/submit",
        {"outcome": "已整改", "evidence": [evidence("a.pdf"), evidence("b.pdf")]},
    )
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert (
        login(cast.liaison_b)
        .post(f"/api/rectification/items/{item.pk}/submit", {"outcome": "x"})
        .status_code
        == 404
    )
    repeated = items["repeated"]
    handle = f"/api/rectification/items/{repeated.pk}/recurrence"
    body = {"handling": "约谈局长"}
    assert (
        login(cast.liaison_a).post(handle, body, content_type="application/json").status_code == 403
    )
    handled = login(cast.inspector).post(handle, body, content_type="application/json")
    assert handled.status_code == 200 and handled.json()["recurrence_pending"] is False

    complaint = complaints.complaint_register(
        by=cast.office,
        unit=cast.unit_b,
        campaign=campaign,
        received_on=items["rude"].found_on,
        channel="phone",
        content="电话反映乙县办案人员索要财物",
    )
    assign = f"/api/rectification/complaints/{complaint.pk}/assign"
    to_inspector = {"investigator": "inspector"}
    refused = login(cast.liaison_b).post(assign, to_inspector, content_type="application/json")
    assert refused.status_code in (403, 404)
    assigned = login(cast.office).post(assign, to_inspector, content_type="application/json")
    assert assigned.status_code == 200 and assigned.json()["status"] == "assigned"
    conclude = f"/api/rectification/complaints/{complaint.pk}/conclude"
    problem = {
        "category": "接受吃请、收受贿赂、以案谋私，办关系案人情案金钱案",
        "description": "办案人员索要财物",
        "deadline": "2016-06-30",
    }
    form = {
        "conclusion": "substantiated",
        "investigation": "查实",
        "problems": json.dumps([problem]),
    }
    assert login(cast.liaison_b).post(conclude, form).status_code == 404  # not shown to 乙县
    bad = login(cast.inspector).post(conclude, {**form, "problems": "[{]"})
    assert bad.status_code == 422
    concluded = login(cast.inspector).post(conclude, {**form, "evidence": evidence("笔录.pdf")})
    assert concluded.status_code == 200, concluded.content
    assert concluded.json()["conclusion"] == "substantiated" and len(concluded.json()["items"]) == 1
