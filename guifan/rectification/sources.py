"""Sources above rectification (the automated checks) hand their problems over through this
registry instead of being imported here: ``item_from_source`` stores the source's own
reference on the item (``source_ref``, e.g. ``checks.finding:12``) and the source registers
how to show it (label and link for a user)."""

from __future__ import annotations

from collections.abc import Callable

Link = Callable[[object, str], tuple[str, str | None]]
_links: dict[str, Link] = {}


def source_link(source: str) -> Callable[[Link], Link]:
    """Register ``fn(user, ref) -> (label, url or None)`` for items of ``source``."""

    def register(fn: Link) -> Link:
        _links[source] = fn
        return fn

    return register


def link_for(user, source: str, ref: str) -> tuple[str, str | None] | None:
    fn = _links.get(source)
    return fn(user, ref) if fn is not None and ref else None
