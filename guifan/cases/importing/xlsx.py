"""Opening an XLSX workbook without letting the reading library allocate more than it holds.

python-calamine reads a sheet into one rectangle from the first to the farthest cell (32 bytes
a cell) and sizes the shared-string table by the count the file announces. A 2 KB file with a
row numbered 1,048,576 and cells that carry no ``r=`` position (each one then lands right of
the one before) makes it ask for hundreds of gigabytes and abort the whole process, which no
``try`` can catch. So before the library sees a file, ``check_workbook`` streams every part
of the zip once and works out where each row and cell lands: from its ``r=`` when it has one,
otherwise one after the previous one (and never before its ordinal, whichever rule a reader
follows). It refuses the file when the rectangle, the number of cells or the announced strings
exceed a budget, long before anything that large is allocated.
"""

from __future__ import annotations

import functools
import html
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from guifan.cases.importing.table import MAX_COLUMNS, FileRefused, Table

MAX_XLSX_UNCOMPRESSED = 1024 * 1024 * 1024  # 1 GiB inflated
MAX_XLSX_RATIO = 200  # deflate rarely beats 100:1 on real sheets
# Rows x columns of a sheet as the reader allocates it, and cells or shared strings in one
# part: 16 million cells are 512 MiB for calamine, a million cases of 16 columns.
MAX_XLSX_CELLS = 16_000_000
MAX_XLSX_ROWS = 1_048_576  # Excel's own limit
_MAX_TAG = 1 << 16  # a cell or row tag longer than this is not from a spreadsheet program
_CHUNK = 1 << 20

_START = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|si|sst|dimension)(?=[\s/>])"
    rb"(?:\s+r\s*=\s*\"([A-Za-z]{0,6})(\d{0,12})\"(?=[\s/>]))?"
)
_NAME = re.compile(rb"[^\s/>]+")
_ATTRS = re.compile(rb"\s+([^\s=/>]+)\s*=\s*(?:\"([^\"<]*)\"|'([^'<]*)')")
_TAG_END = re.compile(rb"\s*/?>")
# A reader may decode XML written in UTF-16, which the byte patterns above would not see.
_UTF16_XML = (b"\xff\xfe<\x00", b"\xfe\xff\x00<", b"<\x00", b"\x00<")


