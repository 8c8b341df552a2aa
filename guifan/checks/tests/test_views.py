"""The findings pages and API: who sees which findings, the law quoted on a finding, the
confirm and dismiss forms, the case page, the run page; refusals for everyone else."""

import json
import shutil
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from guifan.checks.catalog import implemented_codes
from guifan.checks.models import Finding, Run
from guifan.checks.services import checks_run
from guifan.checks.tests.test_engine import arrest_review, complaint_case
from guifan.evaluation.models import Assignment
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.knowledge.services import knowledge_load
from guifan.rectification.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings(cast, campaign):
    """A late arrest review in 甲区 and a late reply to a complaint in 乙县."""
    a = arrest_review(cast.unit_a, date(2015, 9, 26), date(2015, 10, 4), detained=True)
    b = complaint_case(cast.unit_b, date(2015, 6, 1), date(2015, 6, 9))
    checks_run(by=None, rules=["R4-05", "R1-01"])
    return Finding.objects.get(case=a), Finding.objects.get(case=b)


def shown(client) -> set[str]:
    html = client.get(reverse("checks:findings")).content.decode()
    return {
        code for code in ("R4-05", "R1-01") if f'data-rule="{code}"' in html.split("by-rule")[0]
    }


def test_each_user_sees_the_findings_of_the_cases_they_see(cast, login, findings, campaign):
    _a, b = findings
    assert shown(login(cast.office)) == {"R4-05", "R1-01"}
    assert shown(login(cast.liaison_a)) == {"R4-05"}
    assert shown(login(cast.liaison_b)) == {"R1-01"}
    assert shown(login(cast.evaluator)) == set()
    Assignment.objects.create(
        campaign=campaign, case=b.case, evaluator=cast.evaluator.person, reasons="新评查",
        deadline=date(2016, 3, 31),
    )  # fmt: skip
    assert shown(login(cast.evaluator)) == {"R1-01"}
    assert login(cast.liaison_a).get(reverse("checks:finding", args=[b.pk])).status_code == 404
    assert login(cast.sysadmin).get(reverse("checks:findings")).status_code == 403


def test_filters_by_rule_and_unit(cast, login, findings):
    client = login(cast.office)
    html = client.get(reverse("checks:findings"), {"rule": "R1-01"}).content.decode()
    table = html.split('data-testid="by-rule"')[0]
    assert 'data-rule="R1-01"' in table and 'data-rule="R4-05"' not in table
    html = client.get(reverse("checks:findings"), {"unit": cast.unit_a.code}).content.decode()
    table = html.split('data-testid="by-rule"')[0]
    assert 'data-rule="R4-05"' in table and 'data-rule="R1-01"' not in table


def test_the_finding_quotes_the_law_and_the_office_confirms_it(cast, login, findings, tmp_path):
    laws = tmp_path / "laws"
    laws.mkdir()
    shutil.copy(settings.GUIFAN_LAWS_DIR / "刑事诉讼法(2018-10-26).md", laws)
    knowledge_load(paths=[laws])
    late, _b = findings
    client = login(cast.office)
    html = client.get(reverse("checks:finding", args=[late.pk])).content.decode()
    assert '<dd data-testid="deadline">2015-10-03</dd>' in html
    assert "犯罪嫌疑人在押，期满日不顺延" in html
    assert "刑事诉讼法（2012）第89条（2018 年修正后第91条）" in html
    assert "公安机关对被拘留的人，认为需要逮捕的" in html  # 2018 第91条 quoted
    assert 'data-testid="confirm-form"' in html
    response = client.post(reverse("checks:confirm", args=[late.pk]), {"note": "属实"})
    assert response.status_code == 302
    item = Item.objects.get()
    assert Finding.objects.get(pk=late.pk).status == "confirmed"
    html = client.get(reverse("rectification:detail", args=[item.pk])).content.decode()
    assert reverse("checks:finding", args=[late.pk]) in html
    case_page = client.get(reverse("cases:detail", args=[late.case_id])).content.decode()
    assert 'data-testid="check-findings"' in case_page and "R4-05" in case_page


