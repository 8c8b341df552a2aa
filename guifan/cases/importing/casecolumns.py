"""Case rows a batch at a time, column by column: the import's path for 案件 files.

The row path (engine.Importer._parse, writers.CaseWriter.prepare) builds a dict per row and
looks up each row's unit, department and handler; here a batch stays a dict of columns from
the parsed cells to the INSERT: keys and duplicates, the checks across values, unit,
department and handler (each distinct combination resolved once by the row path's own
``CaseWriter.place``), digests and insert parameters are worked out per column, in C where
they can be. The outcome is the row path's: the same rows stored with the same digests, the
same rows refused with the same reasons, updates and journal entries as before.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from guifan.cases.importing.columns import Spec
from guifan.cases.importing.resolve import Context, Outcome, ParsedRow
from guifan.cases.importing.writers import CaseWriter
from guifan.cases.numbers import normalise_case_nos
from guifan.core.bulk import insert_columns

Problems = list[tuple[str, str]]  # (column header, reason)


@dataclass
class Batch:
    """Rows of a file as columns: field -> one value a row; ``errors`` by position."""

    lines: list[int]
    cells: list[list[Any]]
    values: dict[str, list[Any]]
    errors: dict[int, Problems] = field(default_factory=dict)

    @classmethod
    def of_rows(cls, rows: list[ParsedRow], fields: list[str]) -> Batch:
        """The rows a row parser read (a bad row's values are unused)."""
        return cls(
            [row.line for row in rows],
            [row.cells for row in rows],
            {name: [row.values.get(name) for row in rows] for name in fields},
            {position: row.errors for position, row in enumerate(rows) if row.errors},
        )

    def take(self, positions: list[int]) -> Batch:
        """The rows at ``positions`` (without their errors: only good rows are taken)."""
        if len(positions) == len(self.lines):
            return Batch(self.lines, self.cells, dict(self.values))
        return Batch(
            [self.lines[p] for p in positions],
            [self.cells[p] for p in positions],
            {name: [column[p] for p in positions] for name, column in self.values.items()},
        )

    def good(self) -> list[int]:
        return [p for p in range(len(self.lines)) if p not in self.errors]


def finish(spec: Spec, batch: Batch, seen: dict[str, int]) -> None:
    """The checks across each parsed row's values, then its key (engine.Importer._finish):
    for the rows without a problem yet; duplicates of a row seen before are refused."""
    values, errors = batch.values, batch.errors
    for check in spec.checks:
        good = batch.good()
        many = getattr(check, "columnwise", None)
        if many is not None:
            found = many(values, good)
        else:
            names = list(values)
            found = {}
            for p in good:
                if problem := check({name: values[name][p] for name in names}):
                    found[p] = problem
        for position, problem in found.items():
            errors.setdefault(position, []).append(problem)
    norms = normalise_case_nos(values["case_no"])
    values["case_no_norm"] = norms
    good = batch.good()
    keys = [norms[p] for p in good] if errors else norms
    lines = [batch.lines[p] for p in good] if errors else batch.lines
    firsts = list(map(seen.setdefault, keys, lines))  # in file order: the first one is kept
    if firsts != lines:
        for position, first, line in zip(good, firsts, lines, strict=True):
            if first != line:
                reason = _("与第 %(line)d 行重复（%(what)s）") % {
                    "line": first,
                    "what": _("同一案件"),
                }
                errors.setdefault(position, []).append(("部门受案号", reason))


def column_digests(values: dict[str, list[Any]], fields: list[str]) -> list[str]:
    """resolve.digest() of each row: MD5 of its values in ``fields`` order as text (None as
    ""), joined by U+001F; the text of each column's distinct values made once."""
    texts = list(map(_as_text, (values[name] for name in fields)))
    md5 = hashlib.md5
    return [
        md5(text.encode(), usedforsecurity=False).hexdigest()
        for text in map("\x1f".join, zip(*texts, strict=True))
    ]


def _as_text(column: list[Any]) -> list[str]:
    try:
        "".join(column)  # TypeError unless every value is text
    except TypeError:
        table = {value: "" if value is None else str(value) for value in set(column)}
        return list(map(table.__getitem__, column))
    return column


# The columns CaseWriter.place reads; all but the handler's name give way to ids.
_PLACE_COLUMNS = ("unit_code", "unit_name", "department_name", "handler_staff_no", "handler_name")
_PLACE_ONLY = frozenset(_PLACE_COLUMNS[:4])


def write_batch(spec: Spec, context: Context, batch: Batch) -> Outcome:
    """Store a batch of good case rows. Into a table that was empty when the import began
    no row can be an update, so the rows are not looked up; should another import have
    stored one of them since, its unique case number refuses the batch, which is then
    written again the usual way (looked up: unchanged, updated or refused)."""
    if not context.fresh:
        return CaseColumnWriter(spec, context).write_batch(batch)
    try:
        with transaction.atomic():
            return CaseColumnWriter(spec, context).write_batch(batch)
    except IntegrityError:
        context.fresh = False
        return CaseColumnWriter(spec, context).write_batch(batch)


class CaseColumnWriter(CaseWriter):
    """CaseWriter for a Batch of good rows; refused rows go to ``outcome.rejected``."""

    def write_batch(self, batch: Batch) -> Outcome:
        batch = self._place(batch)
        count = len(batch.lines)
        if not count:
            return self.outcome
        v = batch.values
        fields = sorted(v.keys() - self.identity_fields)
        v["row_hash"] = hashes = column_digests(v, fields)
        norms = v["case_no_norm"]
        existing = {} if self.context.fresh else self.existing(norms)
        if existing:
            inserts, updates = [], []
            for position, (norm, row_hash) in enumerate(zip(norms, hashes, strict=True)):
                found = existing.get(norm)
                if found is None:
                    inserts.append(position)
                elif found[1] == row_hash:
                    self.outcome.unchanged += 1
                elif self.allowed(found):
                    values = {name: column[position] for name, column in v.items()}
                    row = ParsedRow(batch.lines[position], batch.cells[position], values, [])
                    updates.append((found[0], row, values))
                else:
                    # Worded so that it does not confirm that another unit's case exists,
                    # which the case page answers with 404 as well.
                    self.outcome.rejected[batch.lines[position]] = (
                        "部门受案号",
                        _("本单位不能导入这一部门受案号的案件，请核对受案号；如有疑问请联系整治办"),
                    )
            if updates:
                self.apply_updates(updates, [*fields, "row_hash"])
            v, count = batch.take(inserts).values, len(inserts)
        insert_columns(self.model, v, count)
        self.outcome.inserted += count
        return self.outcome

    def _place(self, batch: Batch) -> Batch:
        """The rows that can be stored, their unit, department and handler columns replaced
        by ids (CaseWriter.place of each distinct combination); the others refused."""
        values, count = batch.values, len(batch.lines)
        blank = [None] * count
        by_name = "handler_staff_no" in values or "handler_name" in values
        combos = list(zip(*(values.get(n, blank) for n in _PLACE_COLUMNS), strict=True))
        placed = self.context.placed
        for combo in set(combos).difference(placed):
            placed[combo] = self.place(*combo, by_name=by_name)
        outcomes = list(map(placed.__getitem__, combos))
        if set(map(itemgetter(1), outcomes)) == {None}:  # the usual batch: no row refused
            keep = list(range(count))
        else:
            keep = []
            for position, (_ids, problem) in enumerate(outcomes):
                if problem is None:
                    keep.append(position)
                else:
                    self.outcome.rejected[batch.lines[position]] = problem
            outcomes = [outcomes[p] for p in keep]
        kept = batch.take(keep)
        kept.values = {k: c for k, c in kept.values.items() if k not in _PLACE_ONLY}
        ids = list(map(itemgetter(0), outcomes))
        for name in ids[0] if ids else ():
            kept.values[name] = list(map(itemgetter(name), ids))
        return kept
