"""The audit log's 内容 read as Chinese sentences; the raw JSON stays in the export."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from guifan.journal.models import Entry
from guifan.journal.sentences import SENTENCES, describe
from guifan.journal.services import record
from guifan.journal.verbs import Verb

ASCII_WORD = re.compile(r"[A-Za-z_]{3,}")


def test_every_verb_has_a_sentence():
    missing = sorted(set(Verb.values) - set(SENTENCES))
    assert not missing, f"add a sentence in guifan/journal/sentences/ for: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("verb", list(Verb))
def test_each_sentence_reads_an_old_entry_without_its_details(verb):
    """An entry written before a payload key existed still reads as a sentence, not JSON."""
    entry = Entry(seq=1, verb=verb.value, target_label="对象", payload="{}")
    (sentence,) = describe([entry])
    assert sentence and sentence != "{}"
    assert re.search(r"[\u4e00-\u9fff]", sentence)


@pytest.mark.django_db
def test_codes_in_payloads_read_as_names(cast):
    entry = record(
        actor=cast.secadmin,
        verb=Verb.ROLE_GRANT,
        target=cast.liaison_a,
        payload={"role": "liaison", "unit": cast.unit_a.code},
    )
    (sentence,) = describe([entry])
    assert sentence == f"授予{entry.target_label}“单位联络员”角色（{cast.unit_a.short_name}）"
    export = record(
        actor=cast.office,
        verb=Verb.EXPORT,
        target=("cases.case", "", "案件台账"),
        payload={"filters": {"year": "2015", "q": "盗窃"}, "rows": 12},
    )
    assert describe([export]) == ["导出案件台账，共 12 行；筛选条件 关键词：盗窃，年度：2015"]


@pytest.mark.django_db
def test_the_audit_list_shows_sentences_and_the_export_keeps_the_json(
    cast, login, django_assert_max_num_queries
):
    login(cast.office).get(reverse("journal:entry_list"))  # a refusal: auth.access_denied
    client = login(cast.auditadmin)
    with django_assert_max_num_queries(14):  # names for all codes on the page: two queries
        body = client.get(reverse("journal:entry_list")).content.decode()
    cells = [
        re.sub(r"<[^>]+>", "", cell)
        for cell in re.findall(r'<td data-testid="sentence">(.*?)</td>', body, re.S)
    ]
    assert cells and all(not ASCII_WORD.search(c.replace("/audit/", "")) for c in cells), cells
    assert any("打开“/audit/”，无此权限，被拒绝" in c for c in cells)
    assert '"path"' not in body and "&quot;path&quot;" not in body
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("journal:export")).content)).active
    header = [c.value for c in sheet[3]]
    assert header[6:8] == ["说明", "内容（原始记录）"]
    denied = next(
        row for row in sheet.iter_rows(min_row=4, values_only=True) if row[4] == "越权访问被拒绝"
    )
    assert denied[6].startswith("打开“/audit/”") and '"path": "/audit/"' in denied[7].replace(
        '":"', '": "'
    )
