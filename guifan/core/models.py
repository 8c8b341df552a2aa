"""The one table of the core: days the office adds to the official working-day calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.core.fields import StampField


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假（节假日）")
    WORKDAY = "workday", _("上班（调休工作日）")


class CalendarDay(models.Model):
    """A 节假日 or 调休上班 day the office adds for a year the official calendar package does
    not know yet (or a local arrangement); read by ``deadlines.calendar()`` with the
    ``GUIFAN_HOLIDAYS`` / ``GUIFAN_WORKDAYS`` settings."""

    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    note = models.CharField(_("说明"), max_length=60, blank=True, help_text=_("如：2036年春节"))
    created_at = StampField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.get_kind_display()}"
