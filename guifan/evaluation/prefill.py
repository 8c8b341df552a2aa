"""What apps above evaluation know about a case before it is evaluated (a finding of the
automated check that a person confirmed) pre-fills its 登记表's 发现的问题: providers register
here instead of being imported by the workflow."""

from __future__ import annotations

from collections.abc import Callable

# A provider returns the problems it knows for a case, as the form's finding fields
# (dimension, category, description, legal_basis, severity).
Provider = Callable[[object], list[dict]]
_providers: list[Provider] = []


def form_prefill(fn: Provider) -> Provider:
    _providers.append(fn)
    return fn


def prefilled(case) -> list[dict]:
    return [item for fn in _providers for item in fn(case)]
