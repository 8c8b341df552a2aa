import io

import openpyxl
import pytest
from django.urls import reverse

from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.testing.journal import counted


def test_audit_admin_sees_the_journal(cast, login):
    response = login(cast.auditadmin).get(reverse("journal:entry_list"))
    assert response.status_code == 200
    assert "审计日志" in response.content.decode()


@pytest.mark.parametrize("who", ["sysadmin", "secadmin", "office", "inspector", "liaison_a"])
def test_everyone_else_is_refused_and_the_refusal_is_journaled(cast, login, who):
    user = getattr(cast, who)
    for name in ("journal:entry_list", "journal:export"):
        assert login(user).get(reverse(name)).status_code == 403
    assert login(user).post(reverse("journal:verify")).status_code == 403
    assert counted(Verb.ACCESS_DENIED, actor_id=user.pk) == 3


def test_verify_from_the_screen_reports_and_is_journaled(cast, login):
    response = login(cast.auditadmin).post(reverse("journal:verify"))
    assert "审计日志完整" in response.content.decode()
    assert Entry.objects.filter(verb=Verb.JOURNAL_VERIFY).exists()


def test_filter_by_verb(cast, login):
    client = login(cast.auditadmin)
    response = client.get(reverse("journal:entry_list"), {"verb": Verb.LOGIN.value})
    page = response.context["page"]
    assert page.paginator.count >= 1
    assert {e.verb for e in page} == {Verb.LOGIN.value}


def test_export_is_an_xlsx_ledger_and_is_journaled(cast, login):
    response = login(cast.auditadmin).get(reverse("journal:export"))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "审计日志"
    assert sheet["A3"].value == "序号"
    assert sheet.freeze_panes == "A4"
    assert Entry.objects.filter(verb=Verb.EXPORT, actor_id=cast.auditadmin.pk).exists()
