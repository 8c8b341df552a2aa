"""What higher apps do when a campaign starts, registered from their AppConfig.ready (the
campaigns app does not import them): e.g. taking over the 2015 遗留 problems and complaints."""

from __future__ import annotations

from collections.abc import Callable

StartHook = Callable[..., object]  # called as hook(campaign=..., by=...)
_ON_START: list[StartHook] = []


def on_campaign_start(hook: StartHook) -> StartHook:
    if hook not in _ON_START:
        _ON_START.append(hook)
    return hook


def campaign_started(campaign, by) -> None:
    for hook in _ON_START:
        hook(campaign=campaign, by=by)
