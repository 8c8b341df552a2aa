"""Campaigns (专项活动), their tracks, checklists and the tasks of each unit."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.core import clock
from guifan.core.deadlines import Light, light_for
from guifan.core.fields import StampField
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet, UnitScopedQuerySet
from guifan.org.constraints import unique_per_unit_or_department
from guifan.org.models import Department, Unit


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    RUNNING = "running", _("进行中")
    CLOSING = "closing", _("收尾")
    CLOSED = "closed", _("已结束")


class TrackKind(models.TextChoices):
    SELF_EXAM = "self_exam", _("查遗补缺")
    MECHANISM = "mechanism", _("制度创新")
    EVALUATION = "evaluation", _("案件评查")
    REPORT = "report", _("开展情况报送")


class ChecklistKind(models.TextChoices):
    HEADING = "heading", _("自查方面")
    AREA = "area", _("机制建设领域")
    QUESTION = "question", _("回头看问题")
    CATEGORY = "category", _("问题类别")


class TaskStatus(models.TextChoices):
    PENDING = "pending", _("待办")
    SUBMITTED = "submitted", _("已报送")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已通过")


DONE_STATUSES = (TaskStatus.SUBMITTED, TaskStatus.ACCEPTED)
# Units keep working and reporting while the campaign runs and while it is being wound up.
OPEN_STATUSES = (CampaignStatus.RUNNING, CampaignStatus.CLOSING)


class DepartmentTasks(models.TextChoices):
    """Which departments take part with their own tasks (各单位各部门)."""

    NONE = "none", _("各部门不单列")
    CITY = "city", _("市院各部门")
    ALL = "all", _("市院和基层院各部门")


class CampaignQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # The issuing unit's office and inspection see its campaigns; otherwise a campaign is
        # seen by those who see a unit that takes part in it, or liaise for one of its
        # departments (who see the campaign and their department's tasks, nothing more).
        issuers = scope.units_for(Role.OFFICE, Role.INSPECTION)
        return (
            Q(issuing_unit__in=issuers)
            | Q(participants__unit__in=scope.business_unit_ids)
            | Q(participants__unit__in=scope.liaison_department_unit_ids)
        )


class Campaign(models.Model):
    """A campaign (专项活动) such as the 2016 规范司法行为专项整治“回头看”."""

    name = models.CharField(_("活动名称"), max_length=200)
    template = models.CharField(_("模板"), max_length=30, blank=True)
    issuing_unit = models.ForeignKey(
        Unit, verbose_name=_("牵头单位"), on_delete=models.PROTECT, related_name="issued_campaigns"
    )
    start_date = models.DateField(_("开始日期"))
    report_deadline = models.DateField(_("报送截止日期"))
    status = models.CharField(
        _("状态"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = StampField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("启动时间"), null=True, blank=True)
    theme = models.CharField(_("专项主题"), max_length=12, blank=True)
    department_tasks = models.CharField(
        _("部门任务"), max_length=4, choices=DepartmentTasks.choices, default=DepartmentTasks.NONE
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("专项活动")
        verbose_name_plural = _("专项活动")
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return self.name


class Participation(models.Model):
    """A unit taking part in a campaign (参加单位)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit"], name="campaigns_participation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.unit}"


