"""The evaluation period (评查时间安排) the office fixes for a campaign."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.models import Campaign
from guifan.core.fields import StampField
from guifan.evaluation.models.assignment import EvaluationMode


class EvaluationPeriod(models.Model):
    """The 评查时间安排 of a campaign: first and last day, cases per evaluator and working
    day that fit, and how the files are read (网上 / 调阅纸质卷宗)."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.PROTECT, related_name="evaluation_period"
    )
    start = models.DateField(_("评查开始日期"))
    end = models.DateField(_("评查结束日期"))
    cases_per_day = models.PositiveSmallIntegerField(_("每人每个工作日评查件数"))
    mode = models.CharField(
        _("评查方式"), max_length=8, choices=EvaluationMode.choices, default=EvaluationMode.ONLINE
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = StampField(_("确定时间"), auto_now=True)

    class Meta:
        verbose_name = _("评查时间安排")
        verbose_name_plural = _("评查时间安排")

    def __str__(self) -> str:
        return f"{self.campaign} {self.start}–{self.end}"
