"""The rectification list (整改清单): every problem found, followed until it is closed out.

Items come from self-examination problems, evaluation findings marked for rectification,
complaints found substantiated and (later) automated-check findings a person confirmed. Each
runs 未整改 → 整改中 → 已整改 (the unit's account and evidence) → 已销号 (verified), and may be
returned to 整改中 with reasons. An item that repeats a problem closed not long before is a
recurrence (改后又复发) until the office or discipline inspection has dealt with it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.models import Campaign
from guifan.core import clock
from guifan.core.deadlines import Light, light_for
from guifan.core.fields import StampField
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet, UnitScopedQuerySet
from guifan.org.models import Department, Person, Unit


class Source(models.TextChoices):
    SELF_EXAM = "self_exam", _("查遗补缺自查")
    EVALUATION = "evaluation", _("案件评查")
    COMPLAINT = "complaint", _("群众反映")
    CHECK = "check", _("智能辅助评查")
    BASELINE = "baseline", _("2015 遗留")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("未整改")
    IN_PROGRESS = "in_progress", _("整改中")
    DONE = "done", _("已整改")
    CLOSED = "closed", _("已销号")


# Statuses in which the unit still owes the work (and the deadline can be missed).
OWED = (ItemStatus.OPEN, ItemStatus.IN_PROGRESS)


def verifier_role(category: str) -> Role:
    """Who closes an item out: discipline inspection for conduct matters, else the office."""
    if category in settings.GUIFAN_CONDUCT_CATEGORIES:
        return Role.INSPECTION
    return Role.OFFICE


class ItemQuerySet(UnitScopedQuerySet):
    def owed(self):
        return self.filter(status__in=OWED)

    def verified_by(self, role: str):
        """Items whose categories ``role`` closes out (the same split as verifier_role)."""
        conduct = Q(category__in=settings.GUIFAN_CONDUCT_CATEGORIES)
        return self.filter(conduct if role == Role.INSPECTION else ~conduct)

    def overdue(self, today=None):
        return self.owed().filter(deadline__lt=today or clock.today())


class Item(models.Model):
    """One problem on the rectification list (整改清单), with where it came from."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("专项活动"),
        on_delete=models.PROTECT,
        related_name="rectification_items",
    )
    source = models.CharField(_("问题来源"), max_length=12, choices=Source.choices)
    # The record the item was taken over from; exactly one is set, matching ``source``.
    problem = models.OneToOneField(
        "campaigns.SelfExamProblem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rectification",
    )
    finding = models.OneToOneField(
        "evaluation.Finding",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rectification",
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rectification_items",
    )
    # The record of a source above this app (a confirmed check finding: "checks.finding:12"),
    # shown through the link that source registers in ``rectification/sources.py``.
    source_ref = models.CharField(max_length=40, blank=True, db_index=True)
    baseline = models.ForeignKey(
        "rectification.BaselineItem",
        verbose_name=_("2015 整改台账"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="rectification_items"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler = models.ForeignKey(
        Person,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The category's label ("" only for findings saved before a category was required).
    category = models.CharField(_("问题类别"), max_length=100, blank=True)
    # The finer problem code of the taxonomy (rectification.taxonomy), "" when none fits.
    code = models.CharField(_("问题编码"), max_length=20, blank=True)
    description = models.TextField(_("问题描述"))
    measures = models.TextField(_("整改措施"), blank=True)
    responsible = models.CharField(_("责任人"), max_length=100, blank=True)
    deadline = models.DateField(_("整改时限"))
    found_on = models.DateField(_("发现日期"))
    status = models.CharField(
        _("整改状态"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.OPEN
    )
    outcome = models.TextField(_("整改情况"), blank=True)
    evidence = models.ManyToManyField(
        "attachments.Attachment", verbose_name=_("整改材料"), blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("开始整改时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("报送整改时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returns = models.PositiveSmallIntegerField(_("退回次数"), default=0)
    chased_at = models.DateTimeField(_("最近催办"), null=True, blank=True)
    chase_count = models.PositiveSmallIntegerField(_("催办次数"), default=0)
    created_at = models.DateTimeField(_("列入清单时间"), default=clock.now)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改清单")
        ordering = ["campaign", "unit__path", "deadline", "pk"]
        indexes = [models.Index(fields=["unit", "category", "closed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.CLOSED) | Q(closed_at__isnull=False),
                name="rectification_closed_has_time",
            ),
            models.UniqueConstraint(
                fields=["campaign", "baseline"], name="rectification_item_baseline_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name}：{self.description[:30]}"

    @property
    def owed(self) -> bool:
        return self.status in OWED

    @property
    def overdue(self) -> bool:
        return self.owed and clock.today() > self.deadline

    @property
    def is_recurrence(self) -> bool:
        return getattr(self, "recurrence", None) is not None

    @property
    def recurrence_pending(self) -> bool:
        recurrence = getattr(self, "recurrence", None)
        return recurrence is not None and recurrence.pending

    @property
    def light(self) -> Light:
        if not self.owed:
            return Light.GREEN
        return light_for(self.deadline, clock.today(), settings.GUIFAN_WARNING_DAYS)


class StepAction(models.TextChoices):
    CREATE = "create", _("列入清单")
    START = "start", _("开始整改")
    SUBMIT = "submit", _("报送整改情况")
    RETURN = "return", _("退回")
    CLOSE = "close", _("核查销号")
    CHASE = "chase", _("催办")


class Step(models.Model):
    """One step in an item's history, as shown to its unit and to those who verify it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("操作"), max_length=8, choices=StepAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["item", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_action_display()}"


class RecurrenceQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        return scope.business_q("item__unit")

    def pending(self):
        return self.filter(handled_at__isnull=True)


class Recurrence(models.Model):
    """改后又复发: a new item repeats one closed out shortly before, until someone deals with it."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="recurrence")
    # What it repeats: an item closed in a campaign, or a row of the 2015 ledger (exactly one).
    earlier = models.ForeignKey(
        Item,
        verbose_name=_("此前已销号的问题"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    earlier_baseline = models.ForeignKey(
        "rectification.BaselineItem",
        verbose_name=_("2015 年已销号的问题"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # How it matched: "unit", "department" or "handler", within ``months`` of the closure.
    matched_on = models.CharField(_("比对范围"), max_length=10)
    months = models.PositiveSmallIntegerField(_("期限（月）"))
    detected_at = models.DateTimeField(_("发现时间"))
    handling = models.TextField(_("处置意见"), blank=True)
    handled_at = models.DateTimeField(_("处置时间"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RecurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("改后又复发")
        verbose_name_plural = _("改后又复发")
        ordering = ["-detected_at", "pk"]

    def __str__(self) -> str:
        return f"{self.item} ← {self.earlier_label}"

    @property
    def pending(self) -> bool:
        return self.handled_at is None

    @property
    def earlier_label(self) -> str:
        """第 12 号, or the 2015 ledger's own number (2015 台账 WJ-2015-003)."""
        if self.earlier_id is not None:
            return _("第 %(n)d 号") % {"n": self.earlier_id}
        return _("2015 年整改台账 %(ref)s") % {"ref": self.earlier_baseline.ref}

    @property
    def earlier_closed_on(self):
        if self.earlier_id is not None:
            return clock.localdate(self.earlier.closed_at)
        return self.earlier_baseline.closed_on


class BaselineItemQuerySet(UnitScopedQuerySet):
    def owed(self):
        return self.exclude(status=ItemStatus.CLOSED)


class BaselineItem(models.Model):
    """One row of the 2015 问题清单/整改台账 as imported: the look-back's starting point."""

    ref = models.CharField(_("问题编号"), max_length=40, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler = models.ForeignKey(
        Person,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler_name = models.CharField(_("承办人姓名"), max_length=50, blank=True)
    category = models.CharField(_("问题类别"), max_length=100)
    code = models.CharField(_("问题编码"), max_length=20, blank=True)
    description = models.TextField(_("问题描述"))
    measures = models.TextField(_("整改措施"), blank=True)
    status = models.CharField(_("整改状态"), max_length=12, choices=ItemStatus.choices)
    found_on = models.DateField(_("发现日期"))
    deadline = models.DateField(_("整改时限"), null=True, blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    row_hash = models.CharField(max_length=32, blank=True, editable=False)
    imported_at = StampField(_("导入时间"), auto_now_add=True)

    objects = BaselineItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("2015 年整改台账")
        verbose_name_plural = _("2015 年整改台账")
        ordering = ["unit__path", "ref"]
        indexes = [models.Index(fields=["unit", "closed_on"])]

    def __str__(self) -> str:
        return f"{self.ref} {self.description[:30]}"
