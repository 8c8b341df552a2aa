"""Cases of the case registry (案件台账) as exported from the case-management system."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.core.fields import StampField
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet
from guifan.org.models import Department, Person, Tier, Unit


class CaseStatus(models.TextChoices):
    """Case states of RULES-AND-PROCESS.md §6.3."""

    ACCEPTED = "accepted", _("已受理")
    DISTRIBUTED = "distributed", _("已分案")
    IN_PROGRESS = "in_progress", _("办理中")
    EXTENDED = "extended", _("延长审查")
    RETURNED = "returned", _("退回补充侦查中")
    SUSPENDED = "suspended", _("中止")
    CONCLUDED = "concluded", _("已审结")
    CLOSED = "closed", _("已结案")
    ARCHIVED = "archived", _("已归档")
    WITHDRAWN = "withdrawn", _("撤回")
    TRANSFERRED = "transferred", _("移送管辖")


_STATUS_TONES = {
    CaseStatus.CONCLUDED: "green",
    CaseStatus.CLOSED: "green",
    CaseStatus.ARCHIVED: "green",
    CaseStatus.EXTENDED: "yellow",
    CaseStatus.RETURNED: "yellow",
    CaseStatus.SUSPENDED: "yellow",
    CaseStatus.WITHDRAWN: "grey",
    CaseStatus.TRANSFERRED: "grey",
}


class Supervision(models.TextChoices):
    """挂牌督办: which level put the case under supervision."""

    NONE = "", _("无")
    PROVINCE = "province", _("省院挂牌督办")
    CITY = "city", _("市院挂牌督办")


class Grade(models.TextChoices):
    """Evaluation grades of both schemes (2018: 瑕疵; 2026: 基本合格)."""

    EXCELLENT = "excellent", _("优质")
    PASS = "pass", _("合格")
    FLAWED = "flawed", _("瑕疵")
    BASIC = "basic", _("基本合格")
    FAIL = "fail", _("不合格")


def case_visibility_q(scope: Scope, prefix: str = "") -> Q:
    """Cases the scope may see; ``prefix`` reaches the case from a related model."""
    visible = scope.business_q(f"{prefix}unit")
    if scope.has(Role.HANDLER) and scope.person_id:
        visible |= Q(**{f"{prefix}handler_id": scope.person_id})
    if scope.has(Role.EVALUATOR, Role.TEAM_LEAD) and scope.person_id:
        # An evaluator sees the cases assigned to them, and no others.
        from django.apps import apps

        assignment = apps.get_model("evaluation", "Assignment")
        assigned = assignment.objects.filter(evaluator_id=scope.person_id).values("case_id")
        visible |= Q(**{f"{prefix}pk__in": assigned})
    return visible


class CaseQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        return case_visibility_q(scope)


class Case(models.Model):
    """A case (案件) of a unit, identified by its 部门受案号."""

    case_no = models.CharField(_("部门受案号"), max_length=80)
    case_no_norm = models.CharField(_("部门受案号（规范）"), max_length=80, unique=True)
    unified_no = models.CharField(_("统一受案号"), max_length=30, blank=True)
    name = models.CharField(_("案件名称"), max_length=200)
    category = models.CharField(_("案件类别"), max_length=50)
    cause = models.CharField(_("案由/罪名"), max_length=100, blank=True)
    # Composite indexes below start with unit and handler; separate ones would only slow
    # down imports.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    handler = models.ForeignKey(
        Person,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
        db_index=False,
    )
    # The handler's name as exported, kept even when no 工号 identifies the person.
    handler_name = models.CharField(_("承办人姓名"), max_length=50, blank=True)
    accept_date = models.DateField(_("受理日期"), null=True, blank=True)
    filing_date = models.DateField(_("立案日期"), null=True, blank=True)
    close_date = models.DateField(_("办结日期"), null=True, blank=True)
    # 民事诉讼监督: when the party asked the court for a retrial and when the court ruled on it.
    retrial_applied_on = models.DateField(_("向法院申请再审日期"), null=True, blank=True)
    retrial_ruled_on = models.DateField(_("法院再审裁定日期"), null=True, blank=True)
    close_type = models.CharField(_("结案方式"), max_length=30, blank=True)
    status = models.CharField(_("案件状态"), max_length=12, choices=CaseStatus.choices)
    is_self_investigation = models.BooleanField(_("自侦案件"), default=False)
    is_major_bribery = models.BooleanField(_("特别重大贿赂"), default=False)
    # 地域管辖 (R6-01): where the crime was committed, where the investigating organ sits, and
    # whether a 指定管辖 decision gave the case to this unit.
    crime_place = models.CharField(_("犯罪地"), max_length=100, blank=True)
    police_place = models.CharField(_("侦查机关所在地"), max_length=100, blank=True)
    designated = models.BooleanField(_("指定管辖"), default=False)
    supervision = models.CharField(
        _("挂牌督办"),
        max_length=10,
        choices=Supervision.choices,
        blank=True,
        default=Supervision.NONE,
    )
    prior_eval_year = models.PositiveSmallIntegerField(_("已评查年度"), null=True, blank=True)
    prior_eval_tier = models.CharField(
        _("评查层级"), max_length=10, choices=Tier.choices, blank=True
    )
    prior_eval_grade = models.CharField(
        _("评查等次"), max_length=10, choices=Grade.choices, blank=True
    )
    # 工号s of those who reviewed or approved the case (审核、审批), comma-separated.
    reviewers = models.CharField(_("审核审批人工号"), max_length=200, blank=True)
    # 工号s of the prior evaluators, comma-separated, as the export lists them.
    prior_evaluators = models.CharField(_("原评查人工号"), max_length=200, blank=True)
    # Digest of the imported values: equal digest means a re-imported row changes nothing.
    row_hash = models.CharField(max_length=32, blank=True, editable=False)
    updated_at = StampField(_("更新时间"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        ordering = ["-accept_date", "-id"]
        # Every index slows each imported row down; these serve the ledger's order and
        # filters, the year frames of the draws and the handler's own cases. The two rare
        # flags are partial indexes (ignored where a database lacks them).
        indexes = [
            models.Index(fields=["accept_date", "id"], name="cases_case_accept_id"),
            models.Index(fields=["unit", "accept_date"], name="cases_case_unit_accept"),
            models.Index(fields=["close_date", "unit"], name="cases_case_close_unit"),
            # The ledger by 办结日期: with (close_date, unit) alone the open cases (no date,
            # one group) were sorted by id on every view, 0.5 s at 5 M cases.
            models.Index(fields=["close_date", "id"], name="cases_case_close_id"),
            models.Index(fields=["handler", "close_date"], name="cases_case_handler_close"),
            # The evaluated cases newest first: at 5 M cases the accept-date index alone
            # read 1.3 M rows to find a page of them (the 2016 cases have none).
            models.Index(
                fields=["accept_date", "id"],
                name="cases_case_evaluated_accept",
                condition=Q(prior_eval_year__isnull=False),
            ),
            models.Index(
                fields=["supervision"], name="cases_case_supervision", condition=~Q(supervision="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_no} {self.name}"

    @property
    def status_tone(self) -> str:
        """Colour of the status tag in lists: done green, waiting yellow, gone grey."""
        return _STATUS_TONES.get(self.status, "")

    @property
    def reviewer_list(self) -> list[str]:
        return [no for no in self.reviewers.split(",") if no]

    @property
    def prior_evaluator_list(self) -> list[str]:
        return [no for no in self.prior_evaluators.split(",") if no]
