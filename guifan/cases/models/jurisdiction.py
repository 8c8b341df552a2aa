"""The districts a unit has jurisdiction over (院辖区表, 地域管辖: 刑诉法2018 第25条), as the
office imports them; R6-01 compares a case's 犯罪地 and 侦查机关所在地 with them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.org.models import Unit


class Jurisdiction(models.Model):
    """A unit's 辖区: the names of its districts (区县名), one per line of ``districts``."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="jurisdiction"
    )
    districts = models.TextField(_("辖区"))
    row_hash = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("院辖区")
        verbose_name_plural = _("院辖区")
        ordering = ["unit"]

    def __str__(self) -> str:
        return f"{self.unit}：{'、'.join(self.names)}"

    @property
    def names(self) -> list[str]:
        return [name for name in self.districts.splitlines() if name]
