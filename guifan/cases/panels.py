"""Sections that apps above cases add to the case page (e.g. its 过问案件记录), registered
instead of imported: each renders its own HTML for the user, or nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString

Panel = Callable[[object, object], SafeString | str]
_panels: list[Panel] = []


def case_panel(fn: Panel) -> Panel:
    _panels.append(fn)
    return fn


def panels_for(request, case) -> list[SafeString | str]:
    return [html for panel in _panels if (html := panel(request, case))]
