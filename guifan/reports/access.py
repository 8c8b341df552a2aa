"""Fetching what the reports pages show for a user: the same 404 for missing and not yours."""

from django.http import Http404

from guifan.campaigns.access import access_campaign, liaison_unit
from guifan.campaigns.models import Campaign
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.org.models import Unit
from guifan.reports.models import CampaignDocument
from guifan.reports.selectors import report_units


def access_overview(user, campaign_id: int) -> Campaign:
    """The 领导驾驶舱: the office and inspection of the issuing unit (or above it)."""
    campaign = access_campaign(user, campaign_id)
    if not scope_of(user).oversees(campaign.issuing_unit_id):
        raise Http404
    return campaign


def access_unit_report(user, campaign_id: int, unit_id: int | None) -> tuple[Campaign, Unit]:
    """A unit's page: its liaison (its own unit when none is named) or those overseeing it."""
    campaign = access_campaign(user, campaign_id)
    if unit_id is None:
        unit = liaison_unit(user, campaign)
    else:
        unit = next(iter(report_units(campaign=campaign, user=user, unit=Unit(pk=unit_id))), None)
    if unit is None:
        raise Http404
    scope = scope_of(user)
    if not (scope.acts_as(Role.LIAISON, unit.pk) or scope.oversees(unit.pk)):
        raise Http404
    return campaign, unit


def access_document(user, document_id: int) -> CampaignDocument:
    document = (
        CampaignDocument.objects.visible_to(user)
        .filter(pk=document_id)
        .select_related("campaign__issuing_unit")
        .first()
    )
    if document is None:
        raise Http404
    return document
