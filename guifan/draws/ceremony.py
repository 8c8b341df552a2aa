"""The ceremony proper: each party commits to a secret, the commitments close, the secrets
are revealed (and the public value set, where the rule takes one), and the draw happens the
moment the last input is in. Every step is one atomic service that writes its journal entry
and its ceremony event in the same transaction."""

from __future__ import annotations

from itertools import islice

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.campaigns.services import office_of
from guifan.cases.models import Case
from guifan.core import clock
from guifan.core.bulk import insert_rows
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.draws import protocol
from guifan.draws.models import Commitment, Draw, DrawFrame, DrawKind, DrawStatus, Selection
from guifan.draws.services import PARTY_ROLES, _event, _locked
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.org.models import Person

CHUNK = 2000


def _party_role(by, draw: Draw, role: str) -> str:
    """The role the user commits in: office or inspection of the issuing unit."""
    scope, unit = scope_of(by), draw.campaign.issuing_unit_id
    if role not in PARTY_ROLES or not scope.acts_as(role, unit):
        raise PermissionDenied
    if role == Role.INSPECTION and scope.acts_as(Role.OFFICE, unit):
        # Whoever also runs the office cannot be the independent second party.
        raise ValidationError(_("您同时是专项整治办人员，不能作为纪检监察一方提交承诺值。"))
    return role


@transaction.atomic
def draw_commit(*, draw: Draw, by, role: str, secret: str = "", commitment: str = "") -> Commitment:
    """A party commits to its secret: SHA-256(secret) from the secret (which is not kept) or
    a commitment computed elsewhere."""
    draw = _locked(draw)
    role = _party_role(by, draw, role)
    if draw.status != DrawStatus.COMMITTING:
        raise ValidationError(_("承诺阶段已经结束，不能再提交承诺值。"))
    if draw.commitments.filter(user=by).exists():
        raise ValidationError(_("您已提交过承诺值；每位参与方只能提交一次（双人规则）。"))
    commitment = commitment.strip().lower()
    if secret and commitment:
        raise ValidationError(_("请只填写密钥或承诺值中的一项。"))
    if secret:
        _strong_enough(secret)
        commitment = _commitment_of(secret)
    elif not protocol.is_commitment(commitment):
        raise ValidationError(_("承诺值应为 64 位十六进制 SHA-256 值。"))
    name = by.person.name if by.person else by.get_username()
    made = Commitment.objects.create(
        draw=draw,
        position=draw.commitments.count() + 1,
        party=f"{Role(role).label}：{name}",
        role=role,
        user=by,
        commitment=commitment,
        committed_at=clock.now(),
    )
    payload = {"party": made.party, "position": made.position, "commitment": commitment}
    record(actor=by, verb=Verb.DRAW_COMMIT, target=draw, payload=payload)
    # The value itself is shown to the others only once commitments close: a party that saw
    # a weak secret's commitment could otherwise search for it and steer its own secret.
    _event(draw, by, _("%(p)s 提交承诺值") % {"p": made.party})
    return made


def _commitment_of(secret: str) -> str:
    try:
        return protocol.commitment(secret)
    except protocol.ProtocolError:
        raise ValidationError(_("密钥不能为空，也不能包含换行。")) from None


MIN_SECRET = 16


def _strong_enough(secret: str) -> None:
    """A short secret's commitment can be searched for; ask for one that cannot."""
    if len(secret) < MIN_SECRET or len(set(secret)) < 6:
        raise ValidationError(
            _("密钥至少 %(n)s 个字符且不能过于单一，例如连掷 20 次骰子的点数。") % {"n": MIN_SECRET}
        )


@transaction.atomic
def draw_close_commitments(*, draw: Draw, by) -> Draw:
    """No more commitments: reveals may begin. Needs the office and discipline inspection."""
    draw = _locked(draw)
    office_of(by, draw.campaign)
    if draw.status != DrawStatus.COMMITTING:
        raise ValidationError(_("承诺阶段已经结束。"))
    roles = set(draw.commitments.values_list("role", flat=True))
    if draw.commitments.count() < 2 or not set(PARTY_ROLES) <= roles:
        raise ValidationError(
            _("至少需要专项整治办和纪检监察各一方、由不同账号提交承诺值后，才能开始揭示。")
        )
    draw.status = DrawStatus.REVEALING
    draw.save(update_fields=["status"])
    payload = {"commitments": draw.commitments.count()}
    record(actor=by, verb=Verb.DRAW_CLOSE, target=draw, payload=payload)
    _event(draw, by, _("承诺截止，共 %(n)s 方，开始揭示密钥") % {"n": payload["commitments"]})
    return draw


