"""The engine: every implemented rule over every case in scope, chunk by chunk.

A chunk is a run of consecutive case ids (``CHUNK`` cases). Each chunk costs one query for
the cases and one per event table, bounded by the chunk's first and last id, so the number
of queries grows with the number of chunks, never with the number of cases; the chunks are
shared among worker processes (``checks.pool``). The rows are
turned into the reference's plain records (datetimes as local wall-clock time, once) and
judged by ``checks.reference``: the engine finds what the reference finds by construction,
and the reference stays the one readable statement of each rule.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import Q

from guifan.cases.importing.specs import SPECS
from guifan.cases.models import Case as CaseRow
from guifan.checks import pool
from guifan.checks.reference import RULES, Case, check_case
from guifan.checks.reference.filing import NO_PROSECUTION
from guifan.checks.reference.flags import BACKDATED_DAYS
from guifan.checks.reference.requests import DEFENDERS
from guifan.core.periods import Calendar

CHUNK = 2000
UTC8 = timedelta(hours=8)
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
    "judgments",
    "documents",
    "flags",
)
CASE_FIELDS = (
    "category",
    "accept_date",
    "close_date",
    "close_type",
    "is_self_investigation",
    "filing_date",
    "is_major_bribery",
    "cause",
)


@dataclass(frozen=True)
class Hit:
    """One breach: a rule, a case and what in the case breaks it (``subject``)."""

    case_id: int
    rule: str
    subject: str
    facts: dict
    unit_id: int


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


def _local_time(value):
    """A stored moment as local wall-clock time: China has kept UTC+8 without daylight
    saving since 1992, so a fixed offset converts every moment the rules meet."""
    if isinstance(value, str):  # SQLite hands back text
        value = datetime.fromisoformat(value)
    offset = value.utcoffset()
    if offset is not None:
        value = value.replace(tzinfo=None) - offset
    return value + UTC8


def _columns(model, names: Sequence[str]) -> tuple[list[str], list]:
    """Column names and a converter per field (None: as the driver hands it over). Moments
    are shifted to local time by the database: UTC+8 text on SQLite, parsed by
    ``fromisoformat``; a naive local timestamp on PostgreSQL, no conversion in Python."""
    columns, converters = [], []
    vendor = connection.vendor
    for name in names:
        f = model._meta.pk if name == "pk" else model._meta.get_field(name)
        column = connection.ops.quote_name(f.column)
        kind = f.get_internal_type()
        converter = None
        if vendor == "sqlite" and kind == "DateTimeField":
            column, converter = f"datetime({column}, '+8 hours')", datetime.fromisoformat
        elif vendor == "sqlite" and kind == "DateField":
            column, converter = f"CAST({column} AS TEXT)", date.fromisoformat
        elif vendor == "postgresql" and kind == "DateTimeField":
            column = f"({column} AT TIME ZONE 'Asia/Shanghai')"
        elif kind == "DateTimeField":
            converter = _local_time
        columns.append(column)
        converters.append(converter)
    return columns, converters


def _select(model, names: Sequence[str], where: str, params: list, order: str) -> Iterator[dict]:
    """Rows of ``model`` as dicts of ``names``, read with one plain SELECT: Django's
    per-value converters cost more than the rules themselves."""
    columns, converters = _columns(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {where} ORDER BY {order}"
    convert = [(i, c) for i, c in enumerate(converters) if c is not None]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(5000):
            if convert:  # column by column: one comprehension per converted column
                columns = list(zip(*batch, strict=True))
                for i, c in convert:
                    columns[i] = [None if v is None else c(v) for v in columns[i]]
                batch = zip(*columns, strict=True)
            yield from (dict(zip(names, values, strict=True)) for values in batch)


# Columns no rule reads (names, numbers, free text), left unread.
UNREAD = {
    "suspects": {"name", "id_no", "in_custody"},
    "av_interruptions": {"start_at", "end_at"},
    "lawyer_requests": {"lawyer_name"},
    "properties": {"description", "disposal_type"},
    "complaints": {"topic"},
    "judgments": {"level"},
    "documents": {"doc_no", "served_at"},
    "flags": {"source"},
}


# Rows no rule can find anything in, left unread: of the documents only a 不起诉决定书
# (R5-06) or one generated more than 3 days after its date (R5-02); of the opinions only the
# defence's (R3-11) or a written one not attached (R3-12). The input digest covers the rows read.
_DEFENCE = ", ".join(f"'{party}'" for party in DEFENDERS)
ROWS_READ = {
    "documents": {
        "sqlite": f"(doc_type LIKE '%%{NO_PROSECUTION}%%' OR julianday(date(generated_at, "
        f"'+8 hours')) - julianday(sign_date) > {BACKDATED_DAYS})",
        "postgresql": f"(doc_type LIKE '%%{NO_PROSECUTION}%%' OR (generated_at AT TIME ZONE "
        f"'Asia/Shanghai')::date - sign_date > {BACKDATED_DAYS})",
    },
    "opinions": {
        "": f"(heard_party IN ({_DEFENCE}) OR (written_opinion_received AND NOT attached_to_file))"
    },
}


def _rows_read(kind: str) -> str:
    """The extra condition on the rows of ``kind`` read (for this database), or ""."""
    by_vendor = ROWS_READ.get(kind, {})
    condition = by_vendor.get(connection.vendor, by_vendor.get(""))
    return f" AND {condition}" if condition else ""


def _fields(kind: str) -> list[str]:
    """The columns of ``kind`` the rules read."""
    unread = UNREAD.get(kind, set())
    return [c.field for c in SPECS[kind].columns if c.field != "case_no" and c.field not in unread]


def chunk_ids(cases: Q, chunk: int = CHUNK) -> list[array]:
    """The ids of the cases ``cases`` selects, in runs of ``chunk`` (one query, streamed):
    machine integers, 8 bytes a case rather than a Python int's 36 (five million cases)."""
    ids = CaseRow.objects.filter(cases).order_by("pk").values_list("pk", flat=True)
    chunks, run = [], array("q")
    for pk in ids.iterator(chunk_size=chunk):
        run.append(pk)
        if len(run) == chunk:
            chunks.append(run)
            run = array("q")
    return [*chunks, run] if run else chunks


