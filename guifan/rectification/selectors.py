"""Reading the rectification list: filtered lists and the counts the dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from guifan.core import clock
from guifan.rectification.models import OWED, Item, ItemStatus


@dataclass(frozen=True)
class ItemFilters:
    campaign: int | None = None
    status: str = ""  # an ItemStatus, or "owed" for 未整改 and 整改中 together
    category: str = ""
    unit: int | None = None
    overdue: bool = False
    recurrence: bool = False


def item_list(*, user, filters: ItemFilters = ItemFilters()):
    items = Item.objects.visible_to(user)
    if filters.campaign:
        items = items.filter(campaign_id=filters.campaign)
    if filters.status == "owed":
        items = items.filter(status__in=OWED)
    elif filters.status:
        items = items.filter(status=filters.status)
    if filters.category:
        items = items.filter(category=filters.category)
    if filters.unit:
        items = items.filter(unit_id=filters.unit)
    if filters.overdue:
        items = items.overdue()
    if filters.recurrence:
        items = items.filter(recurrence__isnull=False)
    related = ("unit", "department", "handler", "campaign", "recurrence")
    return items.select_related(*related).order_by("unit__path", "deadline", "pk")


@dataclass
class CountRow:
    key: str
    label: str
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    recurrences: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def owed(self) -> int:
        return sum(self.by_status.get(status, 0) for status in OWED)

    @property
    def closed_rate(self) -> int:
        """已销号 as a whole percentage of all items."""
        if not self.total:
            return 0
        return round(100 * self.by_status.get(ItemStatus.CLOSED, 0) / self.total)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "total": self.total,
            **{status: self.by_status.get(status, 0) for status in ItemStatus.values},
            "overdue": self.overdue,
            "recurrences": self.recurrences,
        }


def _counts(items, key: str, label: str, order: str | None = None) -> list[CountRow]:
    """One row per ``key`` with its items per status, in ``order`` if given."""
    today = clock.today()
    overdue_q = Q(status__in=OWED, deadline__lt=today)
    fields = dict.fromkeys(f for f in (key, label, order, "status") if f)
    rows: dict[str, CountRow] = {}
    grouped = (
        items.values(*fields)
        .annotate(
            n=Count("pk"),
            late=Count("pk", filter=overdue_q),
            rec=Count("recurrence"),
        )
        .order_by(*([order] if order else []))
    )
    for row in grouped:
        entry = rows.setdefault(str(row[key]), CountRow(str(row[key]), row[label] or "—"))
        entry.by_status[row["status"]] = row["n"]
        entry.overdue += row["late"]
        entry.recurrences += row["rec"]
    return list(rows.values())


def _items(user, campaign):
    items = Item.objects.visible_to(user)
    return items if campaign is None else items.filter(campaign=campaign)


def counts_by_unit(*, user, campaign=None) -> list[CountRow]:
    """Items per unit and status, with overdue and recurrences, in the units' order."""
    return _counts(_items(user, campaign), "unit__code", "unit__short_name", "unit__path")


def counts_by_category(*, user, campaign=None) -> list[CountRow]:
    """Items per problem category and status; the categories by how many items they have."""
    items = _items(user, campaign)
    rows = _counts(items, "category", "category")
    return sorted(rows, key=lambda r: (-r.total, r.key))
