"""Fetching a campaign's draws, a rule or a draw for a user: the same 404 for missing and
not yours. Only the issuing unit's office and discipline inspection see draws."""

from django.http import Http404

from guifan.campaigns.models import Campaign
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.draws.models import Draw, DrawRule


def access_draw_campaign(user, campaign_id: int) -> Campaign:
    issuers = scope_of(user).units_for(Role.OFFICE, Role.INSPECTION)
    campaign = Campaign.objects.filter(pk=campaign_id, issuing_unit__in=issuers).first()
    if campaign is None:
        raise Http404
    return campaign


def access_rule(user, rule_id: int) -> DrawRule:
    rule = DrawRule.objects.visible_to(user).filter(pk=rule_id).select_related("campaign").first()
    if rule is None:
        raise Http404
    return rule


def access_draw(user, draw_id: int) -> Draw:
    draw = (
        Draw.objects.visible_to(user)
        .filter(pk=draw_id)
        .select_related("rule__campaign__issuing_unit")
        .first()
    )
    if draw is None:
        raise Http404
    return draw
