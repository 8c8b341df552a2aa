"""Fetching one complaint for a user: 404 for missing and not yours."""

from django.http import Http404

from guifan.complaints.models import Complaint


def access_complaint(user, complaint_id: int) -> Complaint:
    complaint = (
        Complaint.objects.visible_to(user)
        .filter(pk=complaint_id)
        .select_related("unit", "campaign", "case", "person", "problem", "investigator__person")
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint
