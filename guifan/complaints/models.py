"""Complaints from the public (群众反映) about a unit, and the problems they are linked to.

The rectification issue adds assignment, investigation and the conclusion (属实 / 部分属实 /
不属实); for now a complaint is registered and linked to a self-examination problem.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.core.scoping import UnitScopedQuerySet
from guifan.org.models import Unit


class Channel(models.TextChoices):
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    PHONE = "phone", _("电话")
    ONLINE = "online", _("网络")
    REFERRAL = "referral", _("上级转办")
    OTHER = "other", _("其他")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("已登记")


class Complaint(models.Model):
    """A complaint from the public (群众反映) about a unit, its people or a case."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("被反映单位"), on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("收到日期"))
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    complainant = models.CharField(_("反映人"), max_length=100, blank=True, help_text=_("可匿名"))
    about = models.CharField(_("被反映人员或案件"), max_length=200, blank=True)
    content = models.TextField(_("反映内容"))
    status = models.CharField(
        _("状态"), max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    problem = models.ForeignKey(
        "campaigns.SelfExamProblem",
        verbose_name=_("关联的自查问题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("群众反映")
        verbose_name_plural = _("群众反映")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.received_on:%Y-%m-%d} {self.get_channel_display()}"
