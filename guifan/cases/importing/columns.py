"""The building blocks of the import specs: a column with its Chinese header, aliases and
parser; a file kind; header normalisation; parsers for choice columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from guifan.cases import models as m
from guifan.cases.importing import values as v


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    aliases: tuple[str, ...] = ()
    parse: Callable[[Any], Any] = v.text
    required: bool = False


@dataclass(frozen=True)
class Spec:
    kind: str
    label: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    # Checks across a row's parsed values: each returns (column, reason) or None.
    checks: tuple[Callable[[dict[str, Any]], tuple[str, str] | None], ...] = ()
    # A kind an app above cases registers (specs.register): its own writer, the roles whose
    # units it may import into (default: the user's business units), and for kinds not keyed
    # by 部门受案号 + 序号 the field that identifies a row and what to do once a file is in
    # (given the importing user).
    writer: type | None = None
    roles: tuple[str, ...] = ()
    key: str | tuple[str, ...] = ""
    after: Callable[[Any], None] | None = None

    @property
    def key_fields(self) -> tuple[str, ...]:
        """The fields that identify a row of a kind not keyed by 部门受案号 + 序号."""
        return (self.key,) if isinstance(self.key, str) else self.key

    @property
    def is_case(self) -> bool:
        return self.model is m.Case

    @property
    def is_event(self) -> bool:
        """A process record of a case (部门受案号 + 序号)."""
        return not self.is_case and not self.key

    @property
    def by_unit(self) -> bool:
        """Rows name their unit (单位编码 or 承办单位) rather than a case."""
        return self.is_case or bool(self.key)

    def header_map(self) -> dict[str, Column]:
        names: dict[str, Column] = {}
        for column in self.columns:
            for name in (column.header, *column.aliases):
                names[normalise_header(name)] = column
        return names


def normalise_header(name: str) -> str:
    """Compare headers ignoring width, spaces, case and the * that marks required columns."""
    folded = unicodedata.normalize("NFKC", name).replace("*", "").replace(" ", "")
    return folded.strip().lower()


def choice(choices: type[models.TextChoices], what: str, **aliases: str):
    """Accept the Chinese label, the stored code or an alias; name only the labels."""
    mapping = {str(label): value for value, label in choices.choices}
    shown = [label for label, value in mapping.items() if value]
    mapping.update({value: value for value in choices.values if value})
    mapping.update(aliases)
    return v.choice_parser(mapping, what, shown)


BLANK = {"": ""}
CASE_NO = Column("case_no", "部门受案号", ("受案号", "案号", "bmsah"), required=True)
SEQ = Column("seq", "序号", ("编号",), v.parse_positive_int, required=True)
