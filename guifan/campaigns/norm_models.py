"""The register of new norms (高检院、省院新出台的办案规范) and each unit's 贯彻 or 细化 of them.

"要认真贯彻落实高检院、省院新出台的办案规范要求……健全细化检察机关规范司法的制度机制": the
office registers each document and hands it to the units taking part; a unit records that it
has put it into practice (贯彻落实, with how) or issued its own implementing rule (细化, with
the rule attached)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.core.fields import StampField
from guifan.core.scoping import UnitScopedQuerySet
from guifan.org.models import Unit


class Issuer(models.TextChoices):
    SPP = "spp", _("最高人民检察院")
    PROVINCE = "province", _("省人民检察院")


class AdoptionStatus(models.TextChoices):
    PENDING = "pending", _("待贯彻")
    IMPLEMENTED = "implemented", _("已贯彻落实")
    REFINED = "refined", _("已制定细化规定")


class Norm(models.Model):
    """A new norm of the 高检院 or 省院 (新出台的办案规范) registered for a campaign."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="norms"
    )
    issuer = models.CharField(_("制发机关"), max_length=10, choices=Issuer.choices)
    number = models.CharField(_("文号"), max_length=60)
    issued_on = models.DateField(_("印发日期"))
    title = models.CharField(_("名称"), max_length=200)
    document = models.ForeignKey(
        "attachments.Attachment",
        verbose_name=_("文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = StampField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("新出台规范")
        verbose_name_plural = _("新出台规范")
        ordering = ["campaign", "-issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="campaigns_norm_number")
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）"


class NormAdoption(models.Model):
    """One unit's 贯彻/细化 of one norm (规范落实情况)."""

    norm = models.ForeignKey(Norm, on_delete=models.CASCADE, related_name="adoptions")
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("落实情况"), max_length=12, choices=AdoptionStatus.choices, default=AdoptionStatus.PENDING
    )
    note = models.TextField(_("贯彻落实情况"), blank=True)
    rule_title = models.CharField(_("细化规定名称"), max_length=200, blank=True)
    rule_document = models.ForeignKey(
        "attachments.Attachment",
        verbose_name=_("细化规定文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    done_on = models.DateField(_("落实日期"), null=True, blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("规范落实情况")
        verbose_name_plural = _("规范落实情况")
        ordering = ["norm", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["norm", "unit"], name="campaigns_normadoption_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name} · {self.norm.title}"
