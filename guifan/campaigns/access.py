"""Fetching one campaign or task for a user: the same 404 for missing and not yours."""

from django.http import Http404

from guifan.campaigns.models import Campaign, UnitTask


def access_campaign(user, campaign_id: int) -> Campaign:
    campaign = Campaign.objects.visible_to(user).filter(pk=campaign_id).distinct().first()
    if campaign is None:
        raise Http404
    return campaign


def access_task(user, task_id: int) -> UnitTask:
    task = (
        UnitTask.objects.visible_to(user)
        .filter(pk=task_id)
        .select_related("track__campaign", "unit")
        .first()
    )
    if task is None:
        raise Http404
    return task


def liaison_unit(user, campaign: Campaign):
    """The unit the user is liaison of in this campaign (its own unit first), or None."""
    from guifan.core.roles import Role
    from guifan.core.scoping import scope_of
    from guifan.org.models import Unit

    mine = scope_of(user).units_for(Role.LIAISON)
    taking_part = campaign.participants.filter(unit__in=mine).values_list("unit_id", flat=True)
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=list(taking_part))}
    own = user.person.unit_id if user.person_id else None
    return units.get(own) or next(iter(sorted(units.values(), key=lambda u: u.path)), None)
