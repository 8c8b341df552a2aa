"""Who opened a case in the 统一业务系统 (案件查询日志), as its access log exports it: the
data R7-03 (非承办人员频繁查询案件, 规定二 不得打探案情) reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.cases.models.case import Case
from guifan.cases.models.events import CaseEvent, unique_per_case


class AccessLog(CaseEvent):
    """One look at a case (案件查询记录): who (工号) and when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_logs")
    staff_no = models.CharField(_("查询人工号"), max_length=20)
    queried_at = models.DateTimeField(_("查询时间"))

    class Meta(CaseEvent.Meta):
        verbose_name = _("案件查询日志")
        verbose_name_plural = _("案件查询日志")
        constraints = unique_per_case("access_log")
        indexes = [models.Index(fields=["case", "staff_no"], name="cases_access_case_staff")]
