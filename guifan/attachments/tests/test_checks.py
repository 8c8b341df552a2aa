"""Attachments are checked by content, not only by name: no renamed programs, no empty files."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from guifan.attachments.models import Attachment
from guifan.attachments.services import attachment_store

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    "name,content",
    [
        ("报告.pdf", b"%PDF-1.7\n"),
        ("通知.docx", b"PK\x03\x04rest"),
        ("旧版.doc", OLE + b"rest"),
        ("表格.xls", OLE),
        ("照片.jpg", b"\xff\xd8\xff\xe0JFIF"),
        ("截图.png", b"\x89PNG\r\n\x1a\nIHDR"),
        ("材料.zip", b"PK\x05\x06" + b"\x00" * 18),
        ("公文.ofd", b"PK\x03\x04ofd"),
    ],
)
def test_files_whose_content_matches_their_type_are_stored(cast, name, content):
    stored = attachment_store(upload=SimpleUploadedFile(name, content), unit=cast.unit_a)
    assert stored.size == len(content)


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("整改报告.pdf", b"MZ\x90\x00 this is a program", "内容不是 PDF 文件"),
        ("通知.docx", b"%PDF-1.4", "内容不是 DOCX 文件"),
        ("照片.jpg", b"GIF89a", "内容不是 JPG 文件"),
        ("空的.pdf", b"", "是空文件"),
    ],
)
def test_renamed_programs_and_empty_files_are_refused(cast, name, content, message):
    with pytest.raises(ValidationError, match=message):
        attachment_store(upload=SimpleUploadedFile(name, content), unit=cast.unit_a)
    assert not Attachment.objects.exists()
