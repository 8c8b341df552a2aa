"""One import of a spreadsheet into the case registry (导入批次), with its outcome."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.core.fields import StampField
from guifan.core.scoping import NOTHING, Scope, ScopedQuerySet
from guifan.org.models import Unit


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ImportRunQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        if not scope.user_id or scope.is_admin:
            return NOTHING
        mine = Q(created_by_id=scope.user_id)
        if scope.oversight_unit_ids:
            mine |= Q(unit__in=scope.business_unit_ids)
        return mine


class ImportRun(models.Model):
    """A file someone imported: what kind, how far it got, and what happened to each row."""

    kind = models.CharField(_("导入类型"), max_length=20)
    file_name = models.CharField(_("文件名"), max_length=255)
    file_sha256 = models.CharField(_("文件摘要"), max_length=64)
    stored_path = models.CharField(max_length=500, blank=True)
    sheet = models.CharField(_("工作表"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("导入单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("总行数"), default=0)
    processed_rows = models.PositiveIntegerField(_("已处理"), default=0)
    imported = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变化"), default=0)
    rejected = models.PositiveIntegerField(_("拒绝"), default=0)
    # Notes for the user, one per line (unknown columns and the like).
    warnings = models.TextField(_("提示"), blank=True)
    failure = models.TextField(_("失败原因"), blank=True)
    errors_path = models.CharField(max_length=500, blank=True)
    created_at = StampField(_("提交时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # The process running the import ("host:pid"), so that a run whose worker died is found.
    worker = models.CharField(max_length=100, blank=True)
    # When the uploaded file and the error report were deleted after GUIFAN_IMPORT_KEEP_DAYS.
    files_deleted_at = models.DateTimeField(_("文件删除时间"), null=True, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.get_status_display()}）"

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        return min(99, self.processed_rows * 100 // self.total_rows) if self.total_rows else 0

    @property
    def warning_list(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if line]


class ImportRejection(models.Model):
    """A row an import refused (被拒绝的行): its line in the file, the columns and the reason,
    shown on the import's page; the error report file holds the row's cells as well."""

    run = models.ForeignKey(
        ImportRun, on_delete=models.CASCADE, related_name="rejections", verbose_name=_("导入批次")
    )
    line = models.PositiveIntegerField(_("原行号"))
    columns = models.CharField(_("出错的列"), max_length=200, blank=True)
    reason = models.TextField(_("错误原因"))

    class Meta:
        verbose_name = _("被拒绝的行")
        verbose_name_plural = _("被拒绝的行")
        ordering = ["run", "line"]
        indexes = [models.Index(fields=["run", "line"], name="cases_rejection_run_line")]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.line}"
