"""Fetching one organisation object for a user: the same 404 for missing and not yours."""

from django.http import Http404

from guifan.org.models import Unit


def access_unit(user, unit_id: int) -> Unit:
    unit = Unit.objects.visible_to(user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit
