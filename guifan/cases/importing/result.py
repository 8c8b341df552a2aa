"""What an import reports: its counts, the bad rows with line and reason, the file's digest."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from guifan.cases.importing.reading import MAX_CELL_CHARS

MAX_ERRORS_KEPT = 1000  # in the summary; the error report file holds all of them


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str


@dataclass
class ImportResult:
    kind: str
    file_name: str
    sha256: str
    encoding: str = ""
    rows: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    errors_path: Path | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.file_name,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "rows": self.rows,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "warnings": self.warnings,
            "errors": [e.__dict__ for e in self.errors],
            "errors_truncated": self.rejected > len(self.errors),
            "errors_file": str(self.errors_path) if self.errors_path else None,
        }


def bad_text(raw: str) -> str:
    if "\x00" in raw:
        return _("含有空字符（NUL），请删除后重新导入")
    return _("内容超过 %(n)d 个字符（常见原因：引号不成对，把后面的行并进了这一格）") % {
        "n": MAX_CELL_CHARS
    }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
