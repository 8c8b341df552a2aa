"""Complaints from the public (群众反映): registered, handed to the unit concerned or to a
discipline inspector, investigated, and closed only with a conclusion and its evidence.

A complaint found 属实 or 部分属实 gives rise to rectification items (guifan.rectification);
until every complaint of a campaign is concluded the campaign cannot close (三个不放过).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.core import clock
from guifan.core.deadlines import Light, light_for
from guifan.core.fields import StampField
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet
from guifan.org.models import Unit


class Channel(models.TextChoices):
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    PHONE = "phone", _("电话")
    ONLINE = "online", _("网络")
    REFERRAL = "referral", _("上级转办")
    OTHER = "other", _("其他")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("已登记")
    ASSIGNED = "assigned", _("调查中")
    CONCLUDED = "concluded", _("已办结")


class Conclusion(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("属实")
    PARTLY = "partly", _("部分属实")
    UNFOUNDED = "unfounded", _("不属实")


# Conclusions that give rise to rectification.
FOUNDED = (Conclusion.SUBSTANTIATED, Conclusion.PARTLY)


class ComplaintQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # Office and inspection: complaints about the units they oversee. A unit's liaison:
        # those handed to the unit to investigate, and those it registered itself while no
        # discipline inspector has them; a complaint with an inspector is never shown to the
        # unit concerned. The inspector: those handed to them.
        visible = Q(unit__in=scope.units_for(Role.OFFICE, Role.INSPECTION))
        liaison = scope.units_for(Role.LIAISON)
        if liaison:
            visible |= Q(unit__in=liaison) & (
                Q(investigator_unit__isnull=False)
                | Q(created_by_id=scope.user_id, investigator__isnull=True)
            )
        if scope.user_id is not None:
            visible |= Q(investigator_id=scope.user_id)
        return visible


class Complaint(models.Model):
    """A complaint from the public (群众反映) about a unit, its people or a case."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("所属活动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("被反映单位"), on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("收到日期"))
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    complainant = models.CharField(_("反映人"), max_length=100, blank=True, help_text=_("可匿名"))
    about = models.CharField(_("被反映人员或案件"), max_length=200, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("涉及案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("被反映人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content = models.TextField(_("反映内容"))
    status = models.CharField(
        _("状态"), max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    problem = models.ForeignKey(
        "campaigns.SelfExamProblem",
        verbose_name=_("关联的自查问题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    # Handed to the unit concerned (its liaison investigates) or to a discipline inspector.
    investigator_unit = models.ForeignKey(
        Unit,
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办纪检人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    reply_deadline = models.DateField(_("办结期限"), null=True, blank=True)
    investigation = models.TextField(_("调查核实情况"), blank=True)
    conclusion = models.CharField(
        _("调查结论"), max_length=14, choices=Conclusion.choices, blank=True
    )
    evidence = models.ManyToManyField(
        "attachments.Attachment", verbose_name=_("证据材料"), blank=True, related_name="+"
    )
    concluded_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = StampField(_("登记时间"), auto_now_add=True)
    # Taken over from the 2015 群众反映 ledger, or from an imported 信访 row answered late.
    baseline = models.OneToOneField(
        "complaints.BaselineComplaint",
        verbose_name=_("2015 年群众反映"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaint",
    )
    case_complaint = models.OneToOneField(
        "cases.CaseComplaint",
        verbose_name=_("导入的信访件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaint",
    )

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("群众反映")
        verbose_name_plural = _("群众反映")
        ordering = ["-received_on", "-id"]
        constraints = [
            # 群众有反映没有查清的不放过: no complaint is closed without a conclusion.
            models.CheckConstraint(
                condition=~Q(status=ComplaintStatus.CONCLUDED) | ~Q(conclusion=""),
                name="complaints_concluded_has_conclusion",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.received_on:%Y-%m-%d} {self.get_channel_display()}"

    @property
    def concluded(self) -> bool:
        return self.status == ComplaintStatus.CONCLUDED

    @property
    def origin(self) -> str:
        """Where a complaint not registered this year came from ("" for the others)."""
        if self.baseline_id is not None:
            return _("2015 遗留（%(ref)s）") % {"ref": self.baseline.ref}
        if self.case_complaint_id is not None:
            return _("导入的信访件（答复超期或未答复）")
        return ""

    @property
    def light(self) -> Light:
        if self.concluded:
            return Light.GREEN
        return light_for(self.reply_deadline, clock.today(), settings.GUIFAN_WARNING_DAYS)


class BaselineComplaint(models.Model):
    """One row of the 2015 群众反映 ledger as imported (2015 年群众反映台账)."""

    ref = models.CharField(_("编号"), max_length=40, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("被反映单位"), on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("收到日期"))
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    complainant = models.CharField(_("反映人"), max_length=100, blank=True)
    case_no = models.CharField(_("部门受案号"), max_length=80, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("涉及案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content = models.TextField(_("反映内容"))
    status = models.CharField(_("办理状态"), max_length=12, choices=ComplaintStatus.choices)
    row_hash = models.CharField(max_length=32, blank=True, editable=False)
    imported_at = StampField(_("导入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("2015 年群众反映")
        verbose_name_plural = _("2015 年群众反映")
        ordering = ["unit__path", "ref"]

    def __str__(self) -> str:
        return f"{self.ref} {self.content[:30]}"
