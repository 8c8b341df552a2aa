"""Figures kept current after every write of cases, so that no page counts a million rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.core.scoping import UnitScopedQuerySet
from guifan.org.models import Unit


class ClosedTally(models.Model):
    """Cases closed in one year by one unit (办结案件数), for the 工作台's per-unit chart."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("承办单位"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("办结年度"))
    total = models.PositiveIntegerField(_("办结案件数"))

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("办结案件数")
        verbose_name_plural = _("办结案件数")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="cases_closedtally_year_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}: {self.total}"


class RegistryVersion(models.Model):
    """The case registry's version (案件库版本): one row, bumped after every write of cases.

    Cached counts carry it in their keys; being in the database, a bump by the worker that
    ran an import reaches every web process at once."""

    generation = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("案件库版本")
        verbose_name_plural = _("案件库版本")

    def __str__(self) -> str:
        return str(self.generation)


class LedgerCount(models.Model):
    """The exact number of rows of a big 台账 view (one scope and filter), counted in the
    background for one version of the registry; the page shows "N 条以上" until it is here.
    Kept in the database so that every web process reads it; older versions are dropped
    when a newer count is stored."""

    digest = models.CharField(_("范围与筛选条件摘要"), max_length=32)
    generation = models.PositiveBigIntegerField(_("案件库版本"))
    total = models.PositiveIntegerField(_("条数"))

    class Meta:
        verbose_name = _("台账条数")
        verbose_name_plural = _("台账条数")
        constraints = [
            models.UniqueConstraint(
                fields=["digest", "generation"], name="cases_ledgercount_digest_generation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.digest} @{self.generation}: {self.total}"
