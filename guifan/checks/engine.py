"""The engine: every implemented rule over every case in scope, chunk by chunk.

A chunk is a run of consecutive case ids (``CHUNK`` cases). Each chunk costs one query for
the cases and one per event table, bounded by the chunk's first and last id, so the number
of queries grows with the number of chunks, never with the number of cases. The rows are
turned into the reference's plain records (datetimes as local wall-clock time, once) and
judged by ``checks.reference``: the engine finds what the reference finds by construction,
and the reference stays the one readable statement of each rule.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Q

from guifan.cases.importing.specs import SPECS
from guifan.cases.models import Case as CaseRow
from guifan.checks.reference import RULES, Case, check_case
from guifan.core.periods import Calendar

CHUNK = 2000
TZ = ZoneInfo("Asia/Shanghai")
# The event tables the rules read, by import kind.
KINDS = (
    "suspects",
    "measures",
    "interrogations",
    "av_interruptions",
    "lawyer_requests",
    "opinions",
    "properties",
    "complaints",
    "extensions",
    "returns",
    "notices",
    "transfers",
)
CASE_FIELDS = (
    "category",
    "accept_date",
    "close_date",
    "close_type",
    "is_self_investigation",
    "filing_date",
)


@dataclass(frozen=True)
class Hit:
    """One breach: a rule, a case and what in the case breaks it (``subject``)."""

    case_id: int
    rule: str
    subject: str
    facts: dict


@dataclass
class Outcome:
    hits: list[Hit] = field(default_factory=list)
    cases: int = 0
    input_digest: str = ""


def subject_of(facts: dict) -> str:
    """The part of the case a breach is about: an event's 序号, a suspect, or the case."""
    parts = [f"{key}={facts[key]}" for key in ("seq", "suspect") if key in facts]
    if "reason" in facts:
        parts.append(str(facts["reason"]))
    return "/".join(parts)


def plain(value):
    """A fact as JSON stores it."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _local(row: dict) -> dict:
    for key, value in row.items():
        if isinstance(value, datetime) and value.tzinfo is not None:
            row[key] = value.astimezone(TZ).replace(tzinfo=None)
    return row


def _fields(kind: str) -> list[str]:
    return [c.field for c in SPECS[kind].columns if c.field != "case_no"]


def load_chunks(cases: Q, chunk: int = CHUNK) -> Iterator[tuple[list[dict], dict]]:
    """(case rows, {kind: {case_id: [rows]}}) for each run of ``chunk`` cases."""
    fields = {kind: _fields(kind) for kind in KINDS}
    last = 0
    base = CaseRow.objects.filter(cases).order_by("pk")
    while True:
        rows = list(base.filter(pk__gt=last).values("pk", "row_hash", *CASE_FIELDS)[:chunk])
        if not rows:
            return
        first, last = rows[0]["pk"], rows[-1]["pk"]
        events: dict[str, dict[int, list[dict]]] = {}
        for kind in KINDS:
            grouped: dict[int, list[dict]] = defaultdict(list)
            model = SPECS[kind].model
            query = model.objects.filter(case_id__gte=first, case_id__lte=last)
            for row in query.values("case_id", "row_hash", *fields[kind]).order_by("pk"):
                grouped[row["case_id"]].append(_local(row))
            events[kind] = grouped
        yield rows, events


def evaluate(
    cases: Q,
    *,
    as_of: date,
    cal: Calendar,
    codes: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> Outcome:
    """Every breach of ``codes`` (all implemented rules by default) in the cases ``cases``
    selects, with a digest of the rows read."""
    codes = list(codes or RULES)
    outcome = Outcome()
    digest = hashlib.sha256()
    for rows, events in load_chunks(cases, chunk):
        for row in rows:
            case_id = row["pk"]
            digest.update(f"{case_id}:{row['row_hash']};".encode())
            kinds = {kind: events[kind].get(case_id, ()) for kind in KINDS}
            for kind_rows in kinds.values():
                digest.update("".join(r["row_hash"] for r in kind_rows).encode())
            found = check_case(Case(row, kinds, as_of, cal), codes)
            for code, breaches in found.items():
                seen = set()
                for facts in breaches:
                    subject = subject_of(facts)
                    if subject in seen:
                        continue
                    seen.add(subject)
                    facts = {key: plain(value) for key, value in facts.items()}
                    outcome.hits.append(Hit(case_id, code, subject, facts))
        outcome.cases += len(rows)
        if progress is not None:
            progress(outcome.cases)
    outcome.input_digest = digest.hexdigest()
    return outcome
