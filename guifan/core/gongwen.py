"""Word documents in 公文 layout (GB/T 9704-2012, GOV-IT-EXPECTATIONS §3.3).

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
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_PT, BODY_PT, TABLE_PT = 22, 16, 12
TEXT_WIDTH_MM = 156  # between the margins


@dataclass(frozen=True)
class Fonts:
    title: str
    body: str
    heading: str


def fonts_from_settings() -> Fonts:
    from django.conf import settings

    return Fonts(
        settings.GUIFAN_FONT_TITLE, settings.GUIFAN_FONT_BODY, settings.GUIFAN_FONT_HEADING
    )


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def text(paragraph, value: str):
    """A run of ``value`` without the control characters XML cannot hold."""
    return paragraph.add_run(_NOT_XML.sub(" ", value))


def font(run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)


def paragraph(document, value: str, fonts: Fonts, *, size=BODY_PT, font_name=None, align=None,
              bold=False):  # fmt: skip
    added = document.add_paragraph()
    if align is not None:
        added.alignment = align
    font(text(added, value), font_name or fonts.body, size, bold=bold)
    return added


def grid(document, rows: int, widths: list[float] | tuple[float, ...]):
    """An empty grid table, centred, with fixed column widths in mm (adding up to the 156 mm
    between the margins) on the grid and on every cell, which LibreOffice and WPS follow."""
    added = document.add_table(rows=rows, cols=len(widths))
    added.style = "Table Grid"
    added.alignment = WD_TABLE_ALIGNMENT.CENTER
    added.autofit = False
    for column, width in zip(added.columns, widths, strict=True):
        column.width = Mm(width)
    for row in added.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    return added


def cell_text(cell, value: str, fonts: Fonts, *, bold: bool = False) -> None:
    """Replace a cell's text with ``value`` in the table font."""
    cell.paragraphs[0].clear()
    font(text(cell.paragraphs[0], value), fonts.body, TABLE_PT, bold=bold)


def table(document, rows: list[list[str]], fonts: Fonts, widths: list[float], *, header=True):
    """A grid table of text, its first row bold when ``header``."""
    added = grid(document, len(rows), widths)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell_text(added.cell(r, c), value, fonts, bold=header and r == 0)
    return added


def new_document(fonts: Fonts):
    """An empty A4 document with the 公文 margins and body font."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = fonts.body, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts.body)
    return document


def document_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
