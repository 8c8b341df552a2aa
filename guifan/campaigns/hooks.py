"""What higher apps add to campaigns, registered from their AppConfig.ready (the campaigns
app does not import them): what to do when a campaign starts (take over the 2015 遗留
problems and complaints), what a track's task needs before it may be reported (案件评查:
the unit's evaluation tasks done), and the text a unit's 开展情况 report starts from (its own
figures, written by the reports app)."""

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


# Track kind -> check(task) returning why the task cannot be reported yet, or "".
_TASK_CHECKS: dict[str, Callable[..., str]] = {}


def on_task_submit(kind: str, check: Callable[..., str]) -> None:
    _TASK_CHECKS[kind] = check


def task_check(kind: str) -> Callable[..., str] | None:
    return _TASK_CHECKS.get(kind)


# provider(campaign=..., unit=..., user=...) -> the body an unwritten 开展情况 report starts from.
_REPORT_TEMPLATE: list[Callable[..., str]] = []


def on_report_template(provider: Callable[..., str]) -> None:
    _REPORT_TEMPLATE[:] = [provider]


def report_template(*, campaign, unit, user) -> str:
    """The pre-filled body of the unit's report, or "" when no app provides one."""
    return "".join(
        provider(campaign=campaign, unit=unit, user=user) for provider in _REPORT_TEMPLATE
    )
