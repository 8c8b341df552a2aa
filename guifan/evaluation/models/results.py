"""The case-level conclusion (评查结论): one per evaluated case of a campaign, whatever the
number of forms, with the 合议, the handler's explanation and the 审定 that fixes the grade."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.models import Campaign
from guifan.cases.models import Case, Grade
from guifan.core import clock
from guifan.core.fields import StampField
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet


class ResultStatus(models.TextChoices):
    PENDING = "pending", _("评查中")
    DELIBERATION = "deliberation", _("待评查组合议")
    EXPLANATION = "explanation", _("待听取承办人说明")
    APPROVAL = "approval", _("待审定")
    FINAL = "final", _("已定案")


class ApprovalBody(models.TextChoices):
    COMMITTEE = "committee", _("案件评查委员会")
    CHIEF = "chief", _("检察长")
    PROCURATORIAL_COMMITTEE = "procuratorial_committee", _("检察委员会")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("维持原等次")
    CHANGED = "changed", _("改变原等次")


class CaseResultQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # The office and inspection of the issuing unit: all. A team lead: the cases their
        # team evaluates. An evaluator: the cases assigned to them. The handler and the unit:
        # the result once it is final.
        from guifan.evaluation.models.assignment import Assignment

        visible = Q(campaign__issuing_unit__in=scope.units_for(Role.OFFICE, Role.INSPECTION))
        if scope.person_id and scope.has(Role.TEAM_LEAD):
            led = Assignment.objects.filter(
                campaign=OuterRef("campaign"), case=OuterRef("case"), team__lead_id=scope.person_id
            )
            visible |= Q(Exists(led))
        if scope.person_id and scope.has(Role.EVALUATOR, Role.TEAM_LEAD):
            # An evaluator: the cases assigned to them, and no other.
            mine = Assignment.objects.filter(
                campaign=OuterRef("campaign"), case=OuterRef("case"), evaluator_id=scope.person_id
            )
            visible |= Q(Exists(mine))
        if scope.person_id and scope.has(Role.HANDLER):
            visible |= Q(case__handler_id=scope.person_id, status=ResultStatus.FINAL)
        units = scope.units_for(Role.LIAISON)
        if units:
            visible |= Q(case__unit__in=units, status=ResultStatus.FINAL)
        return visible


class CaseResult(models.Model):
    """The 评查结论 of one case in one campaign: proposed, 合议, 承办人说明, 审定, final grade."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="case_results")
    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="evaluation_results"
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=ResultStatus.choices, default=ResultStatus.PENDING
    )
    proposed_grade = models.CharField(
        _("拟定等次"), max_length=10, choices=Grade.choices, blank=True
    )
    # 评查组合议 (重点评查: two or more forms)
    participants = models.CharField(_("合议参加人"), max_length=300, blank=True)
    opinion = models.TextField(_("合议意见"), blank=True)
    dissent = models.TextField(_("不同意见"), blank=True)
    deliberated_at = models.DateTimeField(_("合议时间"), null=True, blank=True)
    deliberated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # 听取承办人说明: due a number of working days after the proposed grade is communicated
    explanation_due = models.DateField(_("听取说明期限"), null=True, blank=True)
    explanation = models.TextField(_("承办人说明"), blank=True)
    explained_on = models.DateField(_("听取说明日期"), null=True, blank=True)
    explanation_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Handed to 检务督察 (不合格 results, the use of results)
    referred_at = models.DateTimeField(_("移送检务督察时间"), null=True, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # 审定
    body = models.CharField(_("审定主体"), max_length=24, choices=ApprovalBody.choices, blank=True)
    approval_opinion = models.TextField(_("审定意见"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    final_grade = models.CharField(_("审定等次"), max_length=10, choices=Grade.choices, blank=True)
    # 复查: the 2015 grade kept or changed
    original_grade = models.CharField(
        _("原评查等次"), max_length=10, choices=Grade.choices, blank=True
    )
    outcome = models.CharField(_("复查结论"), max_length=8, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(_("改变原等次理由"), blank=True)
    created_at = StampField(_("创建时间"), auto_now_add=True)

    objects = CaseResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("评查结论")
        verbose_name_plural = _("评查结论")
        ordering = ["campaign", "case__case_no_norm"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "case"], name="evaluation_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case.case_no} 评查结论"

    @property
    def explanation_overdue(self) -> int:
        """Days the handler's explanation is overdue (0 when heard or not yet late)."""
        if self.status != ResultStatus.EXPLANATION or self.explanation_due is None:
            return 0
        return max(0, (clock.today() - self.explanation_due).days)
