"""The demo campaign's 整改清单 and 群众反映 on 3月25日: items in every state across the units,
complaints at every step, and one 改后又复发.

The self-examination problems and the final evaluation results are on the list already (they
are taken over when recorded or finalized). Here the units work on them from 3月17日, the
office and discipline inspection verify or return, and a complaint shows a recording problem
closed on 3月21日 back again two days later.
"""

from __future__ import annotations

from datetime import date

from guifan.accounts.models import User
from guifan.campaigns.models import Campaign
from guifan.complaints import services as complaints
from guifan.complaints.models import Complaint
from guifan.demo.campaign import at, evidence
from guifan.rectification import services
from guifan.rectification.models import Item, ItemStatus, Source

# What happens to the n-th self-examination item of the list (cycled).
PLAN = ("started", "submitted", "returned", "closed", "open", "started", "submitted", "open")
RECORDING = "执行办案规范和纪律不严"


def _verifier(item: Item):
    role = services.verifier_role(item.category)
    return User.objects.get(username="inspector" if role == "inspection" else "office")


def _work(item: Item, until: str, day: int) -> None:
    """Take one item as far as ``until``: started, submitted, returned or closed."""
    with at(day, 9):
        services.item_start(
            item=item, by=None, measures=item.measures or "逐案核查，建立台账",
            responsible="分管副检察长",
        )  # fmt: skip
    if until == "started":
        return
    with at(day + 2, 16):
        services.item_submit(
            item=item, by=None, uploads=[evidence("整改落实情况报告.pdf")],
            outcome="已按整改措施落实：印发制度文件，组织专题学习，逐案核查并建立台账。",
        )  # fmt: skip
    if until == "submitted":
        return
    with at(day + 4, 10):
        if until == "returned":
            services.item_return(
                item=item, by=_verifier(item),
                reason="只报送了制度文件，未附逐案核查台账，请补充后再报。",
            )  # fmt: skip
        else:
            services.item_verify(item=item, by=_verifier(item), comment="经抽查台账，整改到位。")


def ensure_rectification(campaign: Campaign) -> None:
    registered = Complaint.objects.filter(baseline__isnull=True, case_complaint__isnull=True)
    if registered.filter(campaign=campaign).exists():
        return  # worked through on an earlier run (the 2015 ones come with the start)
    items = list(
        Item.objects.filter(campaign=campaign, source=Source.SELF_EXAM, status=ItemStatus.OPEN)
        .select_related("unit")
        .order_by("unit__path", "pk")
    )
    recordings = [i for i in items if i.category == RECORDING and "录音录像" in i.description]
    recording = next((i for i in recordings if i.unit.code == "980102"), None)
    if recording is not None:
        items.remove(recording)
        _work(recording, "closed", 17)  # closed on 3月21日 …
    for n, item in enumerate(items):
        if PLAN[n % len(PLAN)] != "open":
            _work(item, PLAN[n % len(PLAN)], 17 + n % 4)
    if recording is not None:
        _recurrence(campaign, recording)
    _complaints(campaign)


def _recurrence(campaign: Campaign, recording: Item) -> None:
    """… and on 3月23日 a family's letter shows it back: 改后又复发."""
    with at(23, 9):
        complaint = complaints.complaint_register(
            by=None, unit=recording.unit, campaign=campaign, received_on=date(2016, 3, 23),
            channel="letter", complainant="犯罪嫌疑人家属", about="反贪污贿赂局讯问人员",
            content="家属来信反映，3月22日讯问时未全程录像，讯问开始半小时后才开机",
        )  # fmt: skip
        complaints.complaint_assign(complaint=complaint, by=None)
    with at(24, 15):
        complaints.complaint_conclude(
            complaint=complaint, by=None, conclusion="substantiated",
            investigation="调取讯问录像和笔录核对，录像开始时间晚于笔录记载的讯问开始时间 32 分钟，"
            "反映属实。",
            uploads=[evidence("讯问录像核查说明.pdf")],
            problems=[{
                "category": recording.category,
                "description": "整改销号后再次出现讯问未全程同步录音录像",
                "measures": "技术部门每次讯问前后核对录像起止时间并签字",
                "responsible": "反贪污贿赂局局长", "deadline": date(2016, 4, 30),
            }],
        )  # fmt: skip


def _complaints(campaign: Campaign) -> None:
    """The public's complaints about other units, one at each step."""
    units = [p.unit for p in campaign.participants.select_related("unit").order_by("unit__path")]
    inspector = User.objects.get(username="inspector")
    rude = campaign.problems.filter(description__contains="态度生硬").select_related("unit").first()
    if rude is not None:  # behind a self-examination problem: with discipline inspection
        with at(17, 11):
            complaint = complaints.complaint_register(
                by=None, unit=rude.unit, campaign=campaign, problem=rude,
                received_on=date(2016, 3, 2), channel="visit", about="控告申诉部门接待人员",
                content="来访反映申诉材料被推诿不收，接待人员态度生硬",
            )  # fmt: skip
        with at(18, 9):
            complaints.complaint_assign(complaint=complaint, by=None, investigator=inspector)
            complaints.complaint_investigate(
                complaint=complaint, by=None,
                investigation="已调阅接待记录，约谈接待人员，正在联系来访人核实。",
            )  # fmt: skip
    stories = (
        ("phone", "反映审查起诉案件久拖不决，两个月未作决定", "公诉部门承办人", "unfounded"),
        ("letter", "反映律师申请阅卷被拖延一周", "案件管理部门", ""),
        ("visit", "要求退还已查明与案件无关的扣押手机", "反贪污贿赂局", None),
    )
    for n, (channel, content, about, conclusion) in enumerate(stories):
        unit = units[(3 * n + 4) % len(units)]
        with at(18 + n, 14):
            complaint = complaints.complaint_register(
                by=None, unit=unit, campaign=campaign, received_on=date(2016, 3, 17 + n),
                channel=channel, about=about, content=content,
            )  # fmt: skip
        if conclusion is None:
            continue  # registered, not yet handed on
        with at(21 + n, 9):
            complaints.complaint_assign(complaint=complaint, by=None)
        if conclusion:
            with at(23, 16):
                complaints.complaint_conclude(
                    complaint=complaint, by=None, conclusion=conclusion,
                    investigation="调阅卷宗和办案期限记录，该案经退回补充侦查后重新计算期限，未超期。",
                    uploads=[evidence("核查情况说明.pdf")], problems=[],
                )  # fmt: skip
