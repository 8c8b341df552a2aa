"""A unit's report on how its campaign work went (开展情况报送), each submitted version kept
with the office's decision on it (campaigns.reports)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.core.fields import StampField
from guifan.core.scoping import UnitScopedQuerySet
from guifan.org.models import Unit


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已通过")


class Report(models.Model):
    """A unit's report on how its campaign work went (开展情况报送), with every version kept."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="reports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    body = models.TextField(_("正文"), blank=True)
    attachments = models.ManyToManyField("attachments.Attachment", blank=True, related_name="+")
    updated_at = StampField(_("更新时间"), auto_now=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("开展情况报告")
        verbose_name_plural = _("开展情况报告")
        ordering = ["unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="campaigns_report_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name}开展情况报告"


class ReportVersion(models.Model):
    """One submitted version of a report, frozen, with the office's decision on it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本"))
    body = models.TextField(_("正文"))
    attachment_names = models.TextField(_("附件"), blank=True)
    submitted_at = models.DateTimeField(_("报送时间"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    late = models.BooleanField(_("逾期报送"), default=False)
    decision = models.CharField(_("处理"), max_length=10, blank=True)
    comment = models.TextField(_("退回意见"), blank=True)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="campaigns_reportversion_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"
