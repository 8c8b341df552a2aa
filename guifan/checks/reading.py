"""Reading the cases and their events for the engine, a chunk at a time.

A chunk is a run of ascending case ids (``CHUNK`` cases). Each costs one query for the cases
and one per event table, bounded by the chunk's first and last id (or the ids themselves when
they are sparse), so the number of queries grows with the number of chunks, never with the
number of cases. Only the columns and rows some rule reads are read, with one plain SELECT:
Django's per-value converters cost more than the rules themselves. Moments come back as
local wall-clock time, shifted by the database.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from itertools import groupby
from operator import itemgetter

from django.db import connection
from django.db.models import Q

from guifan.cases.importing.specs import SPECS
from guifan.cases.models import Case as CaseRow
from guifan.checks.reference.filing import NO_PROSECUTION
from guifan.checks.reference.flags import BACKDATED_DAYS
from guifan.checks.reference.requests import DEFENDERS

CHUNK = 2000
_CASE_ID = itemgetter("case_id")
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
    "clues",
    "receptions",
    "defenders",
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
    "retrial_applied_on",
    "retrial_ruled_on",
)


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


def _select(model, names: Sequence[str], where: str, params: list, order: str) -> list[dict]:
    """Rows of ``model`` as dicts of ``names``, read with one plain SELECT: Django's
    per-value converters cost more than the rules themselves. Values are converted column by
    column, each distinct value once (a chunk's dates repeat)."""
    columns, converters = _columns(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {where} ORDER BY {order}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        batch = cursor.fetchall()
    convert = [(i, c) for i, c in enumerate(converters) if c is not None]
    if batch and convert:
        values = list(zip(*batch, strict=True))
        for i, c in convert:
            seen = {v: None if v is None else c(v) for v in set(values[i])}
            values[i] = [seen[v] for v in values[i]]
        batch = zip(*values, strict=True)
    return [dict(zip(names, row, strict=True)) for row in batch]


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
    "clues": {"clue_no"},
    "receptions": {"staff_no", "visitor", "visitor_role"},
    "defenders": {"name", "licence_no", "id_no"},
}


# Rows no rule can find anything in, left unread: of the documents only a 不起诉决定书
# (R5-06), one generated more than 3 days after its date (R5-02) or one stating values of
# the case card (R5-01); of the opinions only the
# defence's (R3-11) or a written one not attached (R3-12). The input digest covers the rows read.
_DEFENCE = ", ".join(f"'{party}'" for party in DEFENDERS)
_STATES = (
    "stated_accept_date IS NOT NULL OR stated_close_date IS NOT NULL OR stated_cause <> '' "
    "OR stated_conclusion <> ''"
)
ROWS_READ = {
    "documents": {
        "sqlite": f"(doc_type LIKE '%%{NO_PROSECUTION}%%' OR julianday(date(generated_at, "
        f"'+8 hours')) - julianday(sign_date) > {BACKDATED_DAYS} OR {_STATES})",
        "postgresql": f"(doc_type LIKE '%%{NO_PROSECUTION}%%' OR (generated_at AT TIME ZONE "
        f"'Asia/Shanghai')::date - sign_date > {BACKDATED_DAYS} OR {_STATES})",
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


def columns_read(kind: str) -> list[str]:
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
    """(case rows, {kind: {case_id: [rows]}}) of the cases ``ids`` (ascending ids of the
    selection): one query for the cases and one per event table."""
    where, params = _within(ids)
    names = ["pk", "row_hash", "unit_id", *CASE_FIELDS]
    rows = _select(CaseRow, names, where.format(column="id"), params, "id")
    if len(rows) != len(ids):  # the selection skips some ids of the span
        wanted = set(ids)
        rows = [row for row in rows if row["pk"] in wanted]
    events: dict[str, dict[int, list[dict]]] = {}
    for kind in KINDS:
        names = ["case_id", "row_hash", *columns_read(kind)]
        condition = where.format(column="case_id") + _rows_read(kind)
        found = _select(SPECS[kind].model, names, condition, params, "case_id, id")
        events[kind] = {case_id: list(group) for case_id, group in groupby(found, _CASE_ID)}
    return rows, events


def _within(ids: list[int]) -> tuple[str, list[int]]:
    """The condition on a ``{column}`` holding case ids that reads the chunk: a range when the
    ids are dense (a check of every case), the ids themselves when they are sparse (one
    handler's few open cases spread over the table, where a range read every case between)."""
    if ids[-1] - ids[0] < 2 * len(ids):
        return "{column} >= %s AND {column} <= %s", [ids[0], ids[-1]]
    return "{column} IN (" + ", ".join(["%s"] * len(ids)) + ")", list(ids)


def load_chunks(cases: Q, chunk: int = CHUNK) -> Iterator[tuple[list[dict], dict]]:
    """(case rows, {kind: {case_id: [rows]}}) for each run of ``chunk`` cases."""
    return (load_chunk(ids) for ids in chunk_ids(cases, chunk))
