"""The statistics as one .xlsx: a sheet per table, its cells those of the page."""

from __future__ import annotations

import io

import xlsxwriter

from guifan.core import clock
from guifan.core.exports import safe_cell
from guifan.reports.tables import Table


def statistics_xlsx(tables: list[Table], *, title: str, issuer: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
         "strings_to_urls": False},
    )  # fmt: skip
    title_fmt = book.add_format({"bold": True, "font_size": 14})
    head_fmt = book.add_format({"bold": True, "border": 1, "bg_color": "#E8EEF7"})
    cell_fmt = book.add_format({"border": 1})
    for table in tables:
        sheet = book.add_worksheet(table.title[:31])
        sheet.write_string(0, 0, f"{title}：{table.title}", title_fmt)
        sheet.write_string(1, 0, f"制表单位：{issuer}　统计日期：{clock.today():%Y-%m-%d}")
        for col, name in enumerate(table.columns):
            sheet.write_string(2, col, name, head_fmt)
            sheet.set_column(col, col, 14 if col == 0 else 11)
        for r, row in enumerate(table.rows, start=3):
            for col, value in enumerate(row):
                value = safe_cell(value)
                if isinstance(value, str):
                    sheet.write_string(r, col, value, cell_fmt)
                else:
                    sheet.write_number(r, col, value, cell_fmt)
        if table.note:
            sheet.write_string(len(table.rows) + 4, 0, f"注：{table.note}")
        sheet.freeze_panes(3, 1)
    book.close()
    return buffer.getvalue()
