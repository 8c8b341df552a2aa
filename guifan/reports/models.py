"""The campaign's documents made from its figures: the 总结报告 and the 通报."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.models import Campaign
from guifan.core.fields import StampField
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet


class DocumentKind(models.TextChoices):
    SUMMARY = "summary", _("总结报告")
    BULLETIN = "bulletin", _("通报")


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class CampaignDocumentQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # Documents about the whole campaign: the issuing unit's office and inspection.
        return Q(campaign__issuing_unit__in=scope.units_for(Role.OFFICE, Role.INSPECTION))


class CampaignDocument(models.Model):
    """One 总结报告 or 通报 of a campaign (活动总结报告/通报), built in the background from the
    figures the requesting user sees, with the office's own paragraph on next steps."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("类型"), max_length=10, choices=DocumentKind.choices)
    next_steps = models.TextField(_("下一步工作"), blank=True)
    # The office's narrative (报告文稿) as it stood when the document was asked for.
    narrative = models.JSONField(_("报告文稿"), default=dict, blank=True)
    pdf = models.BooleanField(_("同时生成 PDF"), default=False)
    pdf_path = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        _("状态"), max_length=8, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    step = models.CharField(_("当前步骤"), max_length=100, blank=True)
    stored_path = models.CharField(max_length=500, blank=True)
    failure = models.TextField(_("失败原因"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = StampField(_("提交时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = CampaignDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("活动报告文件")
        verbose_name_plural = _("活动报告文件")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign} {self.get_kind_display()}"

    @property
    def file_name(self) -> str:
        return f"{self.campaign.name}{self.get_kind_display()}_{self.created_at:%Y%m%d}.docx"


class Narrative(models.Model):
    """One saved version of the 总结报告's narrative (报告文稿): the paragraphs the office
    writes around the figures, by section; the latest is the draft the next export uses."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="narratives")
    number = models.PositiveIntegerField(_("版本"))
    texts = models.JSONField(_("文稿"), default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = StampField(_("保存时间"), auto_now_add=True)

    objects = CampaignDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("总结报告文稿")
        verbose_name_plural = _("总结报告文稿")
        ordering = ["campaign", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="reports_narrative_version")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} 总结报告文稿第 {self.number} 版"
