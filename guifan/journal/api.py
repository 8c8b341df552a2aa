"""Journal API: the tree's root and RFC 9162 proofs, for the audit administrator alone (三员分立:
the system and security administrators are refused like everyone else)."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.errors import HttpError

from guifan.api.access import require_role
from guifan.core.roles import Role
from guifan.journal.tree import TreeError, consistency_info, inclusion_info, root_info

router = Router(tags=["journal"])


class RootOut(Schema):
    tree_size: int
    root: str


class InclusionOut(Schema):
    seq: int
    leaf_index: int
    tree_size: int
    leaf_hash: str
    root: str
    path: list[str]


class ConsistencyOut(Schema):
    old_size: int
    new_size: int
    old_root: str
    new_root: str
    path: list[str]


def _answer(request, function, *args):
    require_role(request, Role.AUDITADMIN)
    try:
        return function(*args)
    except TreeError as exc:
        raise HttpError(422, str(exc)) from None


@router.get("/root", response=RootOut, summary="日志哈希树的根哈希（RFC 9162）")
def root(request, size: int | None = None):
    return _answer(request, root_info, size)


@router.get(
    "/proof/inclusion/{seq}", response=InclusionOut, summary="一条记录的包含证明（RFC 9162）"
)
def inclusion(request, seq: int, size: int | None = None):
    return _answer(request, inclusion_info, seq, size)


@router.get(
    "/proof/consistency/{old}/{new}",
    response=ConsistencyOut,
    summary="前 old 条与前 new 条记录之间的一致性证明（RFC 9162）",
)
def consistency(request, old: int, new: int):
    return _answer(request, consistency_info, old, new)
