"""Check runs and their findings (智能辅助评查): what the engine found in which case, and
what a person decided about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guifan.cases.models import Case
from guifan.cases.models.case import case_visibility_q
from guifan.checks.catalog import rule as catalog_rule
from guifan.core import clock
from guifan.core.fields import StampField
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet
from guifan.org.models import Unit

WATCHERS = (Role.OFFICE, Role.INSPECTION)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("检查中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class FindingStatus(models.TextChoices):
    PENDING = "pending", _("待核实")
    CONFIRMED = "confirmed", _("已确认")
    DISMISSED = "dismissed", _("已排除")


class RunQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # Runs are the office's and inspection's tool: they see the runs over their units;
        # a run over every case (the server's shell) only those over a top-level unit.
        units = scope.units_for(*WATCHERS)
        visible = Q(unit__in=units)
        if units and Unit.objects.filter(pk__in=units, parent__isnull=True).exists():
            visible |= Q(unit__isnull=True)
        return visible


class Run(models.Model):
    """A check run (检查批次): every implemented rule over every case in its scope."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("检查范围"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("该院及其下级院的案件；为空表示全部案件"),
    )
    rules = models.JSONField(_("检查规则"), default=list)
    status = models.CharField(
        _("状态"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    as_of = models.DateField(_("检查基准日"))
    cases_total = models.PositiveIntegerField(_("案件总数"), default=0)
    cases_done = models.PositiveIntegerField(_("已检查案件"), default=0)
    findings = models.PositiveIntegerField(_("发现问题"), default=0)
    added = models.PositiveIntegerField(_("新发现"), default=0)
    closed = models.PositiveIntegerField(_("不再成立"), default=0)
    seconds = models.FloatField(_("用时（秒）"), null=True, blank=True)
    input_hash = models.CharField(max_length=64, blank=True)
    output_hash = models.CharField(max_length=64, blank=True)
    error = models.TextField(_("错误"), blank=True)
    created_at = StampField(_("发起时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查批次")
        verbose_name_plural = _("检查批次")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"检查批次 {self.pk}"

    @property
    def percent(self) -> int:
        if not self.cases_total:
            return 100 if self.status == RunStatus.DONE else 0
        return min(100, round(100 * self.cases_done / self.cases_total))

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class FindingQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # Whoever sees the case sees its findings: office and inspection their units, a
        # liaison the unit, a handler their cases, an evaluator the cases assigned to them.
        return case_visibility_q(scope, "case__")

    def holding(self):
        return self.filter(holds=True)


class Finding(models.Model):
    """A finding (疑点/问题) of the automated check: a rule broken in a case, with the facts."""

    rule = models.CharField(_("规则"), max_length=8)
    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="check_findings"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    # What in the case breaks the rule ("seq=3", "suspect=1"; "" for the case itself).
    subject = models.CharField(max_length=40, blank=True)
    facts = models.JSONField(_("事实"), default=dict)
    explanation = models.TextField(_("问题说明"))
    # The rule's legal basis as the catalog gave it when the finding was made.
    citation = models.TextField(_("依据"), blank=True)
    deadline = models.CharField(_("法定期限"), max_length=20, blank=True)
    actual = models.CharField(_("实际"), max_length=20, blank=True)
    # Whether the last run still found it; a finding that no longer holds is kept, closed.
    holds = models.BooleanField(_("仍成立"), default=True)
    first_run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="+")
    last_run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("核实状态"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.PENDING
    )
    reason = models.TextField(_("核实意见"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    found_at = StampField(_("发现时间"), auto_now_add=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查发现")
        verbose_name_plural = _("检查发现")
        ordering = ["rule", "case_id", "subject"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "case", "subject"], name="checks_finding_once")
        ]
        indexes = [models.Index(fields=["unit", "rule", "status"])]

    def __str__(self) -> str:
        return f"{self.rule} {self.case.case_no}"

    @property
    def catalog(self):
        return catalog_rule(self.rule)


class NoticeQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # The office and inspection over their units, a liaison the unit's; a handler only
        # the notices addressed to them.
        visible = scope.business_q("unit")
        if scope.has(Role.HANDLER) and scope.person_id:
            visible |= Q(handler_id=scope.person_id)
        return visible


class MonitorNotice(models.Model):
    """A 流程监控通知书: the office tells the handler of an open case that its period ends
    soon or has ended, and asks for a written reply by a date."""

    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="monitor_notices"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    handler = models.ForeignKey(
        "org.Person", verbose_name=_("承办检察官"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("监控期限"), max_length=20)
    deadline = models.DateField(_("期限届满日"))
    overdue_days = models.IntegerField(_("已超期天数"), default=0)
    content = models.TextField(_("监控意见"))
    reply_by = models.DateField(_("回复期限"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = StampField(_("发出时间"), auto_now_add=True)
    reply = models.TextField(_("回复意见"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("流程监控通知书")
        verbose_name_plural = _("流程监控通知书")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"流程监控通知书（{self.case.case_no}）"

    @property
    def number(self) -> str:
        return f"〔{self.issued_at:%Y}〕第{self.pk}号"

    def reply_late(self, today) -> bool:
        """No reply by the reply deadline, or a reply given after it."""
        if self.replied_at is None:
            return today > self.reply_by
        return timezone.localdate(self.replied_at) > self.reply_by

    @property
    def late(self) -> bool:
        return self.reply_late(clock.today())


class DueTally(models.Model):
    """临期 and 超期 open cases of one unit as the worker last counted them (``as_of``), so
    that the 工作台 shows a unit's warning without reading the case table."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="+")
    near = models.PositiveIntegerField(_("临期"), default=0)
    overdue = models.PositiveIntegerField(_("超期"), default=0)
    as_of = models.DateField(_("统计日期"))

    class Meta:
        verbose_name = _("临期超期统计")
        verbose_name_plural = _("临期超期统计")

    def __str__(self) -> str:
        return f"{self.unit.short_name} 临期 {self.near} 超期 {self.overdue}"
