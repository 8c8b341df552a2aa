"""Draw rules, draws through the commit-reveal ceremony, and what they selected."""

from __future__ import annotations

import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.campaigns.models import Campaign
from guifan.cases.models import Case
from guifan.core.roles import Role
from guifan.core.scoping import Scope, ScopedQuerySet
from guifan.draws import protocol
from guifan.org.models import BusinessLine, Person


class DrawKind(models.TextChoices):
    CASES = "cases", _("抽取案件")
    EVALUATORS = "evaluators", _("抽选评查人员")


class Population(models.TextChoices):
    """What a rule's filter selects from (its population)."""

    EVALUATED = "evaluated", _("当年已评查案件")
    CLOSED = "closed", _("当年办结案件")
    SUPERVISED = "supervised", _("挂牌督办案件")
    POOL = "pool", _("评查人才库")
    # 重点评查的必查情形 (RULES-AND-PROCESS.md §1.3), each within the rule's year
    # (draws.presets says how each is read from the case data).
    K01 = "k01", _("K01 法院判决无罪")
    K02 = "k02", _("K02 撤回起诉")
    K03 = "k03", _("K03 不批准逮捕、不起诉")
    K04 = "k04", _("K04 自侦案件撤销案件")
    K05 = "k05", _("K05 改变罪名、改判、发回重审")
    K06 = "k06", _("K06 引发国家赔偿")
    K07 = "k07", _("K07 涉法涉诉信访")
    K08 = "k08", _("K08 督办、交办、转办")
    K09 = "k09", _("K09 违纪违法、被举报或有过问干预登记")
    K10 = "k10", _("K10 社会影响大、媒体关注")
    K11 = "k11", _("K11 减刑、假释、暂予监外执行监督")


# 重点评查: every case of these is drawn (ratio 1) and evaluated by two.
KEY_POPULATIONS = frozenset({Population.SUPERVISED, Population.K09})


class Stratify(models.TextChoices):
    UNIT = "unit", _("按承办单位")
    LINE = "line", _("按业务条线")


class DrawRuleQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        # Draws are run and watched by the issuing unit's office and discipline inspection;
        # the frame lists every unit's cases, so nobody else sees a rule or a draw.
        return Q(campaign__issuing_unit__in=scope.units_for(Role.OFFICE, Role.INSPECTION))


