import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from guifan.core.clock import frozen_at
from guifan.journal import notes
from guifan.journal.checkpoints import checkpoint_sign
from guifan.journal.models import Checkpoint, Entry
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


@pytest.fixture
def witness(settings, tmp_path):
    settings.GUIFAN_JOURNAL_KEY = tmp_path / "journal.pem"
    settings.GUIFAN_WITNESS_DIR = tmp_path / "witness"
    return tmp_path / "witness"


def test_audit_admin_signs_a_checkpoint_and_downloads_it_with_the_key(cast, login, witness):
    client = login(cast.auditadmin)
    response = client.post(reverse("journal:checkpoint_sign"), follow=True)
    assert "已签发检查点" in response.content.decode()
    checkpoint = Checkpoint.objects.get()
    assert checkpoint.signed_by == cast.auditadmin.username
    assert (witness / checkpoint.file_name).read_text(encoding="utf-8") == checkpoint.note
    download = client.get(reverse("journal:checkpoint_download", args=[checkpoint.pk]))
    assert download.content.decode() == checkpoint.note
    assert checkpoint.file_name in download["Content-Disposition"]
    key = client.get(reverse("journal:public_key")).content.decode().strip()
    assert notes.open_signed(checkpoint.note, *notes.parse_verifier_key(key)).size > 0
    exports = Entry.objects.filter(verb=Verb.EXPORT, actor_id=cast.auditadmin.pk)
    assert exports.count() == 2


def test_the_journal_page_offers_the_checkpoint_button(cast, login):
    page = login(cast.auditadmin).get(reverse("journal:entry_list")).content.decode()
    assert reverse("journal:checkpoint_sign") in page
    assert reverse("journal:checkpoints") in page


@pytest.mark.parametrize("who", ["sysadmin", "secadmin", "office", "inspector", "liaison_a"])
def test_checkpoint_pages_refuse_everyone_else(cast, login, who, witness):
    checkpoint = checkpoint_sign(by=None)
    user = getattr(cast, who)
    client = login(user)
    start = timezone.now().replace(second=0, microsecond=0)
    urls = (
        reverse("journal:checkpoints"),
        reverse("journal:checkpoint_download", args=[checkpoint.pk]),
        reverse("journal:public_key"),
    )
    # One minute each: repeats within a minute are folded into one entry.
    for minute, url in enumerate(urls, 1):
        with frozen_at(start + timedelta(minutes=minute)):
            assert client.get(url).status_code == 403
    with frozen_at(start + timedelta(minutes=5)):
        assert client.post(reverse("journal:checkpoint_sign")).status_code == 403
    assert Checkpoint.objects.count() == 1
    assert Entry.objects.filter(verb=Verb.ACCESS_DENIED, actor_id=user.pk).count() == 4


def test_an_unwritable_witness_folder_still_leaves_the_checkpoint_to_download(cast, login, witness):
    witness.parent.mkdir(exist_ok=True)
    witness.write_text("a file where the folder should be")
    response = login(cast.auditadmin).post(reverse("journal:checkpoint_sign"), follow=True)
    assert "未能写入见证目录" in response.content.decode()
    checkpoint = Checkpoint.objects.get()
    assert reverse("journal:checkpoint_download", args=[checkpoint.pk]) in response.content.decode()
