"""The engine: every implemented rule over every case in scope, chunk by chunk.

The chunks (``checks.reading``: one query for the cases and one per event table each) are
shared among worker processes (``checks.pool``) and judged by ``checks.reference``: the
engine finds what the reference finds by construction, and the reference stays the one
readable statement of each rule. The parent takes the hits back in chunk order with the
digest of every row read.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Q

from guifan.checks import crosscase, pool
from guifan.checks.reading import CHUNK, KINDS, chunk_ids, load_chunk
from guifan.checks.reference import RULES, Case, check_case, defence
from guifan.core.periods import Calendar


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
    params = settings.GUIFAN_RULE_PARAMS
    hits = []
    for row in rows:
        case_id = row["pk"]
        case = Case(row, per_case.get(case_id, {}), as_of, cal, params)
        found = check_case(case, codes) if codes else {}
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
    selects, with a digest of the rows read. The chunks and the cross-case passes among
    ``codes`` (``checks.crosscase``, one job each, handed out first: the longest jobs) are
    shared among ``workers`` processes (``checks.pool``)."""
    codes = list(RULES if codes is None else codes)
    per_case = [code for code in codes if code in RULES]
    cross = [code for code in codes if code in crosscase.CROSS]
    outcome = Outcome()
    digests = {name: hashlib.sha256() for name in ("cases", *KINDS)}
    chunks = chunk_ids(cases, chunk)

    def job(index: int):
        if index < len(cross):
            return crosscase.evaluate(cases, [cross[index]], as_of), {}, 0
        return judge_chunk(chunks[index - len(cross)], as_of, cal, per_case)

    with defence.notify_days(settings.GUIFAN_CHECKS_NOTIFY_DAYS):  # set before the fork
        for hits, material, count in pool.mapped(job, len(cross) + len(chunks), workers):
            for name, data in material.items():
                digests[name].update(data)
            outcome.hits.extend(hits)
            outcome.cases += count
            if count and progress is not None:
                progress(outcome.cases)
    combined = "".join(f"{name}:{d.hexdigest()}\n" for name, d in digests.items())
    outcome.input_digest = hashlib.sha256(combined.encode()).hexdigest()
    return outcome
