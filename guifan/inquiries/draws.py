"""K09 (重点评查): a case with any 过问干预 record is in the population of a draw rule — the
draws app reads the filter registered here (R7-01, "有过问干预登记的案件必须进入重点评查")."""

from django.utils.translation import gettext as _

from guifan.draws.frames import population_filter
from guifan.draws.models import Population
from guifan.inquiries.models import InquiryRecord


def _describe(rule) -> str:
    if rule.year:
        return _("参加单位%(year)s年有过问干预记录的案件（K09）") % {"year": rule.year}
    return _("参加单位有过问干预记录的案件（K09）")


@population_filter(Population.INQUIRED, _describe)
def inquired_cases(cases, rule):
    records = InquiryRecord.objects.all()
    if rule.year:
        records = records.filter(occurred_on__year=rule.year)
    return cases.filter(pk__in=records.values("case_id"))
