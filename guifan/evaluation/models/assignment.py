"""Assignment runs and the evaluation tasks (评查任务) they create."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.models import Campaign
from guifan.cases.models import Case
from guifan.core import clock
from guifan.core.deadlines import Light, light_for
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet
from guifan.org.models import Person


class AssignmentRun(models.Model):
    """One run of the assignment (分配评查任务): settings, input and output hashes, outcome."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="assignment_runs")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("运行时间"))
    key_need = models.PositiveSmallIntegerField(_("重点评查每案评查人数"), default=2)
    min_load = models.PositiveIntegerField(_("每人下限"), null=True, blank=True)
    max_load = models.PositiveIntegerField(_("每人上限"), null=True, blank=True)
    used_min = models.PositiveIntegerField(_("实际下限"), null=True)
    used_max = models.PositiveIntegerField(_("实际上限"), null=True)
    same_line = models.BooleanField(_("回避本人业务条线的案件"), default=False)
    caps = models.JSONField(_("个人上限"), default=dict, blank=True)
    input_hash = models.CharField(_("输入哈希"), max_length=64)
    output_hash = models.CharField(_("结果哈希"), max_length=64, blank=True)
    feasible = models.BooleanField(_("可行"))
    explanations = models.JSONField(_("不可行原因"), default=list, blank=True)
    case_count = models.PositiveIntegerField(_("案件数"))
    evaluator_count = models.PositiveIntegerField(_("评查人员数"))
    mismatched = models.PositiveIntegerField(_("非专长分配数"), default=0)

    class Meta:
        verbose_name = _("分配记录")
        verbose_name_plural = _("分配记录")
        ordering = ["campaign", "-at", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.at:%Y-%m-%d %H:%M}"


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("已分配")
    STARTED = "started", _("已开始评查")


class EvaluationMode(models.TextChoices):
    ONLINE = "online", _("网上评查")
    PAPER = "paper", _("调阅纸质卷宗")


class EvaluationTeam(models.Model):
    """An evaluation team (评查组) of a campaign: its lead reviews the members' forms."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("名称"), max_length=50)
    lead = models.ForeignKey(
        Person, verbose_name=_("组长"), on_delete=models.PROTECT, related_name="led_teams"
    )
    members = models.ManyToManyField(Person, verbose_name=_("组员"), related_name="teams")

    class Meta:
        verbose_name = _("评查组")
        verbose_name_plural = _("评查组")
        ordering = ["campaign", "name"]

    def __str__(self) -> str:
        return self.name


class AssignmentQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # The office and inspection of the issuing unit see every task; an evaluator only
        # their own. Units do not learn who evaluates their cases here.
        visible = Q(campaign__issuing_unit__in=scope.units_for(Role.OFFICE, Role.INSPECTION))
        if scope.person_id and scope.has(Role.EVALUATOR, Role.TEAM_LEAD):
            visible |= Q(evaluator_id=scope.person_id)
        return visible


class Assignment(models.Model):
    """A case of the batch given to an evaluator (评查任务), with why it was drawn."""

    # The unique constraint (campaign, case, evaluator) and the index (evaluator, campaign)
    # serve lookups by campaign and by evaluator: single-column indexes would only slow down
    # saving a run's 100,000 rows.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="assignments", db_index=False
    )
    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="assignments"
    )
    evaluator = models.ForeignKey(
        Person,
        verbose_name=_("评查人员"),
        on_delete=models.PROTECT,
        related_name="assignments",
        db_index=False,
    )
    run = models.ForeignKey(
        AssignmentRun, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    team = models.ForeignKey(
        EvaluationTeam, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    reasons = models.CharField(_("抽取理由"), max_length=100)
    recheck = models.BooleanField(_("复查"), default=False)
    original_evaluators = models.CharField(_("原评查人工号"), max_length=200, blank=True)
    deadline = models.DateField(_("评查期限"))
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ASSIGNED,
    )
    mode = models.CharField(
        _("评查方式"), max_length=8, choices=EvaluationMode.choices, default=EvaluationMode.ONLINE
    )
    manual = models.BooleanField(_("人工调整"), default=False)
    move_reason = models.CharField(_("调整理由"), max_length=200, blank=True)
    moved_from = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chased_at = models.DateTimeField(_("最近催办"), null=True, blank=True)
    chase_count = models.PositiveSmallIntegerField(_("催办次数"), default=0)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("评查任务")
        verbose_name_plural = _("评查任务")
        ordering = ["campaign", "evaluator__staff_no", "case__case_no_norm"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "case", "evaluator"], name="evaluation_assignment_unique"
            )
        ]
        indexes = [models.Index(fields=["evaluator", "campaign"], name="evaluation_mine")]

    def __str__(self) -> str:
        return f"{self.case.case_no} → {self.evaluator}"

    @property
    def light(self) -> Light:
        return light_for(self.deadline, clock.today(), settings.GUIFAN_WARNING_DAYS)
