"""Opening an uploaded spreadsheet safely: CSV in any of the encodings units export, or XLSX.

Plain Python. ``open_table`` either returns a ``Table`` (header, row iterator with line
numbers, encoding) or raises ``FileRefused`` with one Chinese sentence saying why the file
cannot be read at all and what to do about it.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from guifan.cases.importing.table import MAX_CELL_CHARS, MAX_COLUMNS, FileRefused, Table
from guifan.cases.importing.xlsx import open_xlsx

__all__ = ["MAX_CELL_CHARS", "FileRefused", "Table", "is_bad_row", "open_table"]

_CHUNK = 1 << 20

ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8（带 BOM）",
    "gb18030": "GBK/GB18030",
    "utf-16": "UTF-16",
}
_ALIASES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "gb18030": "gb18030",
    "utf-16": "utf-16",
}


def open_table(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> Table:
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise FileRefused("文件是空的")
    if head.startswith(b"PK\x03\x04"):
        return open_xlsx(path, sheet)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            "不支持 Excel 97-2003（.xls）格式，请在 Excel 中另存为 .xlsx 或 CSV 后导入"
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise FileRefused("文件扩展名是 .xlsx，但内容不是 Excel 工作簿（文件可能已损坏）")
    if sheet:
        raise FileRefused("CSV 文件没有工作表，请去掉工作表参数")
    return _open_csv(path, encoding)


# --- CSV ----------------------------------------------------------------------------------


def _check_text(path: Path, codec: str) -> int:
    """Decode the whole file strictly; return its line count or raise UnicodeDecodeError."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    lines, offset = 0, 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if b"\x00" in chunk and codec != "utf-16":
                raise FileRefused("文件含有二进制内容，不是文本格式的 CSV")
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                line = lines + chunk[: max(exc.start, 0)].count(b"\n") + 1
                raise UnicodeDecodeError(
                    exc.encoding, exc.object, offset + exc.start, offset + exc.end, str(line)
                ) from None
            lines += text.count("\n")
            offset += len(chunk)
        decoder.decode(b"", final=True)
    return lines


def _detect(path: Path) -> tuple[str, int]:
    with path.open("rb") as handle:
        start = handle.read(4)
    if start.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        # Try UTF-8 first: GBK text is almost never valid UTF-8, while GB18030 accepts nearly
        # any bytes, so the opposite order would store mojibake.
        candidates = ["utf-8", "gb18030"]
    last_error: UnicodeDecodeError | None = None
    for codec in candidates:
        try:
            return codec, _check_text(path, codec)
        except UnicodeDecodeError as exc:
            last_error = exc
    line = last_error.reason if last_error else "?"
    raise FileRefused(
        f"无法识别文件编码（第 {line} 行附近既不是 UTF-8 也不是 GBK）："
        "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重新导入"
    )


def _forced(path: Path, name: str) -> tuple[str, int]:
    codec = _ALIASES.get(name.lower().replace("_", "-"))
    if codec is None:
        raise FileRefused(f"不支持的编码“{name}”，可选 UTF-8、GBK")
    if codec == "utf-8":
        with path.open("rb") as handle:
            if handle.read(3) == codecs.BOM_UTF8:
                codec = "utf-8-sig"  # the BOM is not part of the first column's name
    other = "utf-8" if codec == "gb18030" else "gb18030"
    try:
        lines = _check_text(path, codec)
    except UnicodeDecodeError as exc:
        hint = ENCODING_NAMES[other] if _decodes(path, other) else "UTF-8 或 GBK"
        raise FileRefused(
            f"按 {ENCODING_NAMES[codec]} 读取失败（第 {exc.reason} 行附近）："
            f"该文件应选择 {hint} 编码"
        ) from None
    if codec == "gb18030" and _decodes(path, "utf-8") and not _is_ascii(path):
        raise FileRefused("该文件是 UTF-8 编码，按 GBK 读取会产生乱码：请选择 UTF-8 编码")
    return codec, lines


def _decodes(path: Path, codec: str) -> bool:
    try:
        _check_text(path, codec)
    except (UnicodeDecodeError, FileRefused):
        return False
    return True


def _is_ascii(path: Path) -> bool:
    with path.open("rb") as handle:
        return all(chunk.isascii() for chunk in iter(lambda: handle.read(_CHUNK), b""))


def _open_csv(path: Path, encoding: str | None) -> Table:
    codec, lines = _forced(path, encoding) if encoding else _detect(path)
    handle = io.TextIOWrapper(path.open("rb"), encoding=codec, newline="")
    first = handle.readline()
    if len(first) > MAX_COLUMNS * 200:
        handle.close()
        raise FileRefused(f"表头过长：最多支持 {MAX_COLUMNS} 列")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter), [])
    if len(header) > MAX_COLUMNS:
        handle.close()
        raise FileRefused(f"表头有 {len(header)} 列，最多支持 {MAX_COLUMNS} 列")
    reader = csv.reader(handle, delimiter=delimiter)
    notes: list[str] = []
    return Table(
        header=[h.strip() for h in header],
        rows=_csv_rows(reader, handle, notes),
        total=max(lines - 1, 0),
        encoding=codec,
        notes=notes,
    )


MAX_NOTES = 20


def _csv_rows(reader, handle, notes: list[str]) -> Iterator[tuple[int, list[Any]]]:
    line = 1  # the file's line the last row read ended on (the header is line 1)
    try:
        while True:
            try:
                # The hot loop of reading: one pass per row, checks in C.
                for cells in reader:
                    start, line = line + 1, reader.line_num + 1
                    if line > start and len(notes) < MAX_NOTES:
                        # Legitimate for a cell with a line break, but also what an unpaired
                        # quote does to the lines after it: say so rather than let lines
                        # vanish unseen.
                        notes.append(
                            f"第 {start}–{line} 行被读作一行"
                            "（单元格内有换行，或引号不成对），请核对"
                        )
                    if "".join(cells).strip():  # not a blank row
                        yield start, cells
                return
            except csv.Error as exc:
                start, line = line + 1, reader.line_num + 1
                yield start, [_BadRow(f"CSV 格式错误：{exc}")]
    finally:
        handle.close()


class _BadRow(str):
    """A row the CSV reader could not split; the engine rejects it with this reason."""


def is_bad_row(cells: list[Any]) -> str | None:
    return str(cells[0]) if len(cells) == 1 and isinstance(cells[0], _BadRow) else None
