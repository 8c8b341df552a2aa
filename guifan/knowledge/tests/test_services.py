"""Loading, versions, uploads and the providers other apps register."""

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guifan.journal.models import Entry
from guifan.knowledge import registry
from guifan.knowledge.models import Document, Passage
from guifan.knowledge.registry import Provided, ProvidedPassage
from guifan.knowledge.selectors import SERVER, kb_ask
from guifan.knowledge.services import document_upload, knowledge_load


def _first(user, question, **kwargs):
    found = kb_ask(user=user, question=question, top=3, **kwargs).found
    return found[0].as_dict() if found else None


def test_loading_twice_changes_nothing(db, law_file):
    first = knowledge_load(paths=[law_file.parent])
    assert set(first.added) == {
        "测试程序法",
        "案件评查登记表标准",
        "活动模板：规范司法行为专项整治“回头看”",
        "智能辅助评查规则库",
        "活动模板：案件质量常规抽查",
        "活动模板：专项评查",
        "活动模板：重点案件评查",
    }
    entries = Entry.objects.count()
    again = knowledge_load(paths=[law_file.parent])
    assert again.added == [] and again.replaced == [] and again.unchanged == len(first.added)
    assert Entry.objects.count() == entries


def test_a_changed_law_keeps_its_old_version_searchable_as_old(db, law_file):
    knowledge_load(paths=[law_file])
    law_file.write_text(law_file.read_text().replace("三个工作日", "五个工作日"))
    report = knowledge_load(paths=[law_file])
    assert report.replaced == ["测试程序法"]
    found = kb_ask(user=SERVER, question="阅卷申请几个工作日内安排", top=3).found
    texts = {(f.passage.citation, f.old): f.passage.text for f in found}
    assert "五个工作日" in texts[("《测试程序法》第二条", False)]
    assert "三个工作日" in texts[("《测试程序法》第二条", True)]
    assert found[0].old is False  # the current text first
    assert found[[f.old for f in found].index(True)].as_dict()["source"].endswith("（旧版）")


def test_an_older_text_loaded_later_does_not_replace_the_newer(db, law_file, tmp_path):
    knowledge_load(paths=[law_file])
    older = tmp_path / "测试程序法（试行）(2012-01-01).md"
    older.write_text(
        law_file.read_text()
        .replace("测试程序法", "测试程序法（试行）")
        .replace("三个工作日", "七日")
    )
    knowledge_load(paths=[older])
    document = Document.objects.get(key="law:测试程序法")
    assert [(v.label, v.current) for v in document.versions.order_by("label")] == [
        ("2012-01-01", False),
        ("2020-01-01", True),
    ]


def test_the_seed_answers_when_the_look_back_starts(seed):
    row = _first(SERVER, "回头看是从哪天开始的")
    assert row["source"] == "规范司法行为总结"
    assert "3月14日" in row["text"]


def test_a_file_that_cannot_be_read_is_refused_in_chinese_and_the_rest_loads(db, tmp_path):
    (tmp_path / "坏文件.pdf").write_bytes(b"not a pdf")
    (tmp_path / "好文件.txt").write_text("关于评查的说明\n评查员应当在十个工作日内完成阅卷。\n")
    report = knowledge_load(paths=[tmp_path])
    assert [r for _, r in report.refused] == ["PDF 文件已损坏，无法读取"]
    assert "关于评查的说明" in report.added


def _docx(*paragraphs: tuple[str, str]) -> bytes:
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_office_uploads_a_word_document_with_its_headings(cast):
    data = _docx(
        ("Title", "库外人员选调办法"),
        ("Heading 1", "一、选调条件"),
        ("Normal", "库外人员应当具有五年以上办案经历。"),
    )
    version = document_upload(by=cast.office, name="选调办法.docx", data=data)
    passage = version.passages.get()
    assert passage.heading == "一、选调条件"
    assert version.document.title == "库外人员选调办法"
    assert Entry.objects.filter(verb="knowledge.upload").count() == 1


def test_replacing_an_upload_marks_the_old_version(cast):
    first = document_upload(by=cast.office, name="a.txt", data="办法\n评查期限为十日。".encode())
    document_upload(
        by=cast.office,
        name="b.txt",
        data="办法\n评查期限为十五日。".encode(),
        replaces=first.document,
    )
    versions = list(first.document.versions.order_by("number").values_list("current", flat=True))
    assert versions == [False, True]


def test_only_the_office_uploads_and_only_for_its_own_units(cast):
    with pytest.raises(PermissionDenied):
        document_upload(by=cast.liaison_a, name="a.txt", data="通知\n内容。".encode())
    with pytest.raises(ValidationError):
        document_upload(
            by=cast.office, name="a.txt", data="通知\n内容。".encode(), unit=cast.province
        )
    with pytest.raises(ValidationError, match="只能载入"):
        document_upload(by=cast.office, name="a.exe", data=b"MZ")


def test_a_provider_registered_by_a_higher_app_is_loaded(db, monkeypatch):
    """The rule catalog (guifan/checks/kb_sources.py) plugs in like this."""

    def catalog():
        yield Provided(
            key="rules:test",
            title="测试规则库",
            kind="rules",
            passages=[
                ProvidedPassage(
                    ("执行办案规范和纪律不严",),
                    "T9-01",
                    "讯问笔录未经犯罪嫌疑人核对签名捺印。依据：《人民检察院刑事诉讼规则（试行）》第二百零一条",
                ),
            ],
        )

    monkeypatch.setattr(registry, "_providers", [*registry._providers, catalog])
    knowledge_load(paths=[])
    row = _first(SERVER, "讯问笔录没有签名捺印", kind="rules")
    assert row["citation"] == "T9-01" and row["source"] == "测试规则库"
    monkeypatch.setattr(registry, "_providers", registry._providers[:-1])
    knowledge_load(paths=[])  # a document no provider yields any more goes
    assert not Passage.objects.filter(document__key="rules:test").exists()
