"""Fetching one item of the rectification list for a user: 404 for missing and not yours."""

from django.http import Http404

from guifan.rectification.models import Item


def access_item(user, item_id: int) -> Item:
    item = (
        Item.objects.visible_to(user)
        .filter(pk=item_id)
        .select_related("campaign__issuing_unit", "unit", "department", "handler", "closed_by")
        .first()
    )
    if item is None:
        raise Http404
    return item
