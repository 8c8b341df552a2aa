"""The seed's 2016 look-back campaign as the demo shows it on its date, 3月25日: started on
3月14日, drawn on 3月15日, evaluators at work, every unit's self-examination and plans
recorded, some units reported, rectification under way.

Every step goes through the services a user would call, on the day it happened (the clock is
held at that moment), so the journal tells the same story as the pages. Nothing here is
dated after the evening before the world's date.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from guifan.accounts.models import User
from guifan.campaigns import plans as plan_services
from guifan.campaigns import reports
from guifan.campaigns import services as campaigns
from guifan.campaigns.models import Campaign, PlanStatus, UnitTask
from guifan.core import clock
from guifan.demo import texts
from guifan.org.models import Unit

CITY_CODE = "980100"
LINJIANG = "980102"  # the demo liaison's unit


def at(day: int, hour: int = 10, minutes: int = 0, month: int = 3):
    """The clock held at a moment of the campaign (March 2016 unless said)."""
    moment = datetime(2016, month, day, hour) + timedelta(minutes=minutes)
    return clock.frozen_at(timezone.make_aware(moment))


def evidence(name: str) -> SimpleUploadedFile:
    """A small PDF standing for a scanned document."""
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def create_and_start() -> Campaign:
    city = Unit.objects.get(code=CITY_CODE)
    with at(10):
        campaign = campaigns.campaign_create_from_template(
            template="look_back", year=2016, issuing_unit=city
        )
    with at(14, 9):
        campaigns.campaign_start(campaign=campaign)
    return campaign


def participants(campaign: Campaign) -> list[Unit]:
    rows = campaign.participants.select_related("unit").order_by("unit__path")
    return [p.unit for p in rows]


def record_self_examination(campaign: Campaign, seed: int) -> None:
    """Each unit's 查遗补缺: one problem under every heading at least, a few more where the
    unit found them, recorded 3月16日–22日."""
    headings = {i.label: i for i in campaign.checklist.filter(kind="heading")}
    categories = list(campaign.checklist.filter(kind="category").order_by("position"))
    rng = random.Random(f"{seed}:self-exam")
    for index, unit in enumerate(participants(campaign)):
        chosen = []
        for heading in headings:
            options = [p for p in texts.SELF_EXAM if p[0] == heading]
            if unit.code == LINJIANG and heading == "制度执行":
                options = [p for p in options if "同步录音录像" in p[2]]  # back in a complaint
            chosen.append(rng.choice(options))
        extra = [p for p in texts.SELF_EXAM if p not in chosen]
        chosen += rng.sample(extra, rng.randint(0, 2))
        departments = {d.line: d.name for d in unit.departments.all()}
        for n, (heading, category, text, line, measure) in enumerate(chosen):
            with at(16 + (index + n) % 7, 9 + n, 7 * index % 50):
                campaigns.problem_record(
                    campaign=campaign, unit=unit, by=None, heading=headings[heading],
                    category=categories[category], description=text,
                    responsible=departments.get(line, ""), measure=measure,
                    deadline=date(2016, 5, 31),
                )  # fmt: skip


def register_plans(campaign: Campaign, seed: int) -> None:
    """Each unit's 制度创新: one to three plans; some issued with the document and reported,
    some kept for research because the practice is not ripe (every state is shown)."""
    areas = {i.label: i for i in campaign.checklist.filter(kind="area")}
    rng = random.Random(f"{seed}:plans")
    states = (PlanStatus.PLANNED, PlanStatus.ISSUED, PlanStatus.REPORTED, PlanStatus.RESEARCH)
    for index, unit in enumerate(participants(campaign)):
        departments = {d.line: d.name for d in unit.departments.all()}
        for n, (area, title, summary, line) in enumerate(
            rng.sample(texts.PLANS, rng.randint(1, 3))
        ):
            with at(16 + index % 5, 15, n * 10):
                plan = plan_services.plan_create(
                    campaign=campaign, unit=unit, by=None, area=areas[area],
                    title=f"{unit.short_name}检察院{title}", summary=summary,
                    owner=departments.get(line, "办公室"), planned_date=date(2016, 6, 30),
                )  # fmt: skip
            _advance(plan, states[(index + n) % len(states)], index)


def _advance(plan, target: str, index: int) -> None:
    if target == PlanStatus.RESEARCH:
        with at(21, 11):
            plan_services.plan_move(
                plan=plan, to=PlanStatus.RESEARCH, by=None,
                findings="走访两个基层院和市院相关部门，现有做法差异较大，待上级院出台规范后再定。",
            )  # fmt: skip
        return
    if target in (PlanStatus.ISSUED, PlanStatus.REPORTED):
        with at(18 + index % 4, 14):
            plan_services.plan_move(
                plan=plan, to=PlanStatus.ISSUED, by=None, upload=evidence(f"{plan.title}.pdf")
            )
    if target == PlanStatus.REPORTED:
        with at(22 + index % 2, 10):
            plan_services.plan_move(plan=plan, to=PlanStatus.REPORTED, by=None)


def submit_tracks(campaign: Campaign) -> None:
    """What units have reported by 3月24日: self-examination where problems were recorded,
    制度创新 where a plan was reported or kept for research; nobody has finished evaluating."""
    tasks = UnitTask.objects.filter(track__campaign=campaign, department__isnull=True)
    tasks = tasks.select_related("track", "unit").order_by("unit__path", "track__position")
    for index, task in enumerate(tasks):
        kind = task.track.kind
        if kind == "self_exam" and index % 5 != 3:
            with at(22 + index % 3, 16):
                campaigns.task_submit(task=task)
        elif (
            kind == "mechanism"
            and campaign.plans.filter(
                unit=task.unit, status__in=(PlanStatus.REPORTED, PlanStatus.RESEARCH)
            ).exists()
        ):
            with at(23, 17):
                campaigns.task_submit(task=task)
    _review(campaign)


NORMS = (
    ("spp", "高检发〔2015〕6号", date(2015, 3, 6), "人民检察院刑事诉讼涉案财物管理规定"),
    (
        "province",
        "省检发〔2015〕21号",
        date(2015, 9, 18),
        "关于进一步规范指定居所监视居住适用的意见",
    ),
)


def register_norms(campaign: Campaign) -> None:
    """The office registers two new norms on 3月15日; by 3月24日 some units have put them
    into practice, a few have issued their own implementing rule (细化)."""
    from guifan.campaigns import norms

    office = User.objects.get(username="office")
    with at(15, 10):
        registered = [
            norms.norm_register(
                campaign=campaign,
                by=office,
                issuer=issuer,
                number=number,
                issued_on=issued,
                title=title,
            )
            for issuer, number, issued, title in NORMS
        ]
    for n, adoption in enumerate(
        registered[0].adoptions.select_related("unit").order_by("unit__path")
    ):
        if n % 3 == 2:
            continue  # not yet
        with at(18 + n % 6, 15):
            if n % 3 == 0:
                norms.adoption_record(
                    adoption=adoption, by=None, status="implemented",
                    note="已组织全院干警学习，涉案财物一律移交案管部门统一保管",
                )  # fmt: skip
            else:
                norms.adoption_record(
                    adoption=adoption, by=None, status="refined",
                    rule_title=f"{adoption.unit.short_name}检察院涉案财物管理实施细则",
                    upload=evidence("涉案财物管理实施细则.pdf"),
                )  # fmt: skip


def _review(campaign: Campaign) -> None:
    """The office reads what came in on 3月24日: accepts some, returns one of each with what
    it lacks (坚决防止搞形式、走过场)."""
    from guifan.campaigns import review

    office = User.objects.get(username="office")
    submitted = UnitTask.objects.filter(
        track__campaign=campaign, status="submitted", department__isnull=True
    )
    tasks = list(submitted.filter(track__kind="self_exam").order_by("unit__path")[:3])
    reported = campaign.plans.filter(status=PlanStatus.REPORTED).order_by("unit__path", "pk")
    plans = list(reported[:2])
    with at(24, 11):
        for n, task in enumerate(tasks):
            review.task_decide(
                task=task, by=office, accept=n != 1,
                comment="" if n != 1 else "自查问题只涉及制度执行，请补充其他方面的检查情况",
            )  # fmt: skip
        for n, plan in enumerate(plans):
            review.plan_decide(
                plan=plan, by=office, accept=n == 0,
                comment="" if n == 0 else "出台文件未明确责任部门和考核办法，请修改后重新报送",
            )  # fmt: skip


def write_reports(campaign: Campaign, units: int = 3) -> None:
    """A few units report how the campaign went, from their own figures (3月24日)."""
    from guifan.demo.report_text import unit_report

    for unit in participants(campaign)[1 : 1 + units]:
        with at(24, 15):
            report = reports.report_save(
                report=reports.report_for(campaign=campaign, unit=unit), by=None,
                body=unit_report(campaign, unit),
            )  # fmt: skip
            reports.report_submit(report=report, by=None)


def chase_up(campaign: Campaign) -> None:
    """The office reminds the units that have not reported their self-examination yet."""
    late = UnitTask.objects.filter(
        track__campaign=campaign, track__kind="self_exam", department__isnull=True
    )
    late = late.exclude(status__in=("submitted", "accepted")).select_related("unit")
    for task in late:
        with at(24, 17):
            campaigns.campaign_chase_up(campaign=campaign, unit=task.unit)