def test_dismissing_without_a_reason_is_refused_in_words(cast, login, findings):
    late, _b = findings
    client = login(cast.office)
    response = client.post(reverse("checks:dismiss", args=[late.pk]), {"reason": ""}, follow=True)
    assert "排除须写明理由" in response.content.decode()
    client.post(reverse("checks:dismiss", args=[late.pk]), {"reason": "已批准延长"})
    assert Finding.objects.get(pk=late.pk).status == "dismissed"


def test_who_may_not_decide_is_refused(cast, login, findings):
    late, rudeness = findings
    for user, finding, status in (
        (cast.liaison_a, late, 403),  # sees it, may not decide
        (cast.inspector, late, 403),  # not a conduct matter
        (cast.office, rudeness, 403),  # a conduct matter: inspection's
        (cast.handler, late, 403),
    ):
        for name in ("checks:confirm", "checks:dismiss"):
            url = reverse(name, args=[finding.pk])
            assert login(user).post(url, {"reason": "x"}).status_code == status, (user, name)
    assert Finding.objects.filter(status="pending").count() == 2
    assert Entry.objects.filter(verb=Verb.ACCESS_DENIED).exists()


def test_the_office_runs_the_checks_from_the_page(cast, login, findings):
    client = login(cast.office)
    response = client.post(reverse("checks:run_start"))
    run = Run.objects.order_by("-pk").first()
    assert response.url == reverse("checks:run", args=[run.pk])
    assert run.status == "done" and run.unit == cast.city
    assert run.findings == run.added + 2  # all rules now: the two found before are kept
    html = client.get(response.url).content.decode()
    assert 'data-status="done"' in html
    assert login(cast.liaison_a).post(reverse("checks:run_start")).status_code == 403
    assert login(cast.liaison_a).get(response.url).status_code == 403


def test_the_export_holds_the_rows_the_user_sees_and_is_journaled(cast, login, findings):
    import io

    from openpyxl import load_workbook

    late, _b = findings
    response = login(cast.liaison_a).get(reverse("checks:export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert late.case.case_no in cells and "R1-01" not in cells
    assert Entry.objects.filter(verb=Verb.EXPORT, actor_id=cast.liaison_a.pk).exists()
    assert login(cast.sysadmin).get(reverse("checks:export")).status_code == 403


def test_the_rule_catalog_lists_all_77_rules(cast, login):
    html = login(cast.handler).get(reverse("checks:rules")).content.decode()
    assert html.count("data-rule=") == 77
    implemented = html.count('data-implemented="1"')
    assert implemented == len(implemented_codes()) >= 71
    assert "跨案件比对标记疑点" in html and "未分数额档" in html
    # A rule the data cannot decide says which record is missing.
    assert "评查员回避在分配评查任务时由" in html and "逐案标记疑点，交人工复核" in html


def test_the_api_lists_and_decides_within_scope(cast, login, findings):
    late, rudeness = findings
    client = login(cast.liaison_a)
    rows = client.get("/api/checks/findings").json()
    assert [r["case_no"] for r in rows] == [late.case.case_no]
    assert client.get(f"/api/checks/findings/{rudeness.pk}").status_code == 404
    url = f"/api/checks/findings/{late.pk}/confirm"
    assert client.post(url, "{}", content_type="application/json").status_code == 403
    office = login(cast.office)
    body = json.dumps({"reason": "已批准延长"})
    url = f"/api/checks/findings/{late.pk}/dismiss"
    assert office.post(url, body, content_type="application/json").json()["status"] == "dismissed"
    assert len(office.get("/api/checks/rules").json()) == 77
    assert len(office.get("/api/checks/findings", {"limit": 1}).json()) == 1
    assert len(office.get("/api/checks/findings", {"offset": 1}).json()) == 1
    assert office.get("/api/checks/findings", {"limit": 0}).status_code == 422
    assert office.get("/api/checks/runs").json() == []  # the shell's run covers every city
    run = checks_run(by=cast.office, unit=cast.city, rules=["R4-05", "R1-01"])
    assert office.get("/api/checks/runs").json()[0]["findings"] == 2
    assert office.get(f"/api/checks/runs/{run.pk}").json()["status"] == "done"
    assert login(cast.liaison_a).get(f"/api/checks/runs/{run.pk}").status_code == 403
