"""The seed campaign's draws, run through the ceremony by the demo's office and inspector."""

from __future__ import annotations

import random
from contextlib import suppress
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from guifan.accounts.models import User
from guifan.campaigns.models import Campaign
from guifan.core import clock
from guifan.draws import services
from guifan.draws.frames import frame_members
from guifan.draws.models import Draw


def ensure_draws(campaign: Campaign, *, seed: int = 2016) -> int:
    """Draw every rule of the campaign that has not been drawn (3月15日)."""
    office = User.objects.get(username="office")
    inspector = User.objects.get(username="inspector")
    rng = random.Random(f"{seed}:draws")
    rules = list(campaign.draw_rules.order_by("position"))
    for index, rule in enumerate(rules):
        # Dice thrown at the ceremony: what the parties would write down and keep.
        dice = ["".join(str(rng.randint(1, 6)) for _ in range(12)) for _ in range(2)]
        secrets = (f"专项整治办-{dice[0]}", f"纪检组-{dice[1]}")
        if rule.draws.exists() or not frame_members(rule):
            continue  # drawn by an earlier run, or nothing to draw in a small demo
        with at(index, 0):
            draw = services.draw_freeze(rule=rule, by=office)
        with at(index, 2):
            services.draw_commit(draw=draw, by=office, role="office", secret=secrets[0])
        with at(index, 3):
            services.draw_commit(draw=draw, by=inspector, role="inspection", secret=secrets[1])
        with at(index, 4):
            services.draw_close_commitments(draw=draw, by=office)
        with at(index, 5):
            services.draw_reveal(draw=draw, by=office, secret=secrets[0])
        with at(index, 6):
            services.draw_reveal(draw=draw, by=inspector, secret=secrets[1])
    return Draw.objects.filter(rule__campaign=campaign).count()


def march_2016(day: int, hour: int = 10, minutes: int = 0):
    """The clock held at a moment of the seed campaign's month."""
    moment = datetime(2016, 3, day, hour) + timedelta(minutes=minutes)
    return clock.frozen_at(timezone.make_aware(moment))


def at(index: int, offset: int):
    """3月15日 from 9:00, ten minutes per rule."""
    return march_2016(15, 9, 10 * index + offset)


def ensure_assignment(campaign: Campaign) -> None:
    """People added by hand, a declared conflict, the evaluator account pointed at a drawn
    evaluator, and the batch assigned (3月15日 10:00)."""
    from guifan.accounts.models import RoleGrant
    from guifan.core.roles import Role
    from guifan.draws.models import DrawKind, DrawStatus
    from guifan.draws.selectors import drawn_evaluators
    from guifan.evaluation import services as evaluation
    from guifan.org.models import Person, Relation

    if campaign.assignment_runs.exists():
        return
    office = User.objects.get(username="office")
    draw = Draw.objects.filter(
        rule__campaign=campaign, rule__kind=DrawKind.EVALUATORS, status=DrawStatus.DONE
    ).first()
    if draw is None:
        return
    drawn = [d.person for d in drawn_evaluators(campaign=campaign)]
    outsider = (
        Person.objects.filter(is_quota_prosecutor=True, department__line="weijian", active=True)
        .exclude(pk__in=[p.pk for p in drawn])
        .exclude(pool_memberships__active=True)
        .order_by("staff_no")
        .first()
    )
    with at(5, 0):
        if outsider is not None and not draw.manual_picks.exists():
            services.draw_add_manual(
                draw=draw, by=office, person=outsider, line="weijian",
                reason="人才库未检条线人员不足，选调未检业务骨干",
            )  # fmt: skip
        # A drawn evaluator whose spouse handles cases in another unit.
        spouse = (
            Person.objects.exclude(unit=drawn[0].unit).filter(handled_cases__isnull=False).first()
        )
        if spouse is not None and not drawn[0].declared_conflicts.exists():
            evaluation.conflict_declare(
                campaign=campaign,
                person=drawn[0],
                other=spouse,
                relation=Relation.KIN,
                note="配偶",
                by=office,
            )
    evaluator = User.objects.get(username="evaluator")
    chosen = sorted(drawn, key=lambda p: (p.unit.code != "980104", p.staff_no))[0]
    if evaluator.person_id != chosen.pk:
        evaluator.person = chosen
        evaluator.save(update_fields=["person"])
        RoleGrant.objects.filter(user=evaluator, role=Role.EVALUATOR).update(unit=chosen.unit)
    # A demo without cases (--cases 0) has nothing to assign.
    with at(6, 0), suppress(ValidationError):
        evaluation.assignment_run(campaign=campaign, by=office)


