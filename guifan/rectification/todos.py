"""待办 of rectification and complaints: items to work on or verify, recurrences to deal
with (escalated to the office and discipline inspection), complaints to hand over or
investigate."""

from urllib.parse import urlencode

from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.complaints.models import Complaint, ComplaintStatus
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.rectification.models import OWED, Item, ItemStatus, Recurrence
from guifan.web.todos import Todo, todo_provider

KIND = _("整改")
COMPLAINTS = _("群众反映")


def _list_url(**params) -> str:
    return f"{reverse('rectification:list')}?{urlencode(params)}"


def _to_investigate(complaints) -> list[Todo]:
    """A complaint handed to the user (or the user's unit) still without a conclusion."""
    return [
        Todo(COMPLAINTS, _("群众反映待调查办结：%(a)s") % {"a": complaint.content[:30]},
             reverse("complaints:detail", args=[complaint.pk]),
             deadline=complaint.reply_deadline)
        for complaint in complaints.filter(status=ComplaintStatus.ASSIGNED)
    ]  # fmt: skip


@todo_provider
def unit_todos(user):
    """The liaison: items its unit still owes (returned ones named), complaints to look into."""
    units = scope_of(user).units_for(Role.LIAISON)
    if not units:
        return []
    todos = []
    owed = (
        Item.objects.filter(unit__in=units, status__in=OWED)
        .values("campaign_id", "campaign__name")
        .annotate(n=Count("pk"), first=Min("deadline"), chased=Max("chase_count"))
    )
    for row in owed:
        title = _("%(n)d 项问题待整改") % {"n": row["n"]}
        if row["chased"]:
            title += _("（已催办 %(c)d 次）") % {"c": row["chased"]}
        todos.append(
            Todo(KIND, title, _list_url(campaign=row["campaign_id"], status="owed"),
                 source=row["campaign__name"], deadline=row["first"])
        )  # fmt: skip
    returned = Item.objects.filter(
        unit__in=units, status=ItemStatus.IN_PROGRESS, returns__gt=0
    ).select_related("campaign")
    for item in returned:
        title = _("整改被退回：%(d)s") % {"d": item.description[:40]}
        todos.append(
            Todo(KIND, title, reverse("rectification:detail", args=[item.pk]),
                 source=item.campaign.name, deadline=item.deadline)
        )  # fmt: skip
    todos += _to_investigate(Complaint.objects.filter(investigator_unit__in=units))
    return todos


@todo_provider
def oversight_todos(user):
    """Office and inspection: items waiting for verification (each its own), recurrences,
    complaints to hand over (office) or investigate (the inspector it was handed to)."""
    scope = scope_of(user)
    todos = []
    for role in (Role.OFFICE, Role.INSPECTION):
        issuers = scope.units_for(role)
        if not issuers:
            continue
        waiting = (
            Item.objects.verified_by(role)
            .filter(status=ItemStatus.DONE, campaign__issuing_unit__in=issuers)
            .values("campaign_id", "campaign__name")
            .annotate(n=Count("pk"))
        )
        for row in waiting:
            todos.append(
                Todo(KIND, _("%(n)d 项整改待核查销号") % {"n": row["n"]},
                     _list_url(campaign=row["campaign_id"], status=ItemStatus.DONE),
                     source=row["campaign__name"])
            )  # fmt: skip
    issuers = scope.units_for(Role.OFFICE, Role.INSPECTION)
    if issuers:
        pending = (
            Recurrence.objects.pending()
            .filter(item__campaign__issuing_unit__in=issuers)
            .select_related("item__unit", "item__campaign")
        )
        for rec in pending:
            title = _("改后又复发：%(u)s“%(c)s”类问题再次出现，请处置") % {
                "u": rec.item.unit.short_name,
                "c": rec.item.category,
            }
            todos.append(
                Todo(KIND, title, reverse("rectification:detail", args=[rec.item_id]),
                     source=rec.item.campaign.name)
            )  # fmt: skip
    offices = scope.units_for(Role.OFFICE)
    if offices:
        unassigned = Complaint.objects.filter(
            unit__in=offices, status=ComplaintStatus.RECEIVED
        ).count()
        if unassigned:
            todos.append(
                Todo(COMPLAINTS, _("%(n)d 件群众反映待交办") % {"n": unassigned},
                     f"{reverse('complaints:list')}?status={ComplaintStatus.RECEIVED}")
            )  # fmt: skip
    if scope.has(Role.INSPECTION) and user.pk:
        todos += _to_investigate(Complaint.objects.filter(investigator=user))
    return todos
