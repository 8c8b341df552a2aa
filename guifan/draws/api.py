"""Draw API: draws and their published records, the evaluation batch, and the two ceremony
steps a party takes from its own account (commit, reveal). Scoped like the screens."""

from __future__ import annotations

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from guifan.api.access import require_role
from guifan.api.errors import Id, Offset, page_size, service_call
from guifan.api.reads import journal_list_read
from guifan.campaigns.access import access_campaign
from guifan.core.roles import Role
from guifan.draws import ceremony
from guifan.draws.access import access_draw
from guifan.draws.bundle import draw_record
from guifan.draws.models import DrawStatus
from guifan.draws.selectors import batch_cases, draw_list, with_reasons

router = Router(tags=["draws"])
WATCHERS = (Role.OFFICE, Role.INSPECTION)


def _draw(request, draw_id: Id):
    require_role(request, *WATCHERS)
    try:
        return access_draw(request.user, draw_id)
    except Http404:
        raise HttpError(404, "找不到该抽取") from None


class DrawOut(Schema):
    id: int
    campaign_id: int = Field(alias="rule.campaign_id")
    rule_code: str
    kind: str = Field(alias="rule.kind")
    attempt: int
    status: str
    frame_size: int
    frame_hash: str
    selected_count: int | None


class BatchCaseOut(Schema):
    case_no: str = Field(alias="case.case_no_norm")
    name: str = Field(alias="case.name")
    unit_code: str = Field(alias="case.unit.code")
    reasons: list[str]


class CommitIn(Schema):
    role: str
    secret: str = ""
    commitment: str = ""


class RevealIn(Schema):
    secret: str


@router.get("/", response=list[DrawOut], summary="可见的抽取")
def draws(request):
    require_role(request, *WATCHERS)
    journal_list_read(request, "draws.draw", "随机抽取")
    return draw_list(user=request.user)


@router.get("/{int:draw_id}", summary="抽取记录（与记录包中的 draw.json 相同）")
def draw_detail(request, draw_id: Id) -> dict:
    draw = _draw(request, draw_id)
    record = draw_record(draw)
    # Others' commitments are shown once commitments close, their secrets once all are in:
    # nobody may learn the result while they can still walk away from it.
    own = set(draw.commitments.filter(user=request.user).values_list("party", flat=True))
    if draw.status == DrawStatus.COMMITTING:
        for item in record["commitments"]:
            item["commitment"] = item["commitment"] if item["party"] in own else None
    if draw.status == DrawStatus.REVEALING:
        for item in record["reveals"]:
            item["secret"] = item["secret"] if item["party"] in own else None
    return record


@router.post("/{int:draw_id}/commit", response=DrawOut, summary="以本人账号提交承诺值")
def draw_commit(request, draw_id: Id, data: CommitIn):
    draw = _draw(request, draw_id)
    service_call(lambda: ceremony.draw_commit(draw=draw, by=request.user, **data.dict()))
    draw.refresh_from_db()
    return draw


@router.post("/{int:draw_id}/reveal", response=DrawOut, summary="以本人账号揭示密钥")
def draw_reveal(request, draw_id: Id, data: RevealIn):
    draw = _draw(request, draw_id)
    service_call(lambda: ceremony.draw_reveal(draw=draw, by=request.user, secret=data.secret))
    draw.refresh_from_db()
    return draw


@router.get(
    "/campaigns/{int:campaign_id}/batch",
    response=list[BatchCaseOut],
    summary="评查案件（本人可见范围内）及抽取理由",
)
def batch(request, campaign_id: Id, offset: Offset = 0, limit: page_size(1000) = 100):
    require_role(request, *WATCHERS, Role.LIAISON)
    try:
        campaign = access_campaign(request.user, campaign_id)
    except Http404:
        raise HttpError(404, "找不到该活动") from None
    journal_list_read(request, "draws.selection", "评查案件")
    limit = max(1, min(limit, 1000))
    cases = list(batch_cases(campaign=campaign, user=request.user)[offset : offset + limit])
    return with_reasons(campaign=campaign, cases=cases)
