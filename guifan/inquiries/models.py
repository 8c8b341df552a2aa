"""过问案件记录 (the 三个规定 of 2015): who asked about a case, how, and what the handler did;
and the quarterly report (季度报告, 零报告 when there was nothing) every unit files.

RULES-AND-PROCESS.md §4.2 lists the fields, §4.3 the reports. A record is seen by the person
who recorded it, by discipline inspection and the office over its unit, and never by the
person recorded as inquiring, whatever role they hold.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.core import clock
from guifan.core.fields import StampField
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet
from guifan.org.models import Unit


class Stage(models.TextChoices):
    CLUE = "clue", _("线索核查")
    FILING = "filing", _("立案")
    INVESTIGATION = "investigation", _("侦查")
    ARREST = "arrest", _("审查逮捕")
    PROSECUTION = "prosecution", _("审查起诉")
    TRIAL = "trial", _("审判监督")
    EXECUTION = "execution", _("执行")
    OTHER = "other", _("其他")


class Category(models.TextChoices):
    LEADER = "leader", _("领导干部")
    INSIDER = "insider", _("司法机关内部人员")
    PARTY = "party", _("当事人")
    LAWYER = "lawyer", _("律师")
    RELATION = "relation", _("特殊关系人")
    AGENCY = "agency", _("中介组织")
    OTHER = "other", _("其他")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("当面")
    PHONE = "phone", _("电话")
    MESSAGE = "message", _("短信微信")
    WRITING = "writing", _("书面")
    BANQUET = "banquet", _("宴请场合")
    OTHER = "other", _("其他")


class Behaviour(models.TextChoices):
    """The classes of the public 通报 (§4.3: most are 了解案事件进展)."""

    INSIDER = "insider", _("检察机关人员过问")
    PROGRESS = "progress", _("了解案事件进展")
    CONDUCT = "conduct", _("反映检察履职情况")
    SUPERVISION = "supervision", _("依法监督")
    CONTACT = "contact", _("不当接触交往")


class Response(models.TextChoices):
    REFUSED = "refused", _("拒绝")
    PROCEDURE = "procedure", _("告知按程序办理")
    REPORTED = "reported", _("报告")
    OTHER = "other", _("其他")


def inquiry_visibility_q(scope: Scope, prefix: str = "") -> Q:
    """Records the scope may see: its own, and those of the units it oversees; never one
    naming the viewer as the person who inquired."""
    visible = Q(**{f"{prefix}unit__in": scope.units_for(Role.OFFICE, Role.INSPECTION)})
    if scope.person_id is not None:
        visible |= Q(**{f"{prefix}reporter_id": scope.person_id})
        visible &= ~Q(**{f"{prefix}inquirer_person_id": scope.person_id})
    return visible


class InquiryQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        return inquiry_visibility_q(scope)


class InquiryRecord(models.Model):
    """A record of someone asking about or intervening in a case (过问案件记录)."""

    # Keyed like the case's process events (case, 序号), so that imports are idempotent.
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="+"
    )
    seq = models.PositiveIntegerField(_("序号"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(_("所处环节"), max_length=14, choices=Stage.choices)
    reporter = models.ForeignKey(
        "org.Person",
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_on = models.DateField(_("填报日期"), null=True, blank=True)
    inquirer_name = models.CharField(_("过问人姓名"), max_length=50)
    inquirer_unit = models.CharField(_("过问人单位"), max_length=100, blank=True)
    inquirer_position = models.CharField(_("过问人职务"), max_length=50, blank=True)
    inquirer_contact = models.CharField(_("过问人联系方式"), max_length=50, blank=True)
    category = models.CharField(_("过问人类别"), max_length=10, choices=Category.choices)
    # The inquirer, when they are staff the system knows: they never see the record.
    inquirer_person = models.ForeignKey(
        "org.Person",
        verbose_name=_("过问人（本系统人员）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    via = models.CharField(_("转达人"), max_length=100, blank=True)
    occurred_on = models.DateField(_("过问日期"))
    channel = models.CharField(_("过问方式"), max_length=10, choices=Channel.choices)
    content = models.TextField(_("过问内容"))
    behaviour = models.CharField(_("行为类型"), max_length=12, choices=Behaviour.choices)
    response = models.CharField(_("处理情况"), max_length=10, choices=Response.choices)
    response_note = models.TextField(_("处理说明"), blank=True)
    materials = models.TextField(_("留存材料"), blank=True)
    improper = models.BooleanField(_("属违规干预"), default=False)
    affected_case = models.BooleanField(_("已影响案件正常办理"), default=False)
    # 立即报告: discipline inspection takes a record that affected the case in hand.
    received_at = models.DateTimeField(_("纪检接收时间"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_note = models.TextField(_("纪检处理意见"), blank=True)
    # 通报: an improper intervention made known, with the text the office issued.
    notified_at = models.DateTimeField(_("通报时间"), null=True, blank=True)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notice = models.TextField(_("通报内容"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = StampField(_("登记时间"), auto_now_add=True, null=True)
    row_hash = models.CharField(max_length=32, blank=True, editable=False)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("过问案件记录")
        verbose_name_plural = _("过问案件记录")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "seq"], name="inquiries_record_case_seq")
        ]
        indexes = [models.Index(fields=["unit", "occurred_on"], name="inquiries_unit_date")]

    def __str__(self) -> str:
        return f"{self.inquirer_name} {self.occurred_on:%Y-%m-%d} {self.get_behaviour_display()}"

    @property
    def needs_immediate_report(self) -> bool:
        return self.affected_case and self.received_at is None


class ReportQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        return Q(unit__in=scope.units_for(Role.OFFICE, Role.INSPECTION, Role.LIAISON))


class QuarterlyReport(models.Model):
    """A unit's quarterly report of inquiries (过问案件季度报告; 零报告 when none)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    deadline = models.DateField(_("报送期限"))
    total = models.PositiveIntegerField(_("登记件数"))
    is_zero = models.BooleanField(_("零报告"), default=False)
    # {"category": {code: n}, "behaviour": {code: n}, "improper": n, "affected": n}
    counts = models.JSONField(_("分类统计"), default=dict)
    note = models.TextField(_("情况说明"), blank=True)
    filed_at = StampField(_("报送时间"), auto_now_add=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("过问案件季度报告")
        verbose_name_plural = _("过问案件季度报告")
        ordering = ["-year", "-quarter", "unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter"], name="inquiries_report_unit_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="inquiries_report_quarter"
            ),
            # A zero report says so explicitly and counts nothing.
            models.CheckConstraint(
                condition=Q(is_zero=False) | Q(total=0), name="inquiries_report_zero_is_zero"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.year}年第{self.quarter}季度"

    @property
    def late(self) -> bool:
        return clock.localdate(self.filed_at) > self.deadline

    def _text(self, key: str, choices) -> str:
        counted = self.counts.get(key) or {}
        return "、".join(f"{label} {counted[code]}" for code, label in choices if counted.get(code))

    @property
    def category_text(self) -> str:
        return self._text("category", Category.choices)

    @property
    def behaviour_text(self) -> str:
        return self._text("behaviour", Behaviour.choices)
