"""Calling a service from a view: its refusal becomes the page's error message."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError

T = TypeVar("T")


def run_service(request, action: Callable[[], T], success: str = "") -> T | None:
    """Call ``action``; a ValidationError is shown in its own (Chinese) words and None
    returned; otherwise ``success`` is shown (if given) and the service's result returned."""
    try:
        outcome = action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    if success:
        messages.success(request, success)
    return outcome


def form_errors(form) -> str:
    """Every error of a form in one line, for a message above the page; a field's error
    is named by its label ("调查核实情况：这个字段是必填项。")."""
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        prefix = f"{field.label}：" if field is not None and field.label else ""
        parts.extend(f"{prefix}{error}" for error in errors)
    return " ".join(parts)
