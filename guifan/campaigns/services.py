"""Campaign state changes: create from a template, start, chase up, submit. All journaled."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from guifan.campaigns.hooks import campaign_started
from guifan.campaigns.models import (
    OPEN_STATUSES,
    Campaign,
    CampaignStatus,
    ChecklistItem,
    ChecklistKind,
    DepartmentTasks,
    Participation,
    SelfExamProblem,
    TaskStatus,
    Track,
    TrackKind,
    UnitTask,
)
from guifan.campaigns.templates import THEMES, template_choices
from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.draws.templates import rules_create_from_template
from guifan.journal.services import record, record_many
from guifan.journal.verbs import Verb
from guifan.org.models import Department, Tier, Unit


def office_of(by, campaign: Campaign | None = None) -> None:
    """The acting user is the campaign office of the campaign's issuing unit."""
    if by is None:
        return
    scope = scope_of(by)
    if not scope.has(Role.OFFICE):
        raise PermissionDenied
    if campaign is not None and not scope.acts_as(Role.OFFICE, campaign.issuing_unit_id):
        raise PermissionDenied


def unit_may_work_on(campaign: Campaign, unit: Unit, refusal: str) -> None:
    """The campaign is open and the unit takes part in it; ``refusal`` says what is refused."""
    if campaign.status not in OPEN_STATUSES:
        raise ValidationError(refusal)
    if not campaign.participants.filter(unit=unit).exists():
        raise ValidationError(_("该单位没有参加此活动。"))


def liaison_of(by, unit_id: int, department_id: int | None = None) -> None:
    """The acting user is the liaison of this unit (not merely someone who can see it) or,
    for a department's work, of that department."""
    if by is None:
        return
    scope = scope_of(by)
    if scope.acts_as(Role.LIAISON, unit_id) or scope.acts_for_department(department_id):
        return
    raise PermissionDenied


@transaction.atomic
def campaign_create_from_template(
    *,
    template: str,
    year: int,
    issuing_unit: Unit,
    by=None,
    units: list[Unit] | None = None,
    departments: str | None = None,
    theme: str = "",
) -> Campaign:
    """A draft campaign with the template's tracks, checklists, dates in ``year`` and draw
    rules; ``departments`` says which departments take part (the template's by default),
    ``theme`` is the one theme of a 专项评查."""
    office_of(by)
    if by is not None and not scope_of(by).acts_as(Role.OFFICE, issuing_unit.pk):
        raise PermissionDenied
    spec, departments = template_choices(template, theme, departments)
    name = f"{year}年{spec.name}" + (f"（{THEMES[theme]}）" if theme else "")
    campaign = Campaign.objects.create(
        name=name,
        template=spec.code,
        theme=theme,
        department_tasks=departments,
        issuing_unit=issuing_unit,
        start_date=date(year, *spec.start),
        report_deadline=date(year, *spec.report_deadline),
        created_by=by,
    )
    if units is None:
        units = list(
            Unit.objects.filter(pk__in=Unit.objects.subtree_ids([issuing_unit.pk])).exclude(
                tier=Tier.PROVINCE
            )
        )
    Participation.objects.bulk_create(Participation(campaign=campaign, unit=u) for u in units)
    Track.objects.bulk_create(
        Track(
            campaign=campaign,
            kind=t.kind,
            name=t.name,
            task=t.task,
            deadline=campaign.report_deadline,
            position=i,
            departments=t.departments,
        )
        for i, t in enumerate(spec.tracks)
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(campaign=campaign, kind=kind, label=label, position=i)
        for kind, labels in spec.checklists.items()
        for i, label in enumerate(labels)
    )
    rules_create_from_template(campaign=campaign)
    record(
        actor=by,
        verb=Verb.CAMPAIGN_CREATE,
        target=campaign,
        payload={
            "template": spec.code,
            "year": year,
            "units": len(units),
            "departments": departments,
            **({"theme": theme} if theme else {}),
        },
    )
    return campaign


@transaction.atomic
def campaign_start(*, campaign: Campaign, by=None) -> int:
    """Start a draft campaign: every participating unit gets its task on every track."""
    office_of(by, campaign)
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status != CampaignStatus.DRAFT:
        raise ValidationError(_("只有草稿状态的活动可以启动。"))
    units = [p.unit_id for p in campaign.participants.all()]
    departments = list(_taking_part(campaign, units))
    tasks = [
        UnitTask(track=track, unit_id=unit, deadline=track.deadline)
        for track in campaign.tracks.all()
        for unit in units
    ] + [
        UnitTask(track=track, unit_id=d.unit_id, department=d, deadline=track.deadline)
        for track in campaign.tracks.filter(departments=True)
        for d in departments
    ]
    UnitTask.objects.bulk_create(tasks)
    campaign.status, campaign.started_at = CampaignStatus.RUNNING, clock.now()
    campaign.save(update_fields=["status", "started_at"])
    record(actor=by, verb=Verb.CAMPAIGN_START, target=campaign, payload={"tasks": len(tasks)})
    campaign_started(campaign, by)
    return len(tasks)


