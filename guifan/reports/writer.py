"""The 公文 writer of the campaign's documents: headings numbered 一、二、…, paragraphs,
tables and charts, and the small helpers that read figures out of a ``Table``."""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from guifan.core.gongwen import (
    TEXT_WIDTH_MM,
    TITLE_PT,
    Fonts,
    document_bytes,
    new_document,
    paragraph,
    table,
)
from guifan.reports.charts import chart_png, cjk_font
from guifan.reports.tables import Table

NUMERALS = "一二三四五六七八九十"


def nothing(percent: int, step: str) -> None:
    pass


class Writer:
    """Headings numbered 一、二、…, paragraphs, tables and charts in 公文 style."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.document = new_document(fonts)
        self.sections = 0
        self.charts = 0
        self.charts_missing = False

    def title(self, text: str, subtitle: str) -> None:
        paragraph(self.document, text, self.fonts, size=TITLE_PT, font_name=self.fonts.title,
                  align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        paragraph(self.document, subtitle, self.fonts, align=WD_ALIGN_PARAGRAPH.CENTER)

    def heading(self, text: str) -> None:
        self.sections += 1
        numbered = f"{NUMERALS[self.sections - 1]}、{text}"
        paragraph(self.document, numbered, self.fonts, font_name=self.fonts.heading)

    def text(self, value: str) -> None:
        added = paragraph(self.document, value, self.fonts)
        added.paragraph_format.first_line_indent = Mm(11)  # two characters of 3号

    def texts(self, values: list[str]) -> None:
        for value in values:
            self.text(value)

    def table(self, stat: Table) -> None:
        paragraph(self.document, stat.title, self.fonts, font_name=self.fonts.heading, size=14,
                  align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
        # The label column as wide as its longest label (about 4.3 mm a character), within limits.
        longest = max((len(str(row[0])) for row in stat.rows), default=4)
        first = min(64, max(24, 4.3 * longest + 4)) if len(stat.columns) > 2 else TEXT_WIDTH_MM / 2
        rest = (TEXT_WIDTH_MM - first) / (len(stat.columns) - 1)
        rows = [stat.columns, *([cell(v) for v in row] for row in stat.rows)]
        table(self.document, rows, self.fonts, [first, *([rest] * (len(stat.columns) - 1))])
        if stat.note:
            paragraph(self.document, f"注：{stat.note}", self.fonts, size=10.5)

    def chart(self, stat: Table) -> None:
        png = chart_png(stat.chart_data()) if stat.rows else None
        if png is None:
            self.charts_missing = self.charts_missing or (bool(stat.rows) and cjk_font() is None)
            return
        self.document.add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM))
        self.document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.charts += 1

    def both(self, stat: Table) -> None:
        self.chart(stat)
        self.table(stat)

    def bytes(self) -> bytes:
        if self.charts_missing:
            self.text("（服务器未安装中文字体，本报告未附统计图，数据见各表。）")
        return document_bytes(self.document)


def cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def by_key(tables: list[Table]) -> dict[str, Table]:
    return {t.key: t for t in tables}


def total(stat: Table, column: str) -> int:
    return sum(v for v in stat.column(column) if isinstance(v, int))


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"
