"""The 案件评查登记表 as a .docx in 公文 layout (core/gongwen.py: GB/T 9704-2012 page, fonts),
filled in as the grid form (表格式) units file, with page numbers in the footer."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from guifan.core.gongwen import (
    TABLE_PT,
    TITLE_PT,
    Fonts,
    cell_text,
    document_bytes,
    font,
    grid,
    new_document,
    paragraph,
    text,
)

__all__ = ["Fonts", "render"]

GRID = (28, 50, 28, 50)  # mm, four columns across the 156 mm between the margins


def _grid(document, rows: list[tuple], fonts: Fonts):
    """The 登记表 as one grid (表格式): every row is ("head", text) across the grid,
    ("pair", k1, v1, k2, v2), ("wide", k, v) with the value across three columns,
    ("cells", a, b, c, d) or ("sign", text) across the grid."""
    table = grid(document, len(rows), GRID)
    for r, (kind, *values) in enumerate(rows):
        cells = table.rows[r].cells
        if kind in ("head", "sign"):
            merged = cells[0].merge(cells[3])
            cell_text(merged, values[0], fonts, bold=kind == "head")
        elif kind == "wide":
            cell_text(cells[0], values[0], fonts, bold=True)
            cell_text(cells[1].merge(cells[3]), values[1], fonts)
        else:
            for c, value in enumerate(values):
                cell_text(cells[c], value, fonts, bold=kind == "pair" and c % 2 == 0)
    return table


def _field(paragraph_, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the reader's word processor fills in."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    run.append(placeholder)
    field.append(run)
    paragraph_._p.append(field)


def _page_numbers(section, fonts: Fonts) -> None:
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(text(footer, "第 "), fonts.body, TABLE_PT)
    _field(footer, "PAGE")
    font(text(footer, " 页 共 "), fonts.body, TABLE_PT)
    _field(footer, "NUMPAGES")
    font(text(footer, " 页"), fonts.body, TABLE_PT)


def render(data: dict, fonts: Fonts) -> bytes:
    """``data`` is plain values (see export.form_data); the .docx as bytes."""
    document = new_document(fonts)
    _page_numbers(document.sections[0], fonts)
    paragraph(
        document, "案件评查登记表", fonts, size=TITLE_PT, font_name=fonts.title,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )  # fmt: skip
    paragraph(document, data["campaign"], fonts, align=WD_ALIGN_PARAGRAPH.CENTER)
    _grid(document, data["rows"], fonts)
    return document_bytes(document)
