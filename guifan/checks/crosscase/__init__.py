"""Type H rules comparing cases or people (跨案件比对, RULES-AND-PROCESS.md §3): flags for
review, never decisions, like the per-case H flags of ``checks.reference.flags``.

Each pass is set-based, the same on SQLite and PostgreSQL, never a loop per case. The
windowed passes (``groups``, ``access``): a grouped count in the database keeps the keys
(handler, suspect and 案由, lawyer and handler, case and querying person) with enough records
in all, one more query reads those keys' records in key and time order, and a window slides
over them once to find the *anchor* of each key: its latest record ending a window that
reaches the threshold. (A correlated count per record, tried first, cost time growing with
the square of the records: 24 s for R5-03 over 12,000 demo cases on PostgreSQL.) The
statistical passes (``outliers``, ``silence``) read grouped counts — per handler and class
of cases, per handler and quarter — and compare them in plain arithmetic over the groups.

A finding is attached to the anchor's case, the latest of the group, its facts list the
other cases and the figures, and its subject names the key, so that a re-run finds the same
finding again and a group that no longer reaches the threshold is closed by the engine's
store. Windows and thresholds are in ``settings.GUIFAN_CROSS_CASE``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db.models import Q

from guifan.checks.crosscase import access, groups, lawyers, outliers, registers, silence
from guifan.checks.crosscase.jurisdiction import outside_jurisdiction

CROSS: dict[str, Callable[[Q, date], list]] = {
    "R7-04": registers.handler_relatives,  # type A: decides
    "R7-05": registers.defender_conflicts,  # type A: decides
    "R6-01": outside_jurisdiction,  # type A: decides (checks.crosscase.jurisdiction)
    "R1-05": groups.repeated_conduct_complaints,
    "R5-03": groups.split_cases,
    "R5-04": groups.reaccepted_after_year_end,
    "R7-02": silence.zero_reports,
    "R7-03": access.frequent_queries,
    "R8-02": lawyers.lawyer_and_prosecutor,
    "R8-03": outliers.deviating_outcomes,
}


def evaluate(cases: Q, codes, as_of: date | None = None) -> list:
    """The hits of the cross-case rules among ``codes`` over the cases ``cases`` selects, on
    the business date ``as_of`` (today's by default)."""
    if as_of is None:
        from guifan.core import clock

        as_of = clock.today()
    found, seen = [], set()
    for code in codes:
        for hit in CROSS.get(code, lambda *args: ())(cases, as_of):
            # One finding per rule, case and subject, whatever the pass found twice (a
            # register may hold one person twice).
            if (key := (hit.rule, hit.case_id, hit.subject)) not in seen:
                seen.add(key)
                found.append(hit)
    return found
