"""Draw rules and the frozen frame; re-draws and manual picks (the commitments, reveals
and the draw itself are in ``ceremony``).

Every step is one atomic service that writes its journal entry and its ceremony event in
the same transaction. The frame hash is journaled before any secret exists.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.campaigns.models import OPEN_STATUSES
from guifan.campaigns.services import office_of
from guifan.core import clock
from guifan.core.roles import Role
from guifan.draws import protocol
from guifan.draws.frames import describe, iter_frame_members
from guifan.draws.models import (
    LIVE_STATUSES,
    Draw,
    DrawEvent,
    DrawFrame,
    DrawKind,
    DrawRule,
    DrawStatus,
    ManualPick,
)
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.org.models import Person

PARTY_ROLES = (Role.OFFICE, Role.INSPECTION)


@transaction.atomic
def rule_update(*, rule: DrawRule, by, ratio: str, count: int | None, year: int | None,
                exclude_evaluated: bool) -> DrawRule:  # fmt: skip
    """Change a rule's amount or year; only before it has been drawn."""
    office_of(by, rule.campaign)
    if rule.draws.exists():
        raise ValidationError(
            _("该规则已经冻结过抽样框，不能再修改；如需重抽，请在抽取页面说明原因。")
        )
    if (rule.kind == DrawKind.CASES) != bool(ratio):
        raise ValidationError(_("抽取案件按比例，抽选人员按每层人数。"))
    if rule.kind == DrawKind.CASES and not year:
        raise ValidationError(_("请填写年度。"))
    before = {"ratio": rule.ratio, "count": rule.count, "year": rule.year}
    rule.ratio, rule.count, rule.year = ratio, count, year
    rule.exclude_evaluated = exclude_evaluated
    _check_amount(rule.ratio, rule.count)
    rule.full_clean()
    rule.save()
    after = {"ratio": ratio, "count": count, "year": year, "exclude": exclude_evaluated}
    record(actor=by, verb=Verb.DRAW_RULE_UPDATE, target=rule, payload={"before": before, **after})
    return rule


def _check_amount(ratio: str, count: int | None) -> None:
    try:
        protocol.quota(1, ratio=ratio or None, count=count)
    except protocol.ProtocolError:
        raise ValidationError(
            _("抽取比例应为大于 0、不超过 1 的小数（如 0.30），每层人数应为正整数。")
        ) from None


@transaction.atomic
def draw_freeze(*, rule: DrawRule, by, public_source: str = "") -> Draw:
    """Freeze the rule's frame and journal its hash: the first step, before any secret."""
    office_of(by, rule.campaign)
    DrawRule.objects.select_for_update().filter(pk=rule.pk).first()
    if rule.draws.filter(status__in=LIVE_STATUSES).exists():
        raise ValidationError(_("该规则已有抽取；如需重抽，请在抽取页面说明重抽原因。"))
    return _freeze(rule, by, public_source, attempt=1)


def _freeze(
    rule: DrawRule, by, public_source: str, *, attempt: int, supersedes=None, reason=""
) -> Draw:
    if rule.campaign.status not in OPEN_STATUSES:
        raise ValidationError(_("活动启动后、结束前才能抽取。"))
    _check_amount(rule.ratio, rule.count)
    strata = protocol.group(iter_frame_members(rule))
    try:
        text = protocol.canonical_text(strata)
    except protocol.ProtocolError as exc:
        raise ValidationError(
            _("抽样框中有不合规的编号（含控制字符或重复）：%(d)s") % {"d": exc.detail}
        ) from None
    if not text:
        raise ValidationError(_("按该规则没有可抽取的对象，请核对案件台账或人才库。"))
    draw = Draw.objects.create(
        rule=rule,
        attempt=attempt,
        rule_code=rule.code,
        filter_text=describe(rule),
        conditions=rule.conditions,
        ratio=rule.ratio,
        count=rule.count,
        frame_size=text.count("\n"),
        frame_hash=protocol.sha256_hex(text),
        strata=protocol.strata_sizes(strata),
        public_source=public_source.strip(),
        supersedes=supersedes,
        redo_reason=reason,
        frozen_by=by,
        frozen_at=clock.now(),
    )
    DrawFrame.pack(draw, text).save()
    payload = {"campaign": rule.campaign_id, "rule": rule.code, "attempt": attempt}
    payload |= {"frame_size": draw.frame_size, "frame_hash": draw.frame_hash}
    payload |= {"public_source": draw.public_source, "reason": reason}
    if rule.conditions:
        payload["conditions"] = rule.conditions
    record(actor=by, verb=Verb.DRAW_FREEZE, target=draw, payload=payload)
    what = _("冻结抽样框：%(n)s 个对象，哈希 %(h)s") % {"n": draw.frame_size, "h": draw.frame_hash}
    _event(draw, by, what)
    return draw


