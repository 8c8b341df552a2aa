"""查遗补缺 per heading (自查方面): what a unit — or one of its departments — examined under
each heading, the problems it found or why it found none. Every heading needs its record
before the self-examination task is reported (campaigns.review)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.core.fields import StampField
from guifan.core.scoping import Scope, ScopedQuerySet
from guifan.org.constraints import unique_per_unit_or_department


class HeadingRecordQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # As the tasks: the unit's people see every record of the unit, a department
        # liaison only the department's.
        return scope.business_q("unit") | Q(department__in=scope.liaison_department_ids)


class HeadingRecord(models.Model):
    """One heading of one unit's (or department's) self-examination (查遗补缺记录)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="heading_records"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    heading = models.ForeignKey(
        "campaigns.ChecklistItem",
        verbose_name=_("自查方面"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    examined = models.TextField(_("检查了什么、如何检查"))
    findings = models.TextField(_("发现的问题"), blank=True)
    none_reason = models.TextField(_("未发现问题的说明"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = StampField(_("更新时间"), auto_now=True)

    objects = HeadingRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("查遗补缺记录")
        verbose_name_plural = _("查遗补缺记录")
        ordering = ["unit__path", "department__name", "heading__position"]
        constraints = unique_per_unit_or_department(
            ["campaign", "unit", "heading"], "campaigns_headingrecord_unique"
        )

    def __str__(self) -> str:
        department = self.department.name if self.department_id else ""
        return f"{self.unit.short_name}{department}：{self.heading}"
