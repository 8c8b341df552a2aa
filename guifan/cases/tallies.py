"""The registry's version and the per-unit closed counts, refreshed after writes of cases.

Every path that writes cases (imports from the CLI, the web, the API and the worker; the
demo's loading) ends with ``cases_changed()``. It bumps the version in the database, so that
counts cached by any process are recomputed, and rebuilds the closed tallies: one pass over
the (close_date, unit) index per year, about a second at a million cases, once per import
instead of once per view of the 工作台.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count, F, Max, Min

from guifan.cases.models import Case, ClosedTally, RegistryVersion


def registry_version() -> int:
    """The current version of the case registry (one primary-key read)."""
    return RegistryVersion.objects.values_list("generation", flat=True).first() or 0


def cases_changed(*, tallies: bool = True) -> None:
    """Call after writing cases or their events: cached counts are recomputed, and unless
    only events were written (``tallies=False``) the closed tallies are rebuilt."""
    with transaction.atomic():
        if not RegistryVersion.objects.filter(pk=1).update(generation=F("generation") + 1):
            RegistryVersion.objects.create(pk=1, generation=1)
        if tallies:
            closed_tallies_rebuild()


def closed_tallies_rebuild() -> None:
    """Count the closed cases per unit and year afresh (a derived figure: not journaled)."""
    span = Case.objects.order_by().aggregate(first=Min("close_date"), last=Max("close_date"))
    rows = []
    if span["first"]:
        for year in range(span["first"].year, span["last"].year + 1):
            counts = (
                Case.objects.order_by()
                .filter(close_date__gte=date(year, 1, 1), close_date__lte=date(year, 12, 31))
                .values_list("unit_id")
                .annotate(total=Count("pk"))
            )
            rows += [ClosedTally(unit_id=u, year=year, total=n) for u, n in counts]
    with transaction.atomic():
        ClosedTally.objects.all().delete()
        ClosedTally.objects.bulk_create(rows, batch_size=1000)


def closed_counts_by_unit(*, user, year: int) -> list[dict]:
    """Cases closed in a year per unit among the units whose cases the user oversees or
    liaises for, in the order of the unit tree: for the 工作台's chart."""
    return list(
        ClosedTally.objects.visible_to(user)
        .filter(year=year)
        .values("unit__short_name", "unit__path", "total")
        .order_by("unit__path")
    )
