"""Our own case page in the 案件查询日志 (R7-03), beside the rows imported from the 统一业务系统:
each view of a case by someone with a 工号 is one row.

Rows written here are numbered from ``OWN_SEQ``, so an import's own numbering (1, 2, …)
never meets them and a re-imported log never overwrites them."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from guifan.cases.models import AccessLog, Case
from guifan.core import clock

OWN_SEQ = 1_000_001


def case_view_log(*, case: Case, user) -> AccessLog | None:
    """Note that ``user`` opened ``case`` now (nothing for an account without a person)."""
    person = getattr(user, "person", None)
    if person is None or not person.staff_no:
        return None
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).exists()  # one number at a time
        last = AccessLog.objects.filter(case=case).aggregate(n=Max("seq"))["n"] or 0
        return AccessLog.objects.create(
            case=case, seq=max(last + 1, OWN_SEQ), staff_no=person.staff_no, queried_at=clock.now()
        )
