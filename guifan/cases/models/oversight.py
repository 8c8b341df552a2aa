"""Records the process checks read beside the case's own steps (RULES-AND-PROCESS.md §3.7,
§3.8): crime clues a department received (线索) and receptions of lawyers and parties
(接待登记)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.cases.models.case import Case
from guifan.cases.models.events import CaseEvent, unique_per_case


class Clue(CaseEvent):
    """A crime clue (犯罪案件线索) a department received while handling the case: sent on to
    the 举报中心 and, for a 要案线索, put on record upward."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clues")
    clue_no = models.CharField(_("线索编号"), max_length=40, blank=True)
    received_on = models.DateField(_("收到日期"))
    sent_to_centre_on = models.DateField(_("移送举报中心日期"), null=True, blank=True)
    is_major = models.BooleanField(_("是否要案线索"), default=False)
    recorded_on = models.DateField(_("备案日期"), null=True, blank=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("线索记录")
        verbose_name_plural = _("线索记录")
        constraints = unique_per_case("clue")


class VisitorRole(models.TextChoices):
    LAWYER = "lawyer", _("律师")
    PARTY = "party", _("当事人")
    RELATIVE = "relative", _("近亲属")
    OTHER = "other", _("其他")


class ReceptionPlace(models.TextChoices):
    WORKPLACE = "workplace", _("工作场所")
    OTHER = "other", _("其他")


class Reception(CaseEvent):
    """A reception (接待登记) of a lawyer, a party or a relative by a prosecutor of the case,
    and when a contact outside working time or place was reported to 纪检监察."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="receptions")
    staff_no = models.CharField(_("接待人工号"), max_length=20)
    visitor = models.CharField(_("来访人"), max_length=50, blank=True)
    visitor_role = models.CharField(_("来访人身份"), max_length=10, choices=VisitorRole.choices)
    received_at = models.DateTimeField(_("接待时间"))
    place = models.CharField(_("接待场所"), max_length=10, choices=ReceptionPlace.choices)
    reported_on = models.DateField(_("报告纪检监察日期"), null=True, blank=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("接待登记")
        verbose_name_plural = _("接待登记")
        constraints = unique_per_case("reception")


class StatIndicator(models.TextChoices):
    """The 统计报表 figures R5-05 recounts from the case rows."""

    PROSECUTION_ACCEPTED = "prosecution_accepted", _("受理审查起诉件数")
    CONCLUDED = "concluded", _("审结件数")
    NO_PROSECUTION = "no_prosecution", _("不起诉件数")


class StatReport(models.Model):
    """A figure a unit reported in its monthly 统计报表 (上报值), kept to be compared with
    what the case rows give for the same unit, month and indicator (R5-05)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="+"
    )
    period = models.DateField(_("期间"), help_text=_("统计月份（存为当月 1 日）"))
    indicator = models.CharField(_("指标"), max_length=24, choices=StatIndicator.choices)
    reported_value = models.PositiveIntegerField(_("上报值"))
    row_hash = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("统计报表")
        verbose_name_plural = _("统计报表")
        ordering = ["unit", "period", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "indicator"], name="cases_stat_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} {self.get_indicator_display()}"
