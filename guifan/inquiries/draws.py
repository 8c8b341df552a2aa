"""K09 (重点评查): a case with a 过问干预 record of the rule's year is in the K09 population
beside the cases the 选案标记 import flags 违纪/过问 — one population, read by the draws app
through the source registered here (R7-01, "有过问干预登记的案件必须进入重点评查")."""

from guifan.draws.models import Population
from guifan.draws.presets import preset_source
from guifan.inquiries.models import InquiryRecord


@preset_source(Population.K09)
def inquired_cases(year: int):
    return InquiryRecord.objects.filter(occurred_on__year=year).values("case_id")