def _taking_part(campaign: Campaign, units: list[int]):
    """The departments with their own tasks: the 市院's, or every participating unit's."""
    if campaign.department_tasks == DepartmentTasks.NONE:
        return Department.objects.none()
    found = Department.objects.filter(unit__in=units)
    if campaign.department_tasks == DepartmentTasks.CITY:
        found = found.filter(unit__tier=Tier.CITY)
    return found.order_by("unit__path", "line", "name")


@transaction.atomic
def campaign_chase_up(*, campaign: Campaign, by=None, unit: Unit | None = None) -> int:
    """催办: remind one unit, or every unit that is late, of its unfinished tasks."""
    office_of(by, campaign)
    if campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("活动未在进行中，不能催办。"))
    tasks = UnitTask.objects.filter(track__campaign=campaign).exclude(
        status__in=(TaskStatus.SUBMITTED, TaskStatus.ACCEPTED)
    )
    if unit is not None:
        tasks = tasks.filter(unit=unit)
    else:
        tasks = tasks.filter(deadline__lt=clock.today())
    chased = list(tasks.select_related("unit", "track"))
    # Counted in the database, so that two chases at once both count.
    UnitTask.objects.filter(pk__in=[t.pk for t in chased]).update(
        chased_at=clock.now(), chase_count=F("chase_count") + 1
    )
    units = sorted({task.unit for task in chased}, key=lambda u: u.path)
    record_many(
        actor=by,
        items=[
            (
                Verb.CAMPAIGN_CHASE,
                unit_,
                {
                    "campaign": campaign.pk,
                    "tasks": [t.track.name for t in chased if t.unit == unit_],
                },
            )
            for unit_ in units
        ],
    )
    return len(units)


@transaction.atomic
def task_submit(*, task: UnitTask, by=None, statement: str = "") -> UnitTask:
    """The unit reports a task done: not empty (campaigns.review.missing_substance), with its
    statement where the content alone does not speak (nothing found, no plan …)."""
    from guifan.campaigns.review import missing_substance

    liaison_of(by, task.unit_id, task.department_id)
    task = UnitTask.objects.select_for_update().select_related("track__campaign").get(pk=task.pk)
    if task.track.kind == TrackKind.REPORT:
        raise ValidationError(_("开展情况须在“开展情况报送”中撰写并报送。"))
    if task.track.campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("活动未在进行中，不能报送。"))
    if task.status in (TaskStatus.SUBMITTED, TaskStatus.ACCEPTED):
        raise ValidationError(_("该任务已报送。"))
    statement = statement.strip()
    if missing := missing_substance(task, statement):
        raise ValidationError(missing)
    task.status, task.submitted_at = TaskStatus.SUBMITTED, clock.now()
    task.statement = statement
    task.save(update_fields=["status", "submitted_at", "statement"])
    record(
        actor=by,
        verb=Verb.TASK_SUBMIT,
        target=task,
        payload={
            "campaign": task.track.campaign_id,
            "late": task.late,
            "statement": bool(statement),
        },
    )
    return task


@transaction.atomic
def problem_record(*, campaign: Campaign, unit: Unit, by, **fields) -> SelfExamProblem:
    """A liaison records a problem its unit found (查遗补缺); it will carry into rectification."""
    liaison_of(by, unit.pk)
    unit_may_work_on(campaign, unit, _("活动未在进行中，不能登记问题。"))
    problem = SelfExamProblem(campaign=campaign, unit=unit, created_by=by, **fields)
    if (
        problem.heading.campaign_id != campaign.pk
        or problem.heading.kind != ChecklistKind.HEADING
        or problem.category.campaign_id != campaign.pk
        or problem.category.kind != ChecklistKind.CATEGORY
    ):
        raise ValidationError(_("自查方面或问题类别不属于此活动。"))
    problem.full_clean()
    problem.save()
    from guifan.rectification.services import item_from_problem

    record(
        actor=by,
        verb=Verb.PROBLEM_RECORD,
        target=problem,
        payload={
            "campaign": campaign.pk,
            "unit": unit.code,
            "heading": problem.heading.label,
            "category": problem.category.label,
        },
    )
    item_from_problem(problem, by=by)
    return problem


# running → closing (units finish their last reports) → closed, the last only through the
# "三个不放过" gate (guifan.rectification.gate).
NEXT_STATUS = {
    CampaignStatus.RUNNING: CampaignStatus.CLOSING,
    CampaignStatus.CLOSING: CampaignStatus.CLOSED,
}


@transaction.atomic
def campaign_advance(*, campaign: Campaign, by=None) -> Campaign:
    """Move a started campaign to its next stage (收尾, then 结束)."""
    office_of(by, campaign)
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    following = NEXT_STATUS.get(CampaignStatus(locked.status))
    if following is None:
        raise ValidationError(_("该活动当前不能进入下一阶段。"))
    if following == CampaignStatus.CLOSED:
        from guifan.rectification.gate import campaign_gate

        gate = campaign_gate(campaign)
        if not gate.closable:
            raise ValidationError(gate.summary())
    before, campaign.status = locked.status, following
    campaign.save(update_fields=["status"])
    record(
        actor=by,
        verb=Verb.CAMPAIGN_STATUS,
        target=campaign,
        payload={"from": before, "to": following.value},
    )
    return campaign
