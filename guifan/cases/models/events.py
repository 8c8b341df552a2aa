"""Process events of a case (办案过程数据) that the automated checks read (RULES §3.1).

Each event row belongs to one case and has a sequence number (序号) within it, so that a
re-imported file updates the same rows instead of adding copies.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guifan.cases.models.case import Case, case_visibility_q
from guifan.core.scoping import Scope, ScopedQuerySet


class EventQuerySet(ScopedQuerySet):
    def scope_q(self, scope: Scope) -> Q:
        return case_visibility_q(scope, prefix="case__")


class CaseEvent(models.Model):
    """Shared columns of every event table."""

    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="+"
    )
    seq = models.PositiveIntegerField(_("序号"))
    row_hash = models.CharField(max_length=32, blank=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["case", "seq"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.seq}"


def unique_per_case(name: str) -> list[models.UniqueConstraint]:
    return [models.UniqueConstraint(fields=["case", "seq"], name=f"cases_{name}_case_seq")]


class MeasureKind(models.TextChoices):
    SUMMONS = "summons", _("拘传")
    BAIL = "bail", _("取保候审")
    SURVEILLANCE = "surveillance", _("监视居住")
    RSDL = "rsdl", _("指定居所监视居住")
    DETENTION = "detention", _("拘留")
    ARREST = "arrest", _("逮捕")


class PlaceType(models.TextChoices):
    DETENTION_CENTRE = "detention_centre", _("看守所")
    CUSTODY = "custody", _("拘留所")
    PRISON = "prison", _("监狱")
    HOLDING_ROOM = "holding_room", _("留置室")
    INTERROGATION_ROOM = "interrogation_room", _("讯问室")
    OFFICE = "office", _("办公区")
    DESIGNATED = "designated", _("指定居所")
    RESIDENCE = "residence", _("住处")
    OTHER = "other", _("其他")


class LawyerRequestKind(models.TextChoices):
    MEETING = "meeting", _("会见许可")
    FILE_REVIEW = "file_review", _("阅卷")
    OBTAIN_EVIDENCE = "obtain_evidence", _("申请调取证据")
    COLLECT_EVIDENCE = "collect_evidence", _("申请收集证据")
    VICTIM_EVIDENCE = "victim_evidence", _("向被害方取证许可")
    CHANGE_MEASURE = "change_measure", _("变更强制措施")
    BE_HEARD = "be_heard", _("听取意见")
    COMPLAINT = "complaint", _("申诉控告")
    LEGAL_AID = "legal_aid", _("法律援助")


class Suspect(CaseEvent):
    """A suspect (犯罪嫌疑人) of a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspects")
    name = models.CharField(_("姓名"), max_length=50)
    id_no = models.CharField(_("身份证号"), max_length=18, blank=True)
    in_custody = models.BooleanField(_("在押"), default=False)
    blind_deaf_mute = models.BooleanField(_("盲聋哑"), default=False)
    mental_illness_partial = models.BooleanField(_("限制行为能力精神病人"), default=False)
    possible_life_or_death = models.BooleanField(_("可能判处无期徒刑、死刑"), default=False)
    has_fixed_residence = models.BooleanField(_("有固定住处"), default=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("犯罪嫌疑人")
        verbose_name_plural = _("犯罪嫌疑人")
        constraints = unique_per_case("suspect")
        # The cross-case checks (R5-03, R5-04) group and look up suspects by 身份证号.
        indexes = [models.Index(fields=["id_no"], name="cases_suspect_id_no")]


class CoerciveMeasure(CaseEvent):
    """A coercive measure (强制措施) taken against a suspect."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures")
    suspect_seq = models.PositiveIntegerField(_("嫌疑人序号"), null=True, blank=True)
    kind = models.CharField(_("措施类型"), max_length=14, choices=MeasureKind.choices)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    executed_at = models.DateTimeField(_("执行时间"), null=True, blank=True)
    ended_at = models.DateTimeField(_("解除/变更时间"), null=True, blank=True)
    approved_by_upper = models.BooleanField(_("经上一级院批准"), default=False)
    place_type = models.CharField(
        _("执行场所"), max_length=20, choices=PlaceType.choices, blank=True
    )
    family_notified_at = models.DateTimeField(_("通知家属时间"), null=True, blank=True)
    # Dates of the necessity reviews (必要性审查), ISO dates separated by ";".
    necessity_reviews = models.CharField(_("必要性审查日期"), max_length=400, blank=True)
    fee_charged = models.BooleanField(_("收取费用"), default=False)

    class Meta(CaseEvent.Meta):
        verbose_name = _("强制措施")
        verbose_name_plural = _("强制措施")
        constraints = unique_per_case("measure")


class Interrogation(CaseEvent):
    """An interrogation (讯问) with its audio-video recording (同步录音录像)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interrogations")
    suspect_seq = models.PositiveIntegerField(_("嫌疑人序号"), null=True, blank=True)
    start_at = models.DateTimeField(_("开始时间"))
    end_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    location_type = models.CharField(
        _("讯问地点"), max_length=20, choices=PlaceType.choices, blank=True
    )
    # 工号s of the interrogators, separated by ";".
    interrogators = models.CharField(_("讯问人工号"), max_length=200, blank=True)
    av_recorded = models.BooleanField(_("同步录音录像"), default=False)
    av_start_at = models.DateTimeField(_("录像开始"), null=True, blank=True)
    av_end_at = models.DateTimeField(_("录像结束"), null=True, blank=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("讯问")
        verbose_name_plural = _("讯问")
        constraints = unique_per_case("interrogation")


class AvInterruption(CaseEvent):
    """A break in an interrogation's recording (录像中断)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="av_interruptions")
    interrogation_seq = models.PositiveIntegerField(_("讯问序号"))
    start_at = models.DateTimeField(_("中断开始"))
    end_at = models.DateTimeField(_("中断结束"), null=True, blank=True)
    approved_by_chief = models.BooleanField(_("经检察长批准"), default=False)
    noted_in_transcript = models.BooleanField(_("笔录中注明"), default=False)

    class Meta(CaseEvent.Meta):
        verbose_name = _("录像中断")
        verbose_name_plural = _("录像中断")
        constraints = unique_per_case("avbreak")


class LawyerRequest(CaseEvent):
    """A defence lawyer's request (律师申请) and how it was answered."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="lawyer_requests")
    kind = models.CharField(_("申请类型"), max_length=20, choices=LawyerRequestKind.choices)
    lawyer_name = models.CharField(_("律师"), max_length=50, blank=True)
    submitted_at = models.DateTimeField(_("提出时间"))
    responded_at = models.DateTimeField(_("答复/安排时间"), null=True, blank=True)
    result = models.CharField(_("处理结果"), max_length=30, blank=True)
    written_reason = models.TextField(_("书面理由"), blank=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("律师申请")
        verbose_name_plural = _("律师申请")
        constraints = unique_per_case("lawyerreq")
        # The cross-case check R8-02 groups requests by lawyer.
        indexes = [models.Index(fields=["lawyer_name"], name="cases_lawyerreq_lawyer")]


class OpinionHeard(CaseEvent):
    """Hearing the opinion (听取意见) of a lawyer, victim or suspect."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="opinions")
    heard_at = models.DateTimeField(_("听取时间"), null=True, blank=True)
    heard_party = models.CharField(_("听取对象"), max_length=20)
    written_opinion_received = models.BooleanField(_("收到书面意见"), default=False)
    attached_to_file = models.BooleanField(_("已附卷"), default=False)

    class Meta(CaseEvent.Meta):
        verbose_name = _("听取意见")
        verbose_name_plural = _("听取意见")
        constraints = unique_per_case("opinion")


class EnterpriseAsset(models.TextChoices):
    """What of an enterprise was seized (R6-05: 尽量不影响单位正常经营)."""

    NONE = "", _("否")
    BASIC_ACCOUNT = "basic_account", _("企业基本户")
    EQUIPMENT = "equipment", _("生产设备")


class SeizedProperty(CaseEvent):
    """Property seized, frozen or impounded (查封扣押冻结的涉案财物)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="properties")
    description = models.CharField(_("财物名称"), max_length=200)
    seized_at = models.DateTimeField(_("扣押时间"), null=True, blank=True)
    list_signed_by_holder = models.BooleanField(_("清单经持有人签名"), default=False)
    handed_to_custody_at = models.DateTimeField(_("移交保管时间"), null=True, blank=True)
    found_unrelated_at = models.DateTimeField(_("查明无关时间"), null=True, blank=True)
    released_at = models.DateTimeField(_("解除/退还时间"), null=True, blank=True)
    disposed_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    disposal_type = models.CharField(_("处理方式"), max_length=30, blank=True)
    approved_by_chief = models.BooleanField(_("经检察长批准"), default=False)
    enterprise_asset = models.CharField(
        _("涉企财物"), max_length=14, choices=EnterpriseAsset.choices, blank=True, default=""
    )

    class Meta(CaseEvent.Meta):
        verbose_name = _("涉案财物")
        verbose_name_plural = _("涉案财物")
        constraints = unique_per_case("property")


class CaseDocument(CaseEvent):
    """A legal document (法律文书) issued in the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    doc_type = models.CharField(_("文书类型"), max_length=50)
    doc_no = models.CharField(_("文书号"), max_length=80, blank=True)
    sign_date = models.DateField(_("落款日期"), null=True, blank=True)
    generated_at = models.DateTimeField(_("系统生成时间"), null=True, blank=True)
    served_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    # What the document states, where the export carries it, compared with the case card (R5-01).
    stated_accept_date = models.DateField(_("文书载明受理日期"), null=True, blank=True)
    stated_close_date = models.DateField(_("文书载明结案日期"), null=True, blank=True)
    stated_cause = models.CharField(_("文书载明罪名"), max_length=100, blank=True)
    stated_conclusion = models.CharField(_("文书载明结论"), max_length=50, blank=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("法律文书")
        verbose_name_plural = _("法律文书")
        constraints = unique_per_case("document")


class CaseComplaint(CaseEvent):
    """A letter or visit (信访/投诉) about the case and how fast it was answered."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="complaints")
    received_at = models.DateTimeField(_("收到时间"))
    procedural_reply_at = models.DateTimeField(_("程序性回复时间"), null=True, blank=True)
    result_reply_at = models.DateTimeField(_("答复结果时间"), null=True, blank=True)
    topic = models.CharField(_("事项"), max_length=100, blank=True)

    class Meta(CaseEvent.Meta):
        verbose_name = _("信访投诉")
        verbose_name_plural = _("信访投诉")
        constraints = unique_per_case("complaint")
