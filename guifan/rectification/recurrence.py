"""改后又复发: finding the closed problem a new item repeats.

Not "any two problems of one category": the same problem, recognised by its code in the
taxonomy (rectification.taxonomy) or, when one side has no code, by a near-identical
description; within the unit (or department, or handler: GUIFAN_RECURRENCE_MATCH) and within
GUIFAN_RECURRENCE_MONTHS of the earlier closure. The earlier problem may be an item closed in
any campaign or a row of the imported 2015 整改台账.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from guifan.core import clock
from guifan.core.deadlines import add_months
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.rectification.models import BaselineItem, Item, ItemStatus, Recurrence
from guifan.rectification.taxonomy import same_problem


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _place(queryset, item: Item, match: str):
    """Narrow to the same department or handler; None when the item names neither."""
    if match == "department":
        return (
            None if item.department_id is None else queryset.filter(department=item.department_id)
        )
    if match == "handler":
        return None if item.handler_id is None else queryset.filter(handler=item.handler_id)
    return queryset


def recurrence_candidates(item: Item) -> list[Item | BaselineItem]:
    """Closed problems this one repeats, latest closure first."""
    match, months = settings.GUIFAN_RECURRENCE_MATCH, settings.GUIFAN_RECURRENCE_MONTHS
    since = add_months(item.found_on, -months)
    items = _place(
        Item.objects.filter(
            unit_id=item.unit_id,
            status=ItemStatus.CLOSED,
            closed_at__gte=_day_start(since),
            closed_at__lt=_day_start(item.found_on + timedelta(days=1)),
        ).exclude(pk=item.pk),
        item,
        match,
    )
    baseline = _place(
        BaselineItem.objects.filter(
            unit_id=item.unit_id,
            status=ItemStatus.CLOSED,
            closed_on__gte=since,
            closed_on__lte=item.found_on,
        ),
        item,
        match,
    )
    if items is None:
        return []
    if item.baseline_id is not None:
        baseline = baseline.exclude(pk=item.baseline_id)
    threshold = settings.GUIFAN_RECURRENCE_SIMILARITY
    found = [
        (clock.localdate(e.closed_at), e.pk, e)
        for e in items.order_by("-closed_at", "-pk")
        if same_problem(item.code, item.description, e.code, e.description, threshold)
    ] + [
        (b.closed_on, 0, b)
        for b in baseline
        if same_problem(item.code, item.description, b.code, b.description, threshold)
    ]
    found.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return [row[2] for row in found]


def recurrence_detect(item: Item) -> Recurrence | None:
    """Mark the item as a recurrence of the latest matching closed problem, and escalate it."""
    candidates = recurrence_candidates(item)
    if not candidates:
        return None
    earlier = candidates[0]
    is_baseline = isinstance(earlier, BaselineItem)
    recurrence = Recurrence.objects.create(
        item=item,
        earlier=None if is_baseline else earlier,
        earlier_baseline=earlier if is_baseline else None,
        matched_on=settings.GUIFAN_RECURRENCE_MATCH,
        months=settings.GUIFAN_RECURRENCE_MONTHS,
        detected_at=clock.now(),
    )
    record(
        actor=None,
        verb=Verb.RECURRENCE_DETECT,
        target=item,
        payload={
            "earlier": None if is_baseline else earlier.pk,
            "earlier_baseline": earlier.ref if is_baseline else None,
            "earlier_closed": recurrence.earlier_closed_on.isoformat(),
            "unit": item.unit.code,
            "category": item.category,
            "code": item.code,
            "matched_on": recurrence.matched_on,
            "months": recurrence.months,
        },
    )
    return recurrence


def recurrences_redetect(campaign) -> list[Recurrence]:
    """After the 2015 ledger is imported (or corrected), check the campaign's items that were
    not recurrences against it: a problem found before the ledger arrived still counts."""
    found = []
    items = Item.objects.filter(campaign=campaign, recurrence__isnull=True).select_related("unit")
    for item in items.order_by("pk"):
        if (recurrence := recurrence_detect(item)) is not None:
            found.append(recurrence)
    return found
