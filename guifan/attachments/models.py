"""Files attached to records (附件), kept outside the web root and served through a view."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.core.fields import StampField
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet
from guifan.org.models import Unit


class AttachmentQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # Seen with the unit's records; an oversight file (evidence discipline inspection
        # gathered about a unit) only by the office and inspection over that unit.
        oversight = scope.units_for(Role.OFFICE, Role.INSPECTION)
        return (Q(oversight_only=False) & scope.business_q("unit")) | Q(
            oversight_only=True, unit__in=oversight
        )


class Attachment(models.Model):
    """An uploaded file (附件) of a unit: an issued document, a report, evidence."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("文件名"), max_length=200)
    stored_name = models.CharField(max_length=100, unique=True, editable=False)
    size = models.PositiveIntegerField(_("大小"))
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(_("摘要"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = StampField(_("上传时间"), auto_now_add=True)
    oversight_only = models.BooleanField(_("仅监督部门可见"), default=False)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def path(self):
        return settings.MEDIA_ROOT / "attachments" / self.stored_name