@transaction.atomic
def ensure_forms(campaign: Campaign) -> None:
    """A team led by the demo team lead, and 登记表 in every state of the workflow."""
    from guifan.evaluation import services as evaluation
    from guifan.evaluation import workflow
    from guifan.evaluation.models import EvaluationForm

    forms = EvaluationForm.objects.filter(assignment__campaign=campaign)
    if not campaign.assignments.exists() or forms.exists():
        return
    office = User.objects.get(username="office")
    lead = User.objects.get(username="teamlead")
    evaluator = User.objects.get(username="evaluator")
    handler = User.objects.get(username="handler")
    people = {a.evaluator for a in campaign.assignments.select_related("evaluator")}
    members = sorted((p for p in people if p.pk != lead.person_id), key=lambda p: p.staff_no)
    if not campaign.teams.exists():
        with at(7, 0):
            evaluation.team_create(
                campaign=campaign, by=office, name="第一评查组", lead=lead.person, members=members
            )
    mine = list(
        campaign.assignments.filter(evaluator=evaluator.person).order_by("case__case_no_norm")
    )
    theirs = list(
        campaign.assignments.filter(case__handler=handler.person)
        .exclude(evaluator__in=[lead.person, evaluator.person])
        .order_by("case__case_no_norm")
    )
    if len(mine) < 5 or len(theirs) < 3:
        return  # a small demo: too few tasks to show every state
    workflow.form_for(mine[0])  # 待评查

    def filled(task, by, day, **extra):
        with _on(day):
            form = workflow.form_for(task)
            answers = {q: "已整改，制度已建立" for q in form.rubric.questions}
            return workflow.form_save(
                form=form, by=by, version=form.version, grade=extra.get("grade", "pass"),
                basis=extra.get("basis", "事实清楚，证据确实充分，程序基本规范"), answers=answers,
                findings=extra.get("findings", []),
            )  # fmt: skip

    finding = {
        "dimension": "办案程序", "category": "执行办案规范和纪律不严",
        "description": "第三次讯问未同步录音录像，卷内无情况说明", "severity": "flaw",
        "legal_basis": "《人民检察院刑事诉讼规则（试行）》第二百零一条",
        "location": "第二卷第 35 页", "rectify": True,
    }  # fmt: skip
    filled(mine[1], evaluator, 18, findings=[finding])  # 评查中
    form = filled(mine[2], evaluator, 18)  # 待复核
    with _on(19):
        workflow.form_submit(form=form, by=evaluator)
    form = filled(mine[3], evaluator, 18, grade="excellent")  # 已退回
    with _on(19):
        workflow.form_submit(form=form, by=evaluator)
    with _on(21):
        workflow.form_return(form=form, by=lead, comment="优质案件须写明示范价值，请补充评定依据")
    form = filled(mine[4], evaluator, 18, grade="flawed", findings=[finding])  # 已定案
    with _on(19):
        workflow.form_submit(form=form, by=evaluator)
    with _on(21):
        workflow.form_approve(form=form, by=lead)
    with _on(29):
        workflow.forms_finalize_due()
    form = filled(theirs[0], None, 20, grade="flawed", findings=[finding])  # 异议 → 定案
    with _on(21):
        workflow.form_submit(form=form, by=None)
        workflow.form_approve(form=form, by=lead)
    with _on(23):
        workflow.form_object(
            form=form, by=handler, reason="第三次讯问时录像设备故障，已另行制作书面说明附卷"
        )
    with _on(25):
        workflow.objection_decide(form=form, by=office, grade="pass", decision="异议成立，改为合格")
    form = filled(theirs[2], None, 20, grade="flawed")  # 异议待决定
    with _on(21):
        workflow.form_submit(form=form, by=None)
        workflow.form_approve(form=form, by=lead)
    with _on(24):
        workflow.form_object(form=form, by=handler, reason="该案已于 2015 年整改，请复核")
    form = filled(theirs[1], None, 20, grade="flawed", findings=[finding])  # 异议期（今天起算）
    workflow.form_submit(form=form, by=None)
    workflow.form_approve(form=form, by=lead)


def _on(day: int):
    """An afternoon of March 2016."""
    return march_2016(day, 15)
