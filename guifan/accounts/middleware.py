import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.core import clock

_EXEMPT_PREFIXES = ("/accounts/", "/static/")


class PasswordPolicyMiddleware:
    """Sends users with a one-time or expired password to the change-password page first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not request.path.startswith(_EXEMPT_PREFIXES):
            reason = password_change_reason(user)
            if reason:
                messages.warning(request, reason)
                return redirect(reverse("accounts:password_change"))
        return self.get_response(request)


def password_change_reason(user) -> str:
    if user.must_change_password:
        return _("首次登录或密码被重置后，须先修改密码。")
    if user.is_demo and settings.DEMO_MODE:
        return ""  # demo accounts keep their published password
    max_age = settings.GUIFAN_PASSWORD_MAX_AGE_DAYS
    changed = user.password_changed_at or user.date_joined
    if max_age and changed and clock.now() - changed > timedelta(days=max_age):
        return _("密码已超过 %(days)d 天未修改，请修改后继续使用。") % {"days": max_age}
    return ""


class IdleTimeoutMiddleware:
    """The 30-minute idle logout (等保) counts what the user does, not what the page polls.

    The session expires ``SESSION_COOKIE_AGE`` after it was last saved. A request of a
    signed-in user marks it as used, which saves it and so restarts the clock, except
    background polls (views marked with ``core.decorators.poll``, asked for by htmx): a page
    left open on an import's progress bar no longer keeps its session alive forever.

    A session marked less than ``MARK_EVERY`` seconds ago is not marked again: saving it is an
    UPDATE and a commit on every page, and a 30-minute timeout needs no finer clock. The user
    is signed out at most that long early, never late.
    """

    MARK_EVERY = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        polling = getattr(view_func, "is_poll", False) and request.headers.get("HX-Request")
        if request.user.is_authenticated and not polling:
            now = int(time.time())
            if now - request.session.get("active_at", 0) >= self.MARK_EVERY:
                request.session["active_at"] = now
        return None
