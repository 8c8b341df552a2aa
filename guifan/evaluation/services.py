"""Assigning the batch, moving a case by hand, declaring a conflict. All journaled."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.campaigns.models import OPEN_STATUSES, Campaign, TrackKind
from guifan.campaigns.services import office_of
from guifan.cases.numbers import normalise_case_no
from guifan.core import clock
from guifan.core.bulk import insert_rows
from guifan.draws.models import Population
from guifan.draws.selectors import case_selections, drawn_evaluators
from guifan.evaluation.explain import recusal_text
from guifan.evaluation.loading import case_record, evaluator_record, load_batch
from guifan.evaluation.models import (
    Assignment,
    AssignmentRun,
    AssignmentStatus,
    EvaluationMode,
)
from guifan.evaluation.models.forms import HANDED_IN
from guifan.evaluation.recusal import Policy, recusals
from guifan.evaluation.solver import Infeasible, Problem, solve
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.org.models import DeclaredConflict, Person


def evaluation_deadline(campaign: Campaign) -> date:
    track = campaign.tracks.filter(kind=TrackKind.EVALUATION).first()
    return track.deadline if track else campaign.report_deadline


@transaction.atomic
def assignment_run(
    *,
    campaign: Campaign,
    by,
    key_need: int = 2,
    min_load: int | None = None,
    max_load: int | None = None,
    same_line: bool = False,
    caps: dict[str, int] | None = None,
    discard_moves: bool = False,
) -> AssignmentRun:
    """Assign the whole batch afresh. An impossible batch leaves the current assignments as
    they are and records why, in words, on the run."""
    office_of(by, campaign)
    campaign = _locked(campaign)
    if campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("活动启动后、结束前才能分配评查任务。"))
    if campaign.assignments.exclude(status=AssignmentStatus.ASSIGNED).exists():
        raise ValidationError(_("已有评查人员开始评查，不能重新分配；请逐件人工调整。"))
    moved = campaign.assignments.filter(manual=True).count()
    if moved and not discard_moves:
        raise ValidationError(
            _("有 %(n)s 件人工调整，重新分配会撤销这些调整；请勾选“撤销人工调整”后再分配。")
            % {"n": moved}
        )
    batch = load_batch(campaign, key_need=key_need, caps=caps)
    unknown = sorted(set(caps or {}) - set(batch.people))
    if unknown:
        raise ValidationError(
            _("个人上限中的工号不在评查人员名单中：%(nos)s。") % {"nos": "、".join(unknown)}
        )
    if not batch.cases:
        raise ValidationError(_("还没有抽中的案件：请先完成案件抽取。"))
    if not batch.evaluators:
        raise ValidationError(_("还没有评查人员：请先完成评查人员抽取。"))
    problem = Problem(batch.cases, batch.evaluators, min_load, max_load, Policy(same_line))
    result = solve(problem)
    run = AssignmentRun(
        campaign=campaign, by=by, at=clock.now(), key_need=key_need, min_load=min_load,
        max_load=max_load, same_line=same_line, caps=caps or {}, input_hash=problem.digest(),
        feasible=not isinstance(result, Infeasible), case_count=len(batch.cases),
        evaluator_count=len(batch.evaluators),
    )  # fmt: skip
    if isinstance(result, Infeasible):
        run.explanations = [asdict(x) for x in result.explanations]
        run.save()
        payload = {
            "input_hash": run.input_hash,
            "feasible": False,
            "kinds": [x.kind for x in result.explanations],
        }
        record(actor=by, verb=Verb.ASSIGN_RUN, target=campaign, payload=payload)
        return run
    run.output_hash, run.mismatched = result.digest(), result.mismatched
    run.used_min, run.used_max = result.min_load, result.max_load
    run.save()
    assignments_clear(campaign)
    from guifan.evaluation.period import overloads, period_of

    period = period_of(campaign)
    deadline = period.end if period else evaluation_deadline(campaign)
    team_of = {
        member.pk: team.pk
        for team in campaign.teams.prefetch_related("members").order_by("pk")
        for member in team.members.all()
    }
    rows = [
        {
            "campaign_id": campaign.pk,
            "case_id": batch.case_rows[case.id].pk,
            "evaluator_id": batch.people[evaluator_id].pk,
            "team_id": team_of.get(batch.people[evaluator_id].pk),
            "run_id": run.pk,
            "reasons": "、".join(batch.reasons[case.id]),
            "recheck": case.recheck,
            "original_evaluators": ",".join(sorted(case.prior_evaluators)) if case.recheck else "",
            "deadline": deadline,
            "mode": period.mode if period else EvaluationMode.ONLINE,
        }
        for case in batch.cases
        for evaluator_id in result.assigned[case.id]
    ]
    assignments_insert(rows)
    payload = {"input_hash": run.input_hash, "output_hash": run.output_hash, "feasible": True}
    payload |= {"cases": run.case_count, "evaluators": run.evaluator_count, "tasks": len(rows)}
    payload |= {"min": result.min_load, "max": result.max_load, "same_line": same_line}
    payload |= {"over_capacity": len(overloads(campaign))}
    record(actor=by, verb=Verb.ASSIGN_RUN, target=campaign, payload=payload)
    return run


def assignments_clear(campaign: Campaign) -> int:
    """Remove the campaign's assignments before a new run or draw, with the forms opened but
    never saved; returns how many went. When no form is left (the rule before any re-run),
    one DELETE does it: Django's delete() first loads every row to look for protected
    forms, 1.6 s for 20,000 rows (bench/assign.py)."""
    from guifan.evaluation.models import EvaluationForm

    discard_unstarted_forms(campaign)
    previous = campaign.assignments.all()
    if EvaluationForm.objects.filter(assignment__campaign=campaign).exists():
        return previous.delete()[0]  # a form that holds something is protected: refused
    return previous._raw_delete(previous.db)


def assignments_insert(rows: list[dict]) -> None:
    """Store new assignments given as field values (``campaign_id``, ``case_id``…): one
    prepared statement, COPY on PostgreSQL. ``bulk_create`` took 8–9 s of the 11–13 s of a
    100,000-case run, compiling a statement for every 60 rows on SQLite (bench/assign.py)."""
    insert_rows(Assignment, rows)


def _locked(campaign: Campaign) -> Campaign:
    """Runs and moves of one campaign queue behind each other."""
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def discard_unstarted_forms(campaign: Campaign) -> None:
    """Forms opened but never saved hold nothing and go with their tasks."""
    from guifan.evaluation.models import EvaluationForm, FormStatus

    EvaluationForm.objects.filter(
        assignment__campaign=campaign, status=FormStatus.ASSIGNED
    ).delete()


def why_not_lookup(*, campaign: Campaign, staff_no: str, case_no: str):
    """The drawn evaluator and the batch case a "why not" question names, or None: the
    question is about this campaign's people and cases, not anyone's."""
    from guifan.cases.models import Case

    people = {d.person.staff_no: d.person for d in drawn_evaluators(campaign=campaign)}
    person = people.get(staff_no.strip())
    drawn = case_selections(campaign=campaign).values("case_id")
    case = (
        Case.objects.filter(case_no_norm=normalise_case_no(case_no), pk__in=drawn)
        .select_related("unit", "department", "handler")
        .first()
    )
    return (person, case) if person is not None and case is not None else None


def why_not(*, campaign: Campaign, person: Person, case) -> list[str]:
    """Why ``person`` may not evaluate ``case`` in this campaign, in words; [] if they may."""
    latest = campaign.assignment_runs.filter(feasible=True).first()
    policy = Policy(same_line=bool(latest and latest.same_line))
    recheck = (
        case_selections(campaign=campaign)
        .filter(draw__rule__population=Population.EVALUATED, case=case)
        .exists()
    )
    found = recusals(evaluator_record(person), case_record(case, recheck=recheck), policy)
    return [recusal_text(r) for r in found]


@transaction.atomic
def assignment_move(*, assignment: Assignment, to: Person, reason: str, by) -> Assignment:
    """Give a case to another drawn evaluator by hand, with a reason; recusal still holds."""
    office_of(by, assignment.campaign)
    campaign = _locked(assignment.campaign)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("请写明调整理由。"))
    if assignment.status != AssignmentStatus.ASSIGNED:
        raise ValidationError(_("该案已开始评查，不能再调整。"))
    if to.pk == assignment.evaluator_id:
        raise ValidationError(_("该案已由 %(p)s 评查。") % {"p": to})
    if not _is_drawn(campaign, to):
        raise ValidationError(
            _("%(p)s 不在本次评查人员名单中，请先在评查人员抽取中选调。") % {"p": to}
        )
    if campaign.assignments.filter(case=assignment.case, evaluator=to).exists():
        raise ValidationError(_("%(p)s 已是该案的评查人员。") % {"p": to})
    refusals = why_not(campaign=campaign, person=to, case=assignment.case)
    if refusals:
        raise ValidationError(
            _("%(p)s 须回避，不能评查该案：%(r)s。") % {"p": to, "r": "；".join(refusals)}
        )
    from guifan.evaluation.period import check_room

    check_room(campaign, to)
    previous = assignment.evaluator
    assignment.moved_from, assignment.evaluator = previous, to
    assignment.manual, assignment.move_reason = True, reason
    # The new evaluator's team lead reviews it now (or the office, outside any team).
    assignment.team = campaign.teams.filter(members=to).first()
    assignment.save(update_fields=["moved_from", "evaluator", "manual", "move_reason", "team"])
    payload = {"case": assignment.case.case_no_norm, "from": previous.staff_no, "to": to.staff_no}
    record(actor=by, verb=Verb.ASSIGN_MOVE, target=assignment, payload=payload | {"reason": reason})
    return assignment


def _is_drawn(campaign: Campaign, person: Person) -> bool:
    return any(d.person.pk == person.pk for d in drawn_evaluators(campaign=campaign))


@transaction.atomic
def conflict_declare(
    *,
    campaign: Campaign,
    person: Person,
    by,
    relation: str,
    other: Person | None = None,
    case_no: str = "",
    note: str = "",
) -> DeclaredConflict:
    """Record a relation that makes one of the campaign's evaluators recuse (近亲属…)."""
    office_of(by, campaign)
    if not _is_drawn(campaign, person):
        raise ValidationError(_("%(p)s 不在本次评查人员名单中。") % {"p": person})
    case_no = normalise_case_no(case_no) if case_no.strip() else ""
    if other is None and not case_no:
        raise ValidationError(_("请填写相关人员的工号或相关案件的部门受案号。"))
    if other is not None and other.pk == person.pk:
        raise ValidationError(_("相关人员不能是申报人本人。"))
    conflict = DeclaredConflict.objects.create(
        person=person, other_person=other, case_no=case_no, relation=relation, note=note,
        declared_on=clock.today(),
    )  # fmt: skip
    payload = {"person": person.staff_no, "other": other.staff_no if other else "", "case": case_no}
    record(
        actor=by,
        verb=Verb.CONFLICT_DECLARE,
        target=conflict,
        payload=payload | {"relation": relation},
    )
    return conflict


