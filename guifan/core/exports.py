"""Excel ledgers in the layout staff expect (GOV-IT-EXPECTATIONS.md §3.2)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

import xlsxwriter
from django.http import HttpResponse

from guifan.core import clock

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Neutralise text that a spreadsheet would run as a formula (CSV/XLSX injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_bytes(
    *, title: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence], issuer: str = ""
) -> bytes:
    """Title row, issuer and date row, bold frozen header with autofilter; text stays text."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    sheet = book.add_worksheet(title[:31])
    title_fmt = book.add_format({"bold": True, "font_size": 16, "align": "center"})
    head_fmt = book.add_format({"bold": True, "border": 1, "bg_color": "#E8EEF7"})
    cell_fmt = book.add_format({"border": 1})
    last_col = len(columns) - 1
    sheet.merge_range(0, 0, 0, last_col, title, title_fmt)
    sheet.write_string(1, 0, f"制表单位：{issuer}" if issuer else "")
    sheet.write_string(1, last_col, f"导出日期：{clock.today():%Y-%m-%d}")
    for col, (name, width) in enumerate(columns):
        sheet.write_string(2, col, name, head_fmt)
        sheet.set_column(col, col, width)
    row_no = 2
    for row_no, row in enumerate(rows, start=3):
        for col, value in enumerate(row):
            value = safe_cell(value)
            if isinstance(value, str):
                sheet.write_string(row_no, col, value, cell_fmt)
            elif value is None:
                sheet.write_blank(row_no, col, None, cell_fmt)
            else:
                sheet.write(row_no, col, value, cell_fmt)
    sheet.freeze_panes(3, 0)
    sheet.autofilter(2, 0, max(row_no, 2), last_col)
    book.close()
    return buffer.getvalue()


def file_response(data: bytes, filename: str, content_type: str) -> HttpResponse:
    """A download; the (often Chinese) file name travels as RFC 5987 UTF-8."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def xlsx_response(*, title: str, columns, rows, issuer: str = "") -> HttpResponse:
    data = xlsx_bytes(title=title, columns=columns, rows=rows, issuer=issuer)
    return file_response(data, f"{title}_{clock.today():%Y%m%d}.xlsx", XLSX)


def journal_export(request, target, what: str = "", **details) -> None:
    """Every file that leaves the system is journaled: who, from where, what, how much."""
    from guifan.core.http import client_ip
    from guifan.journal.services import record
    from guifan.journal.verbs import Verb

    payload = ({"what": what} if what else {}) | details
    record(
        actor=request.user, verb=Verb.EXPORT, target=target, ip=client_ip(request), payload=payload
    )