def check_workbook(path: Path) -> None:
    """Refuse a workbook that is damaged, a zip bomb, or would make the reader allocate
    more than the budget; every reason is one Chinese sentence."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            _check_members(members)
            for member in members:
                with archive.open(member) as part:
                    measure_part(part)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise FileRefused("XLSX 文件已损坏，无法打开") from None


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused("这是一个 ZIP 文件，但不是 Excel 工作簿（.xlsx）")
    if sum(m.file_size for m in members) > MAX_XLSX_UNCOMPRESSED:
        raise FileRefused("XLSX 解压后超过 1 GB，拒绝导入（可能是压缩炸弹），请拆分文件")
    for member in members:
        if member.file_size > 10 * 1024 * 1024 and (
            member.file_size > MAX_XLSX_RATIO * max(member.compress_size, 1)
        ):
            raise FileRefused("XLSX 压缩比异常，拒绝导入（可能是压缩炸弹）")


class Extent:
    """Where the rows and cells of one part land, as a reader would place them."""

    def __init__(self) -> None:
        self.row = self.rows = self.col = self.in_row = 0
        self.max_row = self.max_col = self.cells = self.strings = self.announced = 0

    def scan(self, data: bytes, end: int) -> None:
        """Place the tags that start before ``end``, then check the budget."""
        saved = dict(vars(self))
        if not self._scan_positioned(data, end):
            vars(self).update(saved)
            self._scan_any(data, end)
        self.check()

    def _scan_positioned(self, data: bytes, end: int) -> bool:
        """The hot loop for sheets whose rows and cells all start with ``r=`` (as every
        spreadsheet program writes them); False at the first tag it cannot place."""
        row, rows, col, in_row = self.row, self.rows, self.col, self.in_row
        max_row, max_col, cells, strings = self.max_row, self.max_col, self.cells, self.strings
        for name, letters, digits in _START.findall(data, 0, end):
            if name == b"c" and (letters or digits):
                cells += 1
                in_row += 1
                col = _column_number(letters) if letters else max(col + 1, in_row)
                number = int(digits) if digits else row
                row = max(row, number)
                max_row, max_col = max(max_row, number, 1), max(max_col, col)
            elif name == b"row" and digits and not letters:
                rows += 1
                row, col, in_row = int(digits), 0, 0
            elif name == b"si":
                strings += 1
            else:
                return False
        self.row, self.rows, self.col, self.in_row = row, rows, col, in_row
        self.max_row, self.max_col, self.cells, self.strings = max_row, max_col, cells, strings
        return True

    def _scan_any(self, data: bytes, end: int) -> None:
        for match in _START.finditer(data, 0, end):
            name, attrs = match.group(1), _attributes(data, match.start(1), end)
            if name == b"c":
                self.cells += 1
                self.in_row += 1
                letters, number = _position(attrs.get(b"r"))
                self.col = _column_number(letters) if letters else max(self.col + 1, self.in_row)
                self.row = max(self.row, number)
                self._reach(number or self.row, self.col)
            elif name == b"row":
                self.rows += 1
                self.row = _number(attrs.get(b"r")) or max(self.row + 1, self.rows)
                self.col = self.in_row = 0
            elif name == b"si":
                self.strings += 1
            elif name == b"sst":
                for key in (b"count", b"uniqueCount"):
                    self.announced = max(self.announced, _number(attrs.get(key)))
            else:  # <dimension ref="A1:N9">
                for ref in (attrs.get(b"ref") or b"").split(b":"):
                    letters, number = _position(ref)
                    self._reach(number, _column_number(letters))

    def _reach(self, row: int, col: int) -> None:
        self.max_row, self.max_col = max(self.max_row, row, 1), max(self.max_col, col)

    def check(self) -> None:
        if self.max_col > MAX_COLUMNS:
            raise FileRefused(
                f"工作表的单元格一直用到第 {self.max_col} 列（最多支持 {MAX_COLUMNS} 列）："
                "请删除多余的列或只复制数据区域到新工作簿后再导入"
            )
        if self.max_row > MAX_XLSX_ROWS:
            raise FileRefused(f"工作表的行号超过 Excel 的上限 {MAX_XLSX_ROWS:,}，文件已损坏")
        strings = max(self.strings, self.announced)
        if strings > MAX_XLSX_CELLS:
            raise FileRefused(
                f"工作簿声明了 {strings:,} 个文本（最多 {MAX_XLSX_CELLS:,} 个）："
                "请拆分后分批导入，或另存为 CSV 后导入"
            )
        if self.max_row * max(self.max_col, 1) > MAX_XLSX_CELLS or self.cells > MAX_XLSX_CELLS:
            raise FileRefused(
                f"工作表范围过大（{self.max_row:,} 行 × {self.max_col} 列，"
                f"最多 {MAX_XLSX_CELLS:,} 个单元格）：请拆分后分批导入，或另存为 CSV 后导入"
            )


def measure_part(part) -> Extent:
    """Stream one part of the zip, placing its rows and cells; refuse it as soon as it goes
    over the budget (checked after each megabyte, so a refusal costs little)."""
    extent, tail = Extent(), b""
    first = True
    while chunk := part.read(_CHUNK):
        if first and chunk.startswith(_UTF16_XML):
            raise FileRefused("XLSX 内部文件不是 UTF-8 编码，不是 Excel 保存的工作簿")
        first = False
        data = tail + chunk
        cut = data.rfind(b"<")
        if cut < 0:
            tail = b""
            continue
        extent.scan(data, cut)
        tail = data[cut:]
        if len(tail) > _MAX_TAG and _START.match(tail):
            raise FileRefused("XLSX 工作表中有异常的单元格标记，文件已损坏")
        if len(tail) > _MAX_TAG:
            tail = b""  # the text of a long cell: nothing to place
    extent.scan(tail, len(tail))
    return extent


def _attributes(data: bytes, position: int, end: int) -> dict[bytes, bytes]:
    """The attributes of the tag whose name starts at ``position``; none when the tag is not
    well formed (it is then placed as if it had no position, which never places it before
    where a reader would)."""
    position = _NAME.match(data, position, end).end()
    attrs = {}
    while attr := _ATTRS.match(data, position, end):
        attrs[attr.group(1)] = attr.group(2) if attr.group(2) is not None else attr.group(3)
        position = attr.end()
    return attrs if _TAG_END.match(data, position, end) else {}


def _number(value: bytes | None) -> int:
    if value and b"&" in value:
        value = html.unescape(value.decode("utf-8", "replace")).encode()
    value = (value or b"").strip()
    return int(value) if value.isdigit() and len(value) <= 12 else 0


def _position(ref: bytes | None) -> tuple[bytes, int]:
    """``b"AB12"`` → ``(b"AB", 12)``; either part may be missing."""
    if not ref:
        return b"", 0
    if b"&" in ref:
        ref = html.unescape(ref.decode("utf-8", "replace")).encode()
    ref = ref.strip()
    digits = ref.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return ref[: len(ref) - len(digits)].upper(), _number(digits)


@functools.cache
def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters[:6]:
        number = number * 26 + letter - 64
    return number


def open_xlsx(path: Path, sheet: str | None) -> Table:
    import python_calamine

    check_workbook(path)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        if sheet and sheet not in names:
            raise FileRefused(f"找不到工作表“{sheet}”，文件中的工作表有：{'、'.join(names)}")
        data = book.get_sheet_by_name(sheet or names[0])
        # Rows come from the sheet's first row on (blank ones included), columns from the
        # first used column; the header is the first row with anything in it.
        rows = enumerate(data.iter_rows(), start=1)
        header_line, first = next(
            ((n, r) for n, r in rows if any(_filled(c) for c in r)), (0, None)
        )
    except FileRefused:
        raise
    except Exception as exc:  # calamine raises its own error types for each kind of damage
        raise FileRefused(f"无法读取 XLSX（{type(exc).__name__}）：文件可能已损坏或加密") from None
    if not first:
        raise FileRefused("工作表是空的")
    header = [str(h).strip() if h is not None else "" for h in first]
    while header and not header[-1]:
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise FileRefused(f"表头有 {len(header)} 列，最多支持 {MAX_COLUMNS} 列")
    total = max(data.total_height - header_line, 0)
    return Table(header=header, rows=_xlsx_rows(rows), total=total)


def _filled(cell: Any) -> bool:
    return cell not in (None, "")


def _xlsx_rows(rows) -> Iterator[tuple[int, list[Any]]]:
    for line, cells in rows:
        if any(_filled(c) for c in cells):
            yield line, cells
