"""The "三个不放过" gate: what still stands between a campaign and being closed.

群众有反映没有查清的不放过 — every complaint of the campaign has a conclusion;
整改落实不到位的不放过 — every item on its rectification list is 已销号;
改后又复发的不放过 — every recurrence has been dealt with.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.complaints.models import Complaint, ComplaintStatus
from guifan.core import clock
from guifan.rectification.models import Item, ItemStatus, Recurrence


@dataclass(frozen=True)
class Blocker:
    kind: str  # complaint / rectification / recurrence
    id: int
    unit: str  # unit code
    unit_name: str
    reason: str
    url: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Gate:
    complaints: list[Blocker]
    items: list[Blocker]
    recurrences: list[Blocker]

    @property
    def blockers(self) -> list[Blocker]:
        return [*self.complaints, *self.items, *self.recurrences]

    @property
    def closable(self) -> bool:
        return not self.blockers

    def as_dict(self) -> dict:
        return {"closable": self.closable, "blockers": [b.as_dict() for b in self.blockers]}


def _complaint_reason(c: Complaint) -> str:
    if c.status == ComplaintStatus.RECEIVED:
        return _("群众反映尚未交办调查（%(d)s 收到）") % {"d": c.received_on.isoformat()}
    return _("群众反映调查中，尚无调查结论")


def _item_reason(item: Item, today) -> str:
    state = item.get_status_display()
    if item.status == ItemStatus.DONE:
        return _("已整改，待核查销号")
    if today > item.deadline:
        return _("%(s)s，已超整改时限 %(n)d 天") % {"s": state, "n": (today - item.deadline).days}
    return _("%(s)s，整改时限 %(d)s") % {"s": state, "d": item.deadline.isoformat()}


def campaign_gate(campaign) -> Gate:
    """Every open complaint, item and recurrence of the campaign, in unit order."""
    today = clock.today()
    complaints = (
        Complaint.objects.filter(campaign=campaign)
        .exclude(status=ComplaintStatus.CONCLUDED)
        .select_related("unit")
        .order_by("unit__path", "received_on", "pk")
    )
    items = (
        Item.objects.filter(campaign=campaign)
        .exclude(status=ItemStatus.CLOSED)
        .select_related("unit")
        .order_by("unit__path", "deadline", "pk")
    )
    recurrences = (
        Recurrence.objects.pending()
        .filter(item__campaign=campaign)
        .select_related("item__unit", "earlier")
        .order_by("item__unit__path", "pk")
    )
    return Gate(
        complaints=[
            Blocker(
                "complaint",
                c.pk,
                c.unit.code,
                c.unit.short_name,
                _complaint_reason(c),
                reverse("complaints:detail", args=[c.pk]),
            )
            for c in complaints
        ],
        items=[
            Blocker(
                "rectification",
                i.pk,
                i.unit.code,
                i.unit.short_name,
                _item_reason(i, today),
                reverse("rectification:detail", args=[i.pk]),
            )
            for i in items
        ],
        recurrences=[
            Blocker(
                "recurrence",
                r.item_id,  # the item marked as a recurrence: what people open and talk about
                r.item.unit.code,
                r.item.unit.short_name,
                _("改后又复发（此前第 %(e)d 号已于 %(d)s 销号），尚未处置")
                % {"e": r.earlier_id, "d": clock.localdate(r.earlier.closed_at).isoformat()},
                reverse("rectification:detail", args=[r.item_id]),
            )
            for r in recurrences
        ],
    )
