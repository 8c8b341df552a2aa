"""The demo campaign's rectification list in every state, one recurrence, one open complaint.

The self-examination problems and the final evaluation results are on the list already (they
are taken over when recorded or finalized). Here the units work on them through April and May
2016, the office and discipline inspection verify or return, and a complaint about 临江 in May
shows the recording problem closed in April back again (改后又复发).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from guifan.accounts.models import User
from guifan.campaigns.models import Campaign
from guifan.complaints import services as complaints
from guifan.complaints.models import Complaint
from guifan.core import clock
from guifan.rectification import services
from guifan.rectification.models import Item, Source


def _on(month: int, day: int, hour: int = 10):
    return clock.frozen_at(timezone.make_aware(datetime(2016, month, day, hour)))


def _evidence(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% demo evidence\n", content_type="application/pdf")


def _work(item: Item, *, until: str, month: int = 4) -> None:
    """Take one item as far as ``until``: started, submitted, returned, closed or inspected."""
    with _on(month, 1):
        services.item_start(
            item=item,
            by=None,
            measures=item.measures or "逐案核查，建立台账",
            responsible="分管副检察长",
        )
    if until == "started":
        return
    with _on(month, 15):
        services.item_submit(
            item=item,
            by=None,
            outcome="已按整改措施落实：印发制度文件，组织专题学习，逐案核查并建立台账。",
            uploads=[_evidence("整改落实情况报告.pdf")],
        )
    if until == "submitted":
        return
    # Verified by the demo account of the side that closes this category out.
    role = services.verifier_role(item.category)
    verifier = User.objects.filter(username="inspector" if role == "inspection" else "office")
    by = verifier.first()
    with _on(month, 20):
        if until == "returned":
            services.item_return(
                item=item, by=by, reason="只报送了制度文件，未附逐案核查台账，请补充后再报。"
            )
        else:
            services.item_verify(item=item, by=by, comment="经抽查台账和录像，整改到位。")


def ensure_rectification(campaign: Campaign) -> None:
    if Complaint.objects.filter(campaign=campaign, conclusion__gt="").exists():
        return  # worked through on an earlier run
    items = {
        item.problem.description[:8]: item
        for item in Item.objects.filter(campaign=campaign, source=Source.SELF_EXAM).select_related(
            "problem"
        )
    }
    plan = {
        "个别讯问职务犯罪": "closed",  # 临江, 同步录音录像: closed in April…
        "律师阅卷申请未在": "returned",
        "扣押款物未在三日": "submitted",
        "接待来访群众态度": "started",
        # 年底集中结案 stays 未整改
        "内部人员过问案件": "submitted",  # a conduct matter: waits for discipline inspection
        "指定居所监视居住": "started",
        "个别干警接受案件": "closed",  # a conduct matter, closed by discipline inspection
    }
    for key, until in plan.items():
        if key in items:
            _work(items[key], until=until)

    # …and in May a complaint shows it back: 改后又复发.
    recording = items.get("个别讯问职务犯罪")
    if recording is not None:
        with _on(5, 6):
            complaint = complaints.complaint_register(
                by=None,
                unit=recording.unit,
                campaign=campaign,
                received_on=date(2016, 5, 6),
                channel="letter",
                complainant="犯罪嫌疑人家属",
                about="反贪污贿赂局讯问人员",
                content="家属来信反映，5月初讯问时未全程录像，讯问开始半小时后才开机",
            )
            complaints.complaint_assign(complaint=complaint, by=None)
        with _on(5, 20):
            complaints.complaint_conclude(
                complaint=complaint,
                by=None,
                conclusion="substantiated",
                investigation=(
                    "调取讯问录像和笔录核对，录像开始时间晚于笔录记载的讯问开始时间 32 分钟，"
                    "反映属实。"
                ),
                uploads=[_evidence("讯问录像核查说明.pdf")],
                problems=[
                    {
                        "category": recording.category,
                        "description": "整改销号后再次出现讯问未全程同步录音录像",
                        "measures": "技术部门每次讯问前后核对录像起止时间并签字",
                        "responsible": "反贪污贿赂局局长",
                        "deadline": date(2016, 6, 30),
                    }
                ],
            )
    # The complaint behind the rude-reception finding is still being looked into by
    # discipline inspection: the campaign cannot close until it has a conclusion.
    inspector = User.objects.filter(username="inspector").first()
    for complaint in Complaint.objects.filter(campaign=campaign, problem__isnull=False):
        with _on(4, 5):
            complaints.complaint_assign(complaint=complaint, by=None, investigator=inspector)
            complaints.complaint_investigate(
                complaint=complaint,
                by=None,
                investigation="已调阅接待记录，约谈接待人员，正在联系来访人核实。",
            )
