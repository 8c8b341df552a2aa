"""The 案件评查登记表 as a .docx in 公文 layout (core/gongwen.py: GB/T 9704-2012 page, fonts)."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from guifan.core.gongwen import TITLE_PT, Fonts, document_bytes, new_document
from guifan.core.gongwen import paragraph as _gw_paragraph
from guifan.core.gongwen import table as _table

__all__ = ["Fonts", "render"]


def _paragraph(document, text: str, fonts: Fonts, *, font=None, **kwargs):
    return _gw_paragraph(document, text, fonts, font_name=font, **kwargs)


def render(data: dict, fonts: Fonts) -> bytes:
    """``data`` is plain values (see export.form_data); the .docx as bytes."""
    document = new_document(fonts)

    _paragraph(
        document,
        "案件评查登记表",
        fonts,
        size=TITLE_PT,
        font=fonts.title,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _paragraph(document, data["campaign"], fonts, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "一、被评查案件基本情况", fonts, font=fonts.heading)
    _table(document, [[k, v] for k, v in data["case"]], fonts, [32, 124], header=False)
    _paragraph(document, "二、评查中发现的问题", fonts, font=fonts.heading)
    if data["findings"]:
        header = ["序号", "评查维度", "问题类别", "问题描述", "依据条款", "严重程度", "卷宗位置"]
        _table(document, [header, *data["findings"]], fonts, [10, 18, 24, 42, 28, 16, 18])
    else:
        _paragraph(document, "未发现问题。", fonts)
    if data["answers"]:
        _paragraph(document, "三、回头看问题", fonts, font=fonts.heading)
        for question, answer in data["answers"]:
            _paragraph(document, f"{question}：{answer}", fonts)
    _paragraph(
        document,
        f"{'四' if data['answers'] else '三'}、等次建议及评定依据",
        fonts,
        font=fonts.heading,
    )
    _paragraph(document, f"等次：{data['grade']}", fonts)
    _paragraph(document, f"评定依据：{data['basis']}", fonts)
    for label, value in data["trail"]:
        _paragraph(document, f"{label}：{value}", fonts)
    return document_bytes(document)