def _event(draw: Draw, by, what: str) -> None:
    DrawEvent.objects.create(draw=draw, at=clock.now(), who=_who(by), what=what)


def _who(by) -> str:
    if by is None:
        return "system"
    person = by.person
    return f"{person.name}（{person.staff_no}）" if person else by.get_username()


def _locked(draw: Draw) -> Draw:
    return Draw.objects.select_for_update().select_related("rule__campaign").get(pk=draw.pk)


@transaction.atomic
def draw_redo(*, draw: Draw, by, reason: str, public_source: str = "") -> Draw:
    """Set a draw aside with a recorded reason and freeze a new frame for the same rule.
    The first draw stays visible, marked superseded."""
    draw = _locked(draw)
    office_of(by, draw.campaign)
    reason = reason.strip()
    if len(reason) < 4:
        raise ValidationError(_("重抽必须写明原因（至少 4 个字）。"))
    if draw.status == DrawStatus.SUPERSEDED:
        raise ValidationError(_("该次抽取已被重抽取代。"))
    cleared = _clear_assignments(draw)
    draw.status = DrawStatus.SUPERSEDED
    draw.save(update_fields=["status"])
    record(
        actor=by, verb=Verb.DRAW_REDO, target=draw, payload={"reason": reason, "cleared": cleared}
    )
    _event(draw, by, _("作废并重抽，原因：%(r)s") % {"r": reason})
    attempt = draw.rule.draws.count() + 1
    return _freeze(draw.rule, by, public_source, attempt=attempt, supersedes=draw, reason=reason)


def _clear_assignments(draw: Draw) -> int:
    """A new batch or a new set of evaluators makes the current assignment stale: it goes,
    unless evaluation has begun, in which case the re-draw is refused."""
    from guifan.evaluation.models import Assignment, AssignmentStatus

    tasks = Assignment.objects.filter(campaign=draw.campaign)
    if not tasks.exists() or draw.status != DrawStatus.DONE:
        return 0
    if tasks.exclude(status=AssignmentStatus.ASSIGNED).exists():
        raise ValidationError(_("评查已经开始，不能再重抽。"))
    from guifan.evaluation.services import assignments_clear

    return assignments_clear(draw.campaign)


@transaction.atomic
def draw_add_manual(*, draw: Draw, by, person: Person, line: str, reason: str) -> ManualPick:
    """Add a person from outside the pool by hand (选调库外人员), apart from the random part."""
    draw = _locked(draw)
    office_of(by, draw.campaign)
    reason = reason.strip()
    if draw.kind != DrawKind.EVALUATORS or draw.status != DrawStatus.DONE:
        raise ValidationError(_("只能在评查人员抽取完成后添加库外人员。"))
    if not reason:
        raise ValidationError(_("请写明选调理由。"))
    if not person.active:
        raise ValidationError(_("%(p)s 不在岗，不能选调。") % {"p": person})
    if (
        draw.selections.filter(person=person).exists()
        or draw.manual_picks.filter(person=person).exists()
    ):
        raise ValidationError(_("%(p)s 已在本次评查人员名单中。") % {"p": person})
    pick = ManualPick.objects.create(
        draw=draw, person=person, line=line, reason=reason, added_by=by, added_at=clock.now()
    )
    payload = {"staff_no": person.staff_no, "line": line, "reason": reason}
    record(actor=by, verb=Verb.DRAW_MANUAL_ADD, target=draw, payload=payload)
    _event(draw, by, _("人工选调库外人员 %(p)s，理由：%(r)s") % {"p": person, "r": reason})
    return pick
