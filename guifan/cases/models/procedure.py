"""Procedural steps of a case that move its periods (RULES-AND-PROCESS.md §3.4–3.6, §6.3):
extensions (延长), returns for supplementary investigation (退回补充侦查), notices (告知),
transfers and reports (移送/报请/备案) and the court's judgments (判决)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guifan.cases.models.case import Case, Grade
from guifan.cases.models.events import CaseEvent, unique_per_case


class ExtensionKind(models.TextChoices):
    PROSECUTION_REVIEW = "prosecution_review", _("延长审查起诉")
    INVESTIGATION_CUSTODY = "investigation_custody", _("延长侦查羁押")
    DETENTION = "detention", _("延长拘留")
    ARREST_REVIEW = "arrest_review", _("延长审查逮捕")


class Approver(models.TextChoices):
    """Who approved an extension (批准人职务)."""

    CHIEF = "chief", _("检察长")
    UPPER = "upper", _("上一级院")
    PROVINCE = "province", _("省级院")
    OTHER = "other", _("其他")


class NoticeParty(models.TextChoices):
    SUSPECT = "suspect", _("犯罪嫌疑人")
    VICTIM = "victim", _("被害人")
    DEFENDER = "defender", _("辩护人")


class TransferKind(models.TextChoices):
    PROSECUTION = "prosecution", _("移送审查起诉")
    ARREST_REPORT = "arrest_report", _("报请逮捕")
    FILING_RECORD = "filing_record", _("立案备案")
    JURISDICTION = "jurisdiction", _("移送管辖")


class JudgmentResult(models.TextChoices):
    GUILTY = "guilty", _("有罪")
    ACQUITTED = "acquitted", _("无罪")
    CHARGE_CHANGED = "charge_changed", _("改变罪名")
    WITHDRAWN = "withdrawn", _("撤回起诉")
    UPHELD = "upheld", _("维持原判")
    AMENDED = "amended", _("改判")
    REMANDED = "remanded", _("发回重审")


class TrialLevel(models.TextChoices):
    FIRST = "first", _("一审")
    SECOND = "second", _("二审")
    RETRIAL = "retrial", _("再审")


class Extension(CaseEvent):
    """An extension of a period (延长期限) and who approved it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    kind = models.CharField(_("延长类型"), max_length=24, choices=ExtensionKind.choices)
    approver = models.CharField(_("批准人职务"), max_length=10, choices=Approver.choices)
    approved_on = models.DateField(_("批准日期"))
    days = models.PositiveIntegerField(_("延长天数"), null=True, blank=True)
    months = models.PositiveIntegerField(_("延长月数"), null=True, blank=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("延长期限")
        verbose_name_plural = _("延长期限")
        constraints = unique_per_case("extension")


class SupplementaryInvestigation(CaseEvent):
    """A return for supplementary investigation (退回补充侦查) and the case's coming back."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="returns")
    returned_on = models.DateField(_("退回日期"))
    resubmitted_on = models.DateField(_("重新移送日期"), null=True, blank=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("退回补充侦查")
        verbose_name_plural = _("退回补充侦查")
        constraints = unique_per_case("return")


class Notice(CaseEvent):
    """A notice of rights or decisions (告知) to a suspect, victim or defender."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    party = models.CharField(_("告知对象"), max_length=10, choices=NoticeParty.choices)
    matter = models.CharField(_("告知事项"), max_length=100)
    notified_at = models.DateTimeField(_("告知时间"))

    class Meta(CaseEvent.Meta):
        verbose_name = _("告知")
        verbose_name_plural = _("告知")
        constraints = unique_per_case("notice")


class Transfer(CaseEvent):
    """A transfer, report or record sent on (移送/报请/备案), with the recordings it carried."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField(_("移送类型"), max_length=16, choices=TransferKind.choices)
    transferred_at = models.DateTimeField(_("移送时间"))
    with_recordings = models.BooleanField(_("随案移送录像"), default=False)

    class Meta(CaseEvent.Meta):
        verbose_name = _("移送")
        verbose_name_plural = _("移送")
        constraints = unique_per_case("transfer")


class Judgment(CaseEvent):
    """The court's judgment (判决) in a case prosecuted or supported by the procuratorate."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="judgments")
    level = models.CharField(_("审级"), max_length=8, choices=TrialLevel.choices)
    judged_on = models.DateField(_("判决日期"))
    result = models.CharField(_("判决结果"), max_length=16, choices=JudgmentResult.choices)

    class Meta(CaseEvent.Meta):
        verbose_name = _("判决")
        verbose_name_plural = _("判决")
        constraints = unique_per_case("judgment")


class FlagKind(models.TextChoices):
    """What marks a case for 重点评查 that the case data itself does not show (§1.3)."""

    COMPENSATION = "compensation", _("引发国家赔偿")
    REFERRAL = "referral", _("上级院或政法委交办、转办")
    DISCIPLINE = "discipline", _("检察人员违纪违法被查处或被举报")
    INTERVENTION = "intervention", _("有过问干预登记")
    MEDIA = "media", _("社会影响大、媒体关注")
    EXECUTION = "execution", _("减刑、假释、暂予监外执行监督")


class CaseFlag(CaseEvent):
    """A mark on a case (选案标记) from another register: 赔偿, 交办, 纪检, 过问, 舆情, 刑事执行."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(_("标记类型"), max_length=12, choices=FlagKind.choices)
    flagged_on = models.DateField(_("标记日期"))
    source = models.CharField(_("依据"), max_length=100, blank=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("选案标记")
        verbose_name_plural = _("选案标记")
        constraints = unique_per_case("flag")


class OriginalEvaluation(CaseEvent):
    """The case's earlier evaluation (原评查, the 2015 评查): who evaluated it, the grade,
    the problems found and how they were rectified, as imported for a re-check (复查)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="original_evaluations")
    year = models.PositiveSmallIntegerField(_("评查年度"))
    evaluating_unit = models.CharField(_("评查单位"), max_length=100)
    grade = models.CharField(_("评查等次"), max_length=10, choices=Grade.choices)
    problems = models.TextField(_("发现的问题"), blank=True)
    rectification = models.TextField(_("整改情况"), blank=True)
    evaluators = models.CharField(_("原评查人工号"), max_length=200, blank=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("原评查结果")
        verbose_name_plural = _("原评查结果")
        constraints = unique_per_case("original_evaluation")