def draw_reveal(*, draw: Draw, by, secret: str) -> Draw:
    """A party reveals its secret; a secret that does not match its commitment is refused
    (and the refusal journaled). The last reveal draws."""
    with transaction.atomic():
        draw = _locked(draw)
        mine = draw.commitments.filter(user=by).first()
        if mine is None:
            raise PermissionDenied
        if draw.status != DrawStatus.REVEALING:
            raise ValidationError(_("现在不是揭示阶段。"))
        if mine.revealed_at is not None:
            raise ValidationError(_("您已揭示过密钥。"))
        if draw.needs_public_value:
            # Entered before any secret is known, so that nobody can choose it knowingly.
            raise ValidationError(_("请先由专项整治办录入事先公布的公开随机值，再揭示密钥。"))
        matches = _commitment_of(secret) == mine.commitment
        if matches:
            mine.secret, mine.revealed_at = secret, clock.now()
            mine.save(update_fields=["secret", "revealed_at"])
            payload = {"party": mine.party, "secret": secret}
            record(actor=by, verb=Verb.DRAW_REVEAL, target=draw, payload=payload)
            _event(draw, by, _("%(p)s 揭示密钥") % {"p": mine.party})
            _draw_if_ready(draw, by)
            return draw
    record(actor=by, verb=Verb.DRAW_REVEAL_REFUSED, target=draw, payload={"party": mine.party})
    raise ValidationError(_("揭示的密钥与您提交的承诺值不符，已拒绝。请核对后重新输入。"))


@transaction.atomic
def draw_set_public_value(*, draw: Draw, by, value: str) -> Draw:
    """Enter the public random value announced in advance: after commitments close and
    before any secret is revealed."""
    draw = _locked(draw)
    office_of(by, draw.campaign)
    value = value.strip()
    if not draw.public_source:
        raise ValidationError(_("该次抽取没有事先公布使用公开随机值。"))
    if draw.status != DrawStatus.REVEALING or draw.public_value:
        raise ValidationError(_("承诺截止后、揭示密钥前才能录入公开随机值，且只能录入一次。"))
    if draw.commitments.filter(revealed_at__isnull=False).exists():
        raise ValidationError(_("已有参与方揭示了密钥，不能再录入公开随机值。"))
    if not value or "\n" in value or "\r" in value:
        raise ValidationError(_("公开随机值不能为空，也不能包含换行。"))
    draw.public_value = value
    draw.save(update_fields=["public_value"])
    payload = {"source": draw.public_source, "value": value}
    record(actor=by, verb=Verb.DRAW_PUBLIC_VALUE, target=draw, payload=payload)
    _event(draw, by, _("录入公开随机值（%(s)s）：%(v)s") % {"s": draw.public_source, "v": value})
    _draw_if_ready(draw, by)
    return draw


def _draw_if_ready(draw: Draw, by) -> None:
    parties = list(draw.commitments.all())
    if any(c.revealed_at is None for c in parties) or draw.needs_public_value:
        return
    # DrawFrame.text() checks the frozen hash, and the frozen text was built canonical.
    stored = DrawFrame.objects.select_related("draw").get(draw=draw).text()
    frame = protocol.parse_strata(stored, checked=True)
    draw.seed = protocol.seed([c.secret for c in parties], draw.public_value)
    chosen = protocol.select_strata(
        frame,
        seed_hex=draw.seed,
        rule_code=draw.rule_code,
        ratio=draw.ratio or None,
        count=draw.count,
    )
    result = protocol.canonical_text(chosen)
    draw.result_hash = protocol.sha256_hex(result)
    draw.selected_count, draw.drawn_at, draw.status = (
        result.count("\n"),
        clock.now(),
        DrawStatus.DONE,
    )
    draw.save(update_fields=["seed", "result_hash", "selected_count", "drawn_at", "status"])
    _save_selections(draw, chosen)
    payload = {"seed": draw.seed, "selected_count": draw.selected_count}
    payload["result_hash"] = draw.result_hash
    record(actor=by, verb=Verb.DRAW_RESULT, target=draw, payload=payload)
    what = _("抽取完成：种子 %(s)s，抽中 %(n)s 个，结果哈希 %(h)s")
    _event(draw, by, what % {"s": draw.seed, "n": draw.selected_count, "h": draw.result_hash})


def _save_selections(draw: Draw, chosen: protocol.Strata) -> None:
    """The drawn members as rows, CHUNK at a time through core.bulk (COPY on PostgreSQL),
    each linked to its case or person when one has that number."""
    if draw.kind == DrawKind.CASES:
        field, model, key = "case_id", Case, "case_no_norm"
    else:
        field, model, key = "person_id", Person, "staff_no"
    members = ((stratum, member_id) for stratum, ids in chosen.items() for member_id in ids)
    while chunk := list(islice(members, CHUNK)):
        ids = [member_id for _, member_id in chunk]
        known = dict(model.objects.filter(**{f"{key}__in": ids}).values_list(key, "pk"))
        insert_rows(
            Selection,
            [
                {"draw_id": draw.pk, "stratum": s, "member_id": i, field: known.get(i)}
                for s, i in chunk
            ],
        )