@transaction.atomic
def team_create(*, campaign: Campaign, by, name: str, lead: Person, members: list[Person]):
    """An evaluation team (评查组) whose lead reviews the members' forms."""
    from guifan.evaluation.models import EvaluationTeam

    office_of(by, campaign)
    if not members:
        raise ValidationError(_("评查组至少要有一名组员。"))
    from guifan.accounts.models import RoleGrant
    from guifan.core.roles import Role

    lead_grants = RoleGrant.objects.filter(
        user__person=lead, user__is_active=True, role=Role.TEAM_LEAD
    )
    if not lead_grants.exists():
        raise ValidationError(
            _("%(p)s 还没有评查组长账号，请安全管理员授权后再组建。") % {"p": lead}
        )
    taken = campaign.teams.filter(members__in=members).values_list("members__name", flat=True)
    if taken:
        raise ValidationError(_("%(p)s 已在其他评查组中。") % {"p": "、".join(sorted(set(taken)))})
    team = EvaluationTeam.objects.create(campaign=campaign, name=name, lead=lead)
    team.members.set(members)
    campaign.assignments.filter(evaluator__in=members).update(team=team)
    payload = {"name": name, "lead": lead.staff_no, "members": sorted(m.staff_no for m in members)}
    record(actor=by, verb=Verb.TEAM_CREATE, target=team, payload=payload)
    return team


@transaction.atomic
def assignment_chase_up(*, campaign: Campaign, by, evaluator: Person | None = None) -> int:
    """Chase up the evaluators whose tasks are past their deadline and not yet submitted."""
    from django.db.models import F

    office_of(by, campaign)
    late = campaign.assignments.filter(deadline__lt=clock.today()).exclude(
        form__status__in=HANDED_IN
    )
    if evaluator is not None:
        late = late.filter(evaluator=evaluator)
    people = sorted(set(late.values_list("evaluator__staff_no", flat=True)))
    count = late.update(chased_at=clock.now(), chase_count=F("chase_count") + 1)
    if count:
        payload = {"tasks": count, "evaluators": people}
        record(actor=by, verb=Verb.ASSIGN_CHASE, target=campaign, payload=payload)
    return len(people)
