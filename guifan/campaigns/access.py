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
