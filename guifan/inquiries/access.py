"""Fetching one record for a user: 404 for missing and not yours (the inquirer included)."""

from django.http import Http404

from guifan.inquiries.models import InquiryRecord
from guifan.org.models import Unit


def access_inquiry(user, inquiry_id: int) -> InquiryRecord:
    item = (
        InquiryRecord.objects.visible_to(user)
        .filter(pk=inquiry_id)
        .select_related("case", "unit", "reporter", "received_by__person")
        .first()
    )
    if item is None:
        raise Http404
    return item


def access_reporting_unit(user, code: str) -> Unit:
    """A unit whose quarterly reports the user sees (its liaison, the office, inspection)."""
    from guifan.inquiries.reports import may_file

    unit = Unit.objects.visible_to(user).filter(code=code).first()
    if unit is None or not may_file(user, unit):
        raise Http404
    return unit
