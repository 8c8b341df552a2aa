"""Sections apps above cases add to the case page (the automated check's findings): each
provider returns a template and its context for a user and a case, or None to show nothing."""

from __future__ import annotations

from collections.abc import Callable

Panel = tuple[str, dict]
Provider = Callable[[object, object], Panel | None]
_providers: list[Provider] = []


def case_panel(fn: Provider) -> Provider:
    _providers.append(fn)
    return fn


def panels_for(user, case) -> list[Panel]:
    return [panel for fn in _providers if (panel := fn(user, case)) is not None]
