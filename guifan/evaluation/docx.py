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
from docx.oxml import OxmlElement
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


GRID = (28, 50, 28, 50)  # mm, four columns across the 156 mm between the margins


def _cell(cell, text: str, fonts: Fonts, *, bold: bool = False) -> None:
    cell.paragraphs[0].clear()
    _font(_text(cell.paragraphs[0], text), fonts.body, TABLE_PT, bold=bold)


def _grid(document, rows: list[tuple], fonts: Fonts):
    """The 登记表 as one grid (表格式): every row is ("head", text) across the grid,
    ("pair", k1, v1, k2, v2), ("wide", k, v) with the value across three columns,
    ("cells", a, b, c, d) or ("sign", text) across the grid."""
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, GRID, strict=True):
        column.width = Mm(width)
    for r, (kind, *values) in enumerate(rows):
        cells = table.rows[r].cells
        for c, cell in enumerate(cells):
            cell.width = Mm(GRID[c])
        if kind in ("head", "sign"):
            merged = cells[0].merge(cells[3])
            _cell(merged, values[0], fonts, bold=kind == "head")
        elif kind == "wide":
            _cell(cells[0], values[0], fonts, bold=True)
            _cell(cells[1].merge(cells[3]), values[1], fonts)
        else:
            for c, text in enumerate(values):
                _cell(cells[c], text, fonts, bold=kind == "pair" and c % 2 == 0)
    return table


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the reader's word processor fills in."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_numbers(section, fonts: Fonts) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(_text(paragraph, "第 "), fonts.body, TABLE_PT)
    _field(paragraph, "PAGE")
    _font(_text(paragraph, " 页 共 "), fonts.body, TABLE_PT)
    _field(paragraph, "NUMPAGES")
    _font(_text(paragraph, " 页"), fonts.body, TABLE_PT)


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
    _page_numbers(section, fonts)
    _paragraph(
        document, "案件评查登记表", fonts, size=TITLE_PT, font=fonts.title,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )  # fmt: skip
    _paragraph(document, data["campaign"], fonts, align=WD_ALIGN_PARAGRAPH.CENTER)
    _grid(document, data["rows"], fonts)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