def load_chunk(ids: list[int]) -> tuple[list[dict], dict]:
    """(case rows, {kind: {case_id: [rows]}}) of the cases ``ids`` (consecutive ids of the
    selection): one query for the cases and one per event table."""
    wanted = set(ids)
    span = [ids[0], ids[-1]]
    names = ["pk", "row_hash", "unit_id", *CASE_FIELDS]
    rows = [
        row
        for row in _select(CaseRow, names, "id >= %s AND id <= %s", span, "id")
        if row["pk"] in wanted
    ]
    events: dict[str, dict[int, list[dict]]] = {}
    for kind in KINDS:
        grouped: dict[int, list[dict]] = defaultdict(list)
        names = ["case_id", "row_hash", *_fields(kind)]
        where = "case_id >= %s AND case_id <= %s" + _rows_read(kind)
        for row in _select(SPECS[kind].model, names, where, span, "case_id, id"):
            grouped[row["case_id"]].append(row)
        events[kind] = grouped
    return rows, events


def load_chunks(cases: Q, chunk: int = CHUNK) -> Iterator[tuple[list[dict], dict]]:
    """(case rows, {kind: {case_id: [rows]}}) for each run of ``chunk`` cases."""
    return (load_chunk(ids) for ids in chunk_ids(cases, chunk))


def _material(rows: list[dict], events: dict) -> dict[str, bytes]:
    """What the input digest reads of a chunk: one stream for the cases and one per table,
    each in case order (so the digest does not depend on the chunk size). The events are
    grouped in the order they were read: by case, then by id."""
    wanted = {r["pk"] for r in rows}
    material = {"cases": "".join(f"{r['pk']}:{r['row_hash']};" for r in rows).encode()}
    for kind in KINDS:
        material[kind] = "".join(
            f"{e['row_hash']};" for case_id, group in events[kind].items() if case_id in wanted
            for e in group
        ).encode()  # fmt: skip
    return material


def _by_case(events: dict) -> dict[int, dict[str, list[dict]]]:
    """{case id: {kind: rows}}, only the kinds the case has rows of."""
    cases: dict[int, dict[str, list[dict]]] = defaultdict(dict)
    for kind, grouped in events.items():
        for case_id, group in grouped.items():
            cases[case_id][kind] = group
    return cases


def judge_chunk(ids: list[int], as_of: date, cal: Calendar, codes: list[str]):
    """(hits, digest material, cases) of one chunk."""
    rows, events = load_chunk(ids)
    per_case = _by_case(events)
    hits = []
    for row in rows:
        case_id = row["pk"]
        found = check_case(Case(row, per_case.get(case_id, {}), as_of, cal), codes) if codes else {}
        for code, breaches in found.items():
            seen = set()
            for facts in breaches:
                subject = subject_of(facts)
                if subject in seen:
                    continue
                seen.add(subject)
                facts = {key: plain(value) for key, value in facts.items()}
                hits.append(Hit(case_id, code, subject, facts, row["unit_id"]))
    return hits, _material(rows, events), len(rows)


def evaluate(
    cases: Q,
    *,
    as_of: date,
    cal: Calendar,
    codes: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
    workers: int | None = None,
) -> Outcome:
    """Every breach of ``codes`` (all per-case rules by default) in the cases ``cases``
    selects, with a digest of the rows read; the chunks are judged by ``workers``
    processes (``checks.pool``). Codes of no per-case rule are left to ``checks.crosscase``."""
    codes = [code for code in (RULES if codes is None else codes) if code in RULES]
    outcome = Outcome()
    digests = {name: hashlib.sha256() for name in ("cases", *KINDS)}
    chunks = chunk_ids(cases, chunk)

    def job(index: int):
        return judge_chunk(chunks[index], as_of, cal, codes)

    for hits, material, count in pool.mapped(job, len(chunks), workers):
        for name, data in material.items():
            digests[name].update(data)
        outcome.hits.extend(hits)
        outcome.cases += count
        if progress is not None:
            progress(outcome.cases)
    combined = "".join(f"{name}:{d.hexdigest()}\n" for name, d in digests.items())
    outcome.input_digest = hashlib.sha256(combined.encode()).hexdigest()
    return outcome