class DrawRule(models.Model):
    """A selection rule of a campaign (抽取规则): population filter, strata, ratio or count."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="draw_rules")
    code = models.SlugField(_("规则代码"), max_length=30)
    name = models.CharField(_("规则名称"), max_length=50)
    kind = models.CharField(_("类型"), max_length=12, choices=DrawKind.choices)
    population = models.CharField(_("抽取范围"), max_length=12, choices=Population.choices)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    # Evaluated cases: the tiers whose evaluation counts; supervised cases: the tiers whose
    # supervision counts. Comma-separated Tier values.
    tiers = models.CharField(_("层级"), max_length=40, blank=True)
    exclude_evaluated = models.BooleanField(_("排除当年已评查案件"), default=True)
    stratify = models.CharField(_("分层"), max_length=8, choices=Stratify.choices)
    ratio = models.CharField(_("抽取比例"), max_length=10, blank=True)
    count = models.PositiveIntegerField(_("每层抽取人数"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # Conditions over case attributes and process records, all to be met (draws.conditions).
    conditions = models.JSONField(_("抽取条件"), default=list, blank=True)

    objects = DrawRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽取规则")
        verbose_name_plural = _("抽取规则")
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="draws_rule_unique_code"),
            models.CheckConstraint(
                condition=(Q(ratio="") & Q(count__isnull=False))
                | (~Q(ratio="") & Q(count__isnull=True)),
                name="draws_rule_ratio_or_count",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from guifan.draws.conditions import clean_conditions

        self.conditions = clean_conditions(self.conditions)
        if self.conditions and self.kind != DrawKind.CASES:
            raise ValidationError(_("抽选评查人员的规则不能附加案件条件。"))

    @property
    def tier_list(self) -> list[str]:
        return [tier for tier in self.tiers.split(",") if tier]

    @property
    def amount(self) -> str:
        if self.ratio:
            return f"{protocol.parse_ratio(self.ratio) * 100:g}%"
        return _("每层 %(n)s 人") % {"n": self.count}


class DrawStatus(models.TextChoices):
    COMMITTING = "committing", _("提交承诺值")
    REVEALING = "revealing", _("揭示密钥")
    DONE = "done", _("已完成")
    SUPERSEDED = "superseded", _("已作废（已重抽）")


LIVE_STATUSES = (DrawStatus.COMMITTING, DrawStatus.REVEALING, DrawStatus.DONE)


class DrawQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        return Q(rule__in=DrawRule.objects.visible_to_scope(scope))


class Draw(models.Model):
    """One draw (一次抽取) of a rule: frozen frame, commitments, reveals, seed and result.

    The rule's parameters are copied in when the frame is frozen: the record stays what it
    was even if the rule is edited for a later campaign.
    """

    rule = models.ForeignKey(DrawRule, on_delete=models.PROTECT, related_name="draws")
    attempt = models.PositiveSmallIntegerField(_("第几次"), default=1)
    status = models.CharField(
        _("状态"), max_length=12, choices=DrawStatus.choices, default=DrawStatus.COMMITTING
    )
    rule_code = models.CharField(_("规则代码"), max_length=30)
    filter_text = models.CharField(_("抽取范围"), max_length=600)
    conditions = models.JSONField(_("抽取条件"), default=list, blank=True)
    ratio = models.CharField(_("抽取比例"), max_length=10, blank=True)
    count = models.PositiveIntegerField(_("每层数量"), null=True, blank=True)
    frame_size = models.PositiveIntegerField(_("抽样框大小"))
    frame_hash = models.CharField(_("抽样框哈希"), max_length=64)
    strata = models.JSONField(_("各层数量"), default=dict)
    public_source = models.CharField(
        _("公开随机值来源"),
        max_length=200,
        blank=True,
        help_text=_("事先公布，如“2016年3月15日福彩3D开奖号码”；留空则不使用公开随机值"),
    )
    public_value = models.CharField(_("公开随机值"), max_length=200, blank=True)
    seed = models.CharField(_("随机种子"), max_length=64, blank=True)
    selected_count = models.PositiveIntegerField(_("抽中数量"), null=True, blank=True)
    result_hash = models.CharField(_("结果哈希"), max_length=64, blank=True)
    redo_reason = models.TextField(_("重抽原因"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("取代的抽取"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    frozen_at = models.DateTimeField(_("冻结时间"))
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)

    objects = DrawQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽取")
        verbose_name_plural = _("抽取")
        ordering = ["rule__campaign", "rule__position", "attempt"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "attempt"], name="draws_draw_unique_attempt")
        ]

    def __str__(self) -> str:
        return f"{self.rule.name}（第{self.attempt}次）"

    @property
    def campaign(self) -> Campaign:
        return self.rule.campaign

    @property
    def kind(self) -> str:
        return self.rule.kind

    @property
    def needs_public_value(self) -> bool:
        return bool(self.public_source) and not self.public_value


class DrawFrame(models.Model):
    """The frozen frame's canonical text, compressed; read back only through its hash check."""

    draw = models.OneToOneField(Draw, primary_key=True, on_delete=models.CASCADE)
    text_gz = models.BinaryField()

    def __str__(self) -> str:
        return f"frame of draw {self.draw_id}"

    @classmethod
    def pack(cls, draw: Draw, text: str) -> DrawFrame:
        return cls(draw=draw, text_gz=zlib.compress(text.encode("utf-8"), 6))

    def text(self) -> str:
        text = zlib.decompress(bytes(self.text_gz)).decode("utf-8")
        if protocol.sha256_hex(text) != self.draw.frame_hash:
            raise ValueError(f"stored frame of draw {self.draw_id} does not match its hash")
        return text


class Commitment(models.Model):
    """A party's commitment (承诺值) to its secret, and the secret once revealed."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="commitments")
    position = models.PositiveSmallIntegerField(_("顺序"))
    party = models.CharField(_("参与方"), max_length=100)
    role = models.CharField(_("身份"), max_length=12, choices=Role.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    commitment = models.CharField(_("承诺值"), max_length=64)
    committed_at = models.DateTimeField(_("承诺时间"))
    secret = models.CharField(_("密钥"), max_length=200, blank=True)
    revealed_at = models.DateTimeField(_("揭示时间"), null=True, blank=True)

    class Meta:
        ordering = ["draw", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "position"], name="draws_commit_unique_pos"),
            models.UniqueConstraint(fields=["draw", "user"], name="draws_commit_unique_user"),
        ]

    def __str__(self) -> str:
        return self.party


class Selection(models.Model):
    """One member the draw selected: a case (by 部门受案号) or a person (by 工号)."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="selections")
    stratum = models.CharField(_("层"), max_length=40)
    member_id = models.CharField(_("编号"), max_length=80)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="selections"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="selections"
    )

    class Meta:
        ordering = ["draw", "stratum", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "member_id"], name="draws_selection_unique")
        ]

    def __str__(self) -> str:
        return self.member_id


class ManualPick(models.Model):
    """A person from outside the pool added by hand to an evaluator draw (选调库外人员)."""

    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="manual_picks")
    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.PROTECT)
    line = models.CharField(_("条线"), max_length=12, choices=BusinessLine.choices)
    reason = models.CharField(_("选调理由"), max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("添加时间"))

    class Meta:
        ordering = ["draw", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "person"], name="draws_manual_unique")
        ]

    def __str__(self) -> str:
        return str(self.person)


class DrawEvent(models.Model):
    """Who did what when in a draw's ceremony; published in the bundle as ``events``."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    who = models.CharField(max_length=100)
    what = models.CharField(max_length=300)

    class Meta:
        ordering = ["draw", "at", "id"]

    def __str__(self) -> str:
        return self.what
