"""The 案件评查登记表 as a .docx in 公文 layout (GB/T 9704-2012, GOV-IT-EXPECTATIONS §3.3).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the title in 小标宋 2号
(22 pt), the body in 仿宋 3号 (16 pt), headings in 黑体 3号, tables in 仿宋 小四. Every run
carries its East-Asian font (w:eastAsia), which python-docx does not set by itself; the font
names come from settings because the reader's PC renders them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_PT, BODY_PT, TABLE_PT = 22, 16, 12


@dataclass(frozen=True)
class Fonts:
    title: str
    body: str
    heading: str


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(paragraph, text: str):
    """A run of ``text`` without the control characters XML cannot hold."""
    return paragraph.add_run(_NOT_XML.sub(" ", text))


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)


def _paragraph(
    document, text: str, fonts: Fonts, *, size=BODY_PT, font=None, align=None, bold=False
):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    _font(_text(paragraph, text), font or fonts.body, size, bold=bold)
    return paragraph


def _table(document, rows: list[list[str]], fonts: Fonts, widths: list[int], *, header=True):
    """A grid table; ``widths`` in mm add up to the 156 mm between the margins."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice and WPS follow
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Mm(widths[c])
            cell.paragraphs[0].clear()
            _font(_text(cell.paragraphs[0], text), fonts.body, TABLE_PT, bold=header and r == 0)
    return table


def render(data: dict, fonts: Fonts) -> bytes:
    """``data`` is plain values (see export.form_data); the .docx as bytes."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = fonts.body, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts.body)

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
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
