"""What a reader hands the import engine: a ``Table``, or a ``FileRefused`` saying why not."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_000


class FileRefused(Exception):
    """The file as a whole cannot be imported; the message tells the user why."""


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (line number in the file, cells)
    total: int  # data rows (for the progress bar)
    encoding: str = ""  # for CSV
    notes: list[str] = field(default_factory=list)
