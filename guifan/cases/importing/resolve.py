"""Turning parsed rows into stored rows: who may import what, lookups, inserts and updates."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from guifan.cases.importing.columns import Spec
from guifan.cases.importing.reading import FileRefused
from guifan.core.scoping import scope_of
from guifan.org.models import Department, Person, Unit


@dataclass
class ParsedRow:
    line: int
    cells: list[Any]
    values: dict[str, Any]
    errors: list[tuple[str, str]]
    key: Any = None


@dataclass
class Outcome:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: dict[int, tuple[str, str]] = field(default_factory=dict)  # line -> (column, why)
    changes: list[tuple] = field(default_factory=list)  # journal items


@dataclass
class Context:
    """What one import may touch and the lookups it needs, loaded once per file."""

    allowed_unit_ids: frozenset[int] | None  # None: every unit (the command line)
    max_lengths: dict[str, int]
    units_by_code: dict[str, Unit] = field(default_factory=dict)
    units_by_name: dict[str, Unit] = field(default_factory=dict)
    departments: dict[tuple[int, str], int] = field(default_factory=dict)
    people: dict[str, tuple[int, int]] = field(default_factory=dict)  # 工号 -> (id, unit)
    people_by_name: dict[tuple[int, str], int | None] = field(default_factory=dict)
    # CaseWriter.place of each combination of unit, department and handler cells met so far
    # (the file's header, hence by_name, is the same for all of them).
    placed: dict[tuple, tuple] = field(default_factory=dict)
    fresh: bool = False  # the table held no row when the import began (engine._write_columns)

    def may_touch(self, unit_id: int) -> bool:
        return self.allowed_unit_ids is None or unit_id in self.allowed_unit_ids


def context_for(spec: Spec, user) -> Context:
    allowed = None
    if user is not None:
        scope = scope_of(user)
        if scope.is_admin or not scope.business_unit_ids:
            raise FileRefused(
                _("您的角色不能导入案件数据（只有整治办、纪检监察和单位联络员可以导入）")
            )
        allowed = scope.units_for(*spec.roles) if spec.roles else scope.business_unit_ids
        if not allowed:
            raise FileRefused(_("您的角色不能导入“%(kind)s”") % {"kind": spec.label})
    lengths = {
        f.name: f.max_length
        for f in spec.model._meta.fields
        if isinstance(f, models.CharField) and f.max_length
    }
    lengths.update(unit_code=6, unit_name=100, department_name=50, handler_staff_no=20)
    context = Context(allowed, lengths)
    if spec.by_unit:
        _load_org(context)
    return context


def _load_org(context: Context) -> None:
    for unit in Unit.objects.all():
        context.units_by_code[unit.code] = unit
        context.units_by_name[unit.name] = unit
        context.units_by_name.setdefault(unit.short_name, unit)
    for pk, unit_id, name in Department.objects.values_list("pk", "unit_id", "name"):
        context.departments[unit_id, name] = pk
    for pk, staff_no, unit_id, name in Person.objects.values_list(
        "pk", "staff_no", "unit_id", "name"
    ):
        context.people[staff_no] = (pk, unit_id)
        key = (unit_id, name)
        context.people_by_name[key] = None if key in context.people_by_name else pk


def aware(value: Any) -> Any:
    """Times in files are local times of the procuratorate (settings.TIME_ZONE)."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return timezone.make_aware(value)
    return value


_NONE_AS_BLANK = {None: ""}


def digest(values: dict[str, Any], fields: list[str]) -> str:
    """MD5 of the values in ``fields`` order as text (None as ""), joined by U+001F."""
    return _md5(tuple(map(values.get, fields)))


def digests(rows: list[dict[str, Any]], fields: list[str]) -> list[str]:
    """digest() of many rows, their values picked out in C when every row has every field."""
    if len(fields) < 2:
        return [digest(values, fields) for values in rows]
    try:
        return list(map(_md5, map(itemgetter(*fields), rows)))
    except KeyError:
        return [digest(values, fields) for values in rows]


def _md5(values: tuple) -> str:
    text = "\x1f".join(map(str, map(_NONE_AS_BLANK.get, values, values)))
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()
