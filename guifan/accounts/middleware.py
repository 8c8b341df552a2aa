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