class Track(models.Model):
    """One line of work of a campaign (查遗补缺 / 制度创新 / 案件评查 / 报送) with its deadline."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tracks")
    kind = models.CharField(_("类型"), max_length=12, choices=TrackKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    task = models.CharField(_("单位任务"), max_length=200)
    deadline = models.DateField(_("截止日期"))
    position = models.PositiveSmallIntegerField(default=0)
    # Departments taking part get their own task on this track (查遗补缺 is done by each).
    departments = models.BooleanField(_("各部门单列"), default=False)

    class Meta:
        ordering = ["campaign", "position"]

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    """A heading, area, look-back question or problem category a campaign works with."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="checklist")
    kind = models.CharField(_("类型"), max_length=10, choices=ChecklistKind.choices)
    label = models.CharField(_("内容"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["campaign", "kind", "position"]

    def __str__(self) -> str:
        return self.label


class UnitTaskQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # The unit's own people see all its tasks, its departments' included; a department
        # liaison sees only the tasks of that department.
        return scope.business_q("unit") | Q(department__in=scope.liaison_department_ids)


class UnitTask(models.Model):
    """What one unit — or one department of it — has to do on one track, by when, and how
    far it got (单位任务)."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="unit_tasks")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="campaign_tasks")
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaign_tasks",
    )
    deadline = models.DateField(_("截止日期"))
    status = models.CharField(
        _("状态"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    chased_at = models.DateTimeField(_("最近催办"), null=True, blank=True)
    chase_count = models.PositiveSmallIntegerField(_("催办次数"), default=0)
    # What the unit says with its report: what it examined when it found nothing, why it
    # has no plan, why evaluation tasks are unfinished (campaigns.review).
    statement = models.TextField(_("报送说明"), blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    objects = UnitTaskQuerySet.as_manager()

    class Meta:
        ordering = [
            "track__position",
            "unit__path",
            models.F("department__line").asc(nulls_first=True),
            models.F("department__name").asc(nulls_first=True),
        ]
        constraints = unique_per_unit_or_department(["track", "unit"], "campaigns_unittask_unique")

    def __str__(self) -> str:
        return f"{self.participant_name} · {self.track}"

    @property
    def participant_name(self) -> str:
        """The unit, or the unit's department, that owes the task."""
        if self.department_id:
            return f"{self.unit.short_name}{self.department.name}"
        return self.unit.short_name

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def late(self) -> bool:
        """Not done and past the deadline, or done after it (报送迟了也算超期)."""
        if self.done and self.submitted_at is not None:
            return clock.localdate(self.submitted_at) > self.deadline
        return clock.today() > self.deadline

    @property
    def light(self) -> Light:
        if self.done:
            return Light.GREEN
        return light_for(self.deadline, clock.today(), settings.GUIFAN_WARNING_DAYS)


class SelfExamProblem(models.Model):
    """A problem a unit found in its own self-examination (查遗补缺发现的问题)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="problems")
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="self_exam_problems"
    )
    heading = models.ForeignKey(
        ChecklistItem, verbose_name=_("自查方面"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(
        ChecklistItem, verbose_name=_("问题类别"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("问题描述"))
    responsible = models.CharField(_("责任部门或责任人"), max_length=100)
    measure = models.TextField(_("整改措施"))
    deadline = models.DateField(_("整改时限"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = StampField(_("登记时间"), auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("自查问题")
        verbose_name_plural = _("自查问题")
        ordering = ["unit__path", "-created_at"]

    def __str__(self) -> str:
        return f"{self.unit.short_name}：{self.description[:30]}"


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("计划中")
    ISSUED = "issued", _("已出台")
    REPORTED = "reported", _("已报送")
    RESEARCH = "research", _("调研中")


class MechanismPlan(models.Model):
    """A mechanism-building plan of a unit (机制建设计划): planned → issued → reported."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="plans")
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="mechanism_plans"
    )
    area = models.ForeignKey(
        ChecklistItem, verbose_name=_("领域"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("名称"), max_length=200)
    summary = models.TextField(_("主要内容"))
    owner = models.CharField(_("牵头部门或责任人"), max_length=100)
    planned_date = models.DateField(_("计划出台日期"))
    status = models.CharField(
        _("状态"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.PLANNED
    )
    document = models.ForeignKey(
        "attachments.Attachment",
        verbose_name=_("出台文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    findings = models.TextField(_("调研情况"), blank=True)
    issued_at = models.DateTimeField(_("出台时间"), null=True, blank=True)
    reported_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    # The office's decision on a reported plan: accepted, or returned with its comment.
    accepted_at = models.DateTimeField(_("审核通过时间"), null=True, blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = StampField(_("登记时间"), auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("机制建设计划")
        verbose_name_plural = _("机制建设计划")
        ordering = ["area__position", "unit__path", "planned_date"]

    def __str__(self) -> str:
        return self.title


# The reports, the register of new norms and the self-examination per heading: models of
# this app, kept in their own modules.
from guifan.campaigns.heading_models import HeadingRecord  # noqa: E402, F401
from guifan.campaigns.norm_models import (  # noqa: E402, F401
    AdoptionStatus,
    Issuer,
    Norm,
    NormAdoption,
)
from guifan.campaigns.report_models import (  # noqa: E402, F401
    Report,
    ReportStatus,
    ReportVersion,
)
