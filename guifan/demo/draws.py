"""The seed campaign's draws, run through the ceremony by the demo's office and inspector, and
the batch assigned with each evaluator's load within ``MAX_LOAD`` cases."""

from __future__ import annotations

import math
import random
from contextlib import suppress
from decimal import ROUND_FLOOR, Decimal

from django.core.exceptions import ValidationError

from guifan.accounts.models import User
from guifan.campaigns.models import Campaign
from guifan.demo.campaign import at as campaign_at
from guifan.draws import ceremony, services
from guifan.draws.frames import frame_size, iter_frame_members
from guifan.draws.models import Draw

MAX_LOAD = 30  # cases per evaluator over the evaluation period


def ensure_draws(campaign: Campaign, *, seed: int = 2016) -> int:
    """Draw every rule of the campaign that has not been drawn (3月15日)."""
    office = User.objects.get(username="office")
    inspector = User.objects.get(username="inspector")
    rng = random.Random(f"{seed}:draws")
    rules = list(campaign.draw_rules.order_by("position"))
    size_case_draws([rule for rule in rules if not rule.draws.exists()])
    for index, rule in enumerate(rules):
        # Dice thrown at the ceremony: what the parties would write down and keep.
        dice = ["".join(str(rng.randint(1, 6)) for _ in range(12)) for _ in range(2)]
        secrets = (f"专项整治办-{dice[0]}", f"纪检组-{dice[1]}")
        if rule.draws.exists() or next(iter_frame_members(rule), None) is None:
            continue  # drawn by an earlier run, or nothing to draw in a small demo
        size_evaluator_draw(rule)
        with at(index, 0):
            draw = services.draw_freeze(rule=rule, by=office)
        with at(index, 2):
            ceremony.draw_commit(draw=draw, by=office, role="office", secret=secrets[0])
        with at(index, 3):
            ceremony.draw_commit(draw=draw, by=inspector, role="inspection", secret=secrets[1])
        with at(index, 4):
            ceremony.draw_close_commitments(draw=draw, by=office)
        with at(index, 5):
            ceremony.draw_reveal(draw=draw, by=office, secret=secrets[0])
        with at(index, 6):
            ceremony.draw_reveal(draw=draw, by=inspector, secret=secrets[1])
    return Draw.objects.filter(rule__campaign=campaign).count()


def at(index: int, offset: int):
    """3月15日 from 9:00, ten minutes per rule."""
    return campaign_at(15, 9, 10 * index + offset)


def size_case_draws(rules) -> None:
    """A world bigger than its talent pool can evaluate (``MAX_LOAD`` cases each) has its
    case rules' ratios scaled down alike, as an office sizes a province's draw to its
    evaluators: the batch, and what assigning and evaluating it costs, stops growing with
    the number of cases. A world the pool can take keeps the templates' ratios."""
    from guifan.draws.models import KEY_POPULATIONS, DrawKind
    from guifan.org.models import TalentPoolMember

    rules = [rule for rule in rules if rule.kind == DrawKind.CASES and rule.ratio]
    if not rules:
        return
    pool = TalentPoolMember.objects.filter(pool_unit=rules[0].campaign.issuing_unit, active=True)
    capacity = pool.count() * (MAX_LOAD - 2)
    # Key cases are evaluated by two; a case drawn by two rules is counted twice.
    demand = sum(
        frame_size(rule) * Decimal(rule.ratio) * (2 if rule.population in KEY_POPULATIONS else 1)
        for rule in rules
    )
    if demand <= capacity:
        return
    for rule in rules:
        ratio = (Decimal(rule.ratio) * capacity / demand).quantize(STEP, rounding=ROUND_FLOOR)
        rule.ratio = str(max(ratio, STEP))
        rule.save(update_fields=["ratio"])


STEP = Decimal("0.000001")  # the finest ratio a rule takes


def size_evaluator_draw(rule) -> None:
    """As many evaluators per line as keep each within ``MAX_LOAD`` cases: the drawn cases,
    those under supervision counted twice (two evaluators each)."""
    from guifan.draws.models import KEY_POPULATIONS, DrawKind
    from guifan.draws.selectors import case_selections
    from guifan.org.models import TalentPoolMember

    selections = case_selections(campaign=rule.campaign)
    cases = selections.values("case").distinct().count()
    key = (
        selections.filter(draw__rule__population__in=KEY_POPULATIONS)
        .values("case")
        .distinct()
        .count()
    )
    lines = (
        TalentPoolMember.objects.filter(pool_unit=rule.campaign.issuing_unit, active=True)
        .values("line")
        .distinct()
        .count()
    )
    if rule.kind == DrawKind.EVALUATORS and lines and cases:
        needed = math.ceil((cases + key) / (MAX_LOAD - 2))
        rule.count = max(rule.count or 1, math.ceil(needed / lines))
        rule.save(update_fields=["count"])


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
