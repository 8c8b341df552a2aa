"""The error report: rejected rows exactly as they were, plus the line and the reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter

from guifan.core.exports import safe_cell

REPORT_COLUMNS = ("原行号", "错误原因")


class ErrorReport:
    """Streams rejected rows into an .xlsx the user can fix and import again."""

    def __init__(self, path: Path, header: list[str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._book = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self._sheet = self._book.add_worksheet("被拒绝的行")
        bold = self._book.add_format({"bold": True, "bg_color": "#FDECEA", "border": 1})
        # The two report columns come last, so the fixed sheet can be imported as it is
        # (the importer knows and skips them).
        self._width = len(header)
        columns = [*header, *REPORT_COLUMNS]
        for col, name in enumerate(columns):
            self._sheet.write_string(0, col, name, bold)
        self._sheet.set_column(0, self._width - 1, 16)
        self._sheet.set_column(self._width, self._width, 8)
        self._sheet.set_column(self._width + 1, self._width + 1, 60)
        self._sheet.freeze_panes(1, 0)
        self._row = 0

    def add(self, line: int, reason: str, cells: list[Any]) -> None:
        self._row += 1
        for col, value in enumerate(cells[: self._width]):
            if value is None:
                continue
            value = safe_cell(value if isinstance(value, str) else _as_text(value))
            self._sheet.write_string(self._row, col, value)
        self._sheet.write_number(self._row, self._width, line)
        self._sheet.write_string(self._row, self._width + 1, reason)

    def close(self) -> None:
        self._book.close()


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return str(value)
