"""The 案件评查登记表: the rubric it follows, the form of one task, and its findings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.models import Campaign
from guifan.cases.models import Grade
from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet
from guifan.evaluation.models.assignment import Assignment


class GradeScheme(models.TextChoices):
    Y2018 = "2018", _("2018 年四等次（优质、合格、瑕疵、不合格）")
    Y2026 = "2026", _("2026 年四等次（优质、合格、基本合格、不合格）")


SCHEME_GRADES = {
    GradeScheme.Y2018: (Grade.EXCELLENT, Grade.PASS, Grade.FLAWED, Grade.FAIL),
    GradeScheme.Y2026: (Grade.EXCELLENT, Grade.PASS, Grade.BASIC, Grade.FAIL),
}


class Severity(models.TextChoices):
    MINOR = "minor", _("一般")
    FLAW = "flaw", _("瑕疵")
    SERIOUS = "serious", _("严重")


class Rubric(models.Model):
    """One version of a campaign's 登记表 rubric: dimensions, problem categories, look-back
    questions and grade scheme. Edits make a new version; a started campaign's is frozen."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="rubrics")
    # The case type it is for (rubric_types.TYPES); "default" for cases of no other type.
    case_type = models.CharField(_("案件类型"), max_length=20, default="default")
    version = models.PositiveSmallIntegerField(_("版本"))
    scheme = models.CharField(_("等次标准"), max_length=4, choices=GradeScheme.choices)
    dimensions = models.JSONField(_("评查维度"))
    points = models.JSONField(_("评查要点"), default=dict, blank=True)
    categories = models.JSONField(_("问题类别"))
    questions = models.JSONField(_("回头看问题"))
    created_at = models.DateTimeField(_("创建时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("评查登记表标准")
        verbose_name_plural = _("评查登记表标准")
        ordering = ["campaign", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "case_type", "version"], name="evaluation_rubric_type_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.type_label} 第{self.version}版"

    @property
    def type_label(self) -> str:
        from guifan.evaluation.rubric_types import TYPES

        return TYPES.get(self.case_type, TYPES["default"])["label"]

    @property
    def grades(self) -> list[tuple[str, str]]:
        return [(g.value, g.label) for g in SCHEME_GRADES[GradeScheme(self.scheme)]]


class FormStatus(models.TextChoices):
    ASSIGNED = "assigned", _("待评查")
    IN_PROGRESS = "in_progress", _("评查中")
    SUBMITTED = "submitted", _("待复核")
    RETURNED = "returned", _("已退回修改")
    APPROVED = "approved", _("异议期")
    OBJECTED = "objected", _("异议待决定")
    FINAL = "final", _("评查意见已确定")


EDITABLE = (FormStatus.ASSIGNED, FormStatus.IN_PROGRESS, FormStatus.RETURNED)
# Handed in by the evaluator: what counts as done for deadlines and chase-up.
HANDED_IN = (FormStatus.SUBMITTED, FormStatus.APPROVED, FormStatus.OBJECTED, FormStatus.FINAL)


class EvaluationFormQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # Office and inspection of the issuing unit: all. The evaluator: their own. The team
        # lead: their team's. The handler: final results on their own cases. Units: their
        # own cases' final results.
        visible = Q(
            assignment__campaign__issuing_unit__in=scope.units_for(Role.OFFICE, Role.INSPECTION)
        )
        if scope.person_id and scope.has(Role.EVALUATOR, Role.TEAM_LEAD):
            visible |= Q(assignment__evaluator_id=scope.person_id)
        if scope.person_id and scope.has(Role.TEAM_LEAD):
            visible |= Q(assignment__team__lead_id=scope.person_id)
        shown = (FormStatus.APPROVED, FormStatus.OBJECTED, FormStatus.FINAL)
        if scope.person_id and scope.has(Role.HANDLER):
            visible |= Q(assignment__case__handler_id=scope.person_id, status__in=shown)
        units = scope.units_for(Role.LIAISON)
        if units:
            visible |= Q(assignment__case__unit__in=units, status=FormStatus.FINAL)
        return visible


class EvaluationForm(models.Model):
    """The 案件评查登记表 of one task: grade, basis, look-back answers, review, objection."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.PROTECT, related_name="form", verbose_name=_("评查任务")
    )
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="forms")
    status = models.CharField(
        _("状态"), max_length=12, choices=FormStatus.choices, default=FormStatus.ASSIGNED
    )
    grade = models.CharField(_("等次建议"), max_length=10, choices=Grade.choices, blank=True)
    basis = models.TextField(_("评定依据"), blank=True)
    answers = models.JSONField(_("回头看问题"), default=dict, blank=True)
    # The dimensions the evaluator declared 未发现问题, explicitly (not derived from there
    # being no finding); and the dimension scores where GUIFAN_EVALUATION_SCORES enables them.
    clear_dimensions = models.JSONField(_("未发现问题的维度"), default=list, blank=True)
    scores = models.JSONField(_("维度得分"), default=dict, blank=True)
    # Raised by every save: a save that started from an older version is refused.
    version = models.PositiveIntegerField(_("保存版本"), default=0)
    saved_at = models.DateTimeField(_("最近保存"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    review_comment = models.TextField(_("复核意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    objection_deadline = models.DateField(_("异议截止日期"), null=True, blank=True)
    objection = models.TextField(_("异议理由"), blank=True)
    objected_at = models.DateTimeField(_("提出异议时间"), null=True, blank=True)
    decision = models.TextField(_("异议处理意见"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    final_grade = models.CharField(_("确定等次"), max_length=10, choices=Grade.choices, blank=True)
    finalized_at = models.DateTimeField(_("确定时间"), null=True, blank=True)

    objects = EvaluationFormQuerySet.as_manager()

    class Meta:
        verbose_name = _("案件评查登记表")
        verbose_name_plural = _("案件评查登记表")
        ordering = ["assignment__case__case_no_norm", "assignment__evaluator__staff_no"]

    def __str__(self) -> str:
        return f"{self.assignment.case.case_no} 评查登记表"

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def objection_open(self) -> bool:
        return (
            self.status == FormStatus.APPROVED
            and self.objection_deadline is not None
            and clock.today() <= self.objection_deadline
        )


class Finding(models.Model):
    """A problem found in the case (发现的问题): where, what, on which legal basis, how bad."""

    form = models.ForeignKey(EvaluationForm, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveSmallIntegerField(default=0)
    dimension = models.CharField(_("评查维度"), max_length=100)
    category = models.CharField(_("问题类别"), max_length=100, blank=True)
    description = models.TextField(_("问题描述"))
    legal_basis = models.CharField(_("依据条款"), max_length=300, blank=True)
    severity = models.CharField(_("严重程度"), max_length=8, choices=Severity.choices)
    location = models.CharField(_("卷宗位置"), max_length=100, blank=True)
    rectify = models.BooleanField(_("需整改"), default=False)
    # An upheld objection (or the 合议) withdraws a finding: kept, struck out, with the reason.
    withdrawn_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("撤销理由"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("发现的问题")
        verbose_name_plural = _("发现的问题")
        ordering = ["form", "position"]

    def __str__(self) -> str:
        return f"{self.dimension}：{self.description[:30]}"
