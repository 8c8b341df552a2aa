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
    """Every error of a form in one line, for a message above the page."""
    return " ".join(error for errors in form.errors.values() for error in errors)
