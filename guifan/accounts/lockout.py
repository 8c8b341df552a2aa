"""Login lockout (等保: 5 failures lock for 30 minutes), per username *and* address.

django-axes locks the pair, so a stranger who fails five times for ``auditadmin`` from another
address locks out only himself. An address that keeps failing across many usernames is
throttled as a whole by ``AddressThrottleBackend``, which counts the same axes attempts. Both
kinds of lockout are journaled, one entry per address (or pair) and minute.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import render

from guifan.core.http import client_ip
from guifan.journal.services import record_throttled
from guifan.journal.verbs import Verb


def address_failures(request) -> int:
    """Failed logins from the request's address within the lockout window, all usernames."""
    AxesProxyHandler.update_request(request)
    attempts = AccessAttempt.objects.filter(
        ip_address=client_ip(request), attempt_time__gte=get_cool_off_threshold(request)
    )
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AddressThrottleBackend:
    """First of the authentication backends: refuses every login from an address that
    failed ``GUIFAN_LOCKOUT_ADDRESS_FAILURES`` times within the lockout window. It has no
    ``get_user``: it never logs anyone in, so sessions never name it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        failures = address_failures(request)
        if failures < settings.GUIFAN_LOCKOUT_ADDRESS_FAILURES:
            return None
        request.axes_locked_out = True  # axes' middleware then answers with the lockout page
        request.guifan_lockout = "address"
        ip = client_ip(request)
        record_throttled(
            key=f"lockout:address:{ip}",
            actor=None,
            verb=Verb.LOCKOUT,
            target=("accounts.user", "", str(username or "")[:150]),
            ip=ip,
            payload={"kind": "address", "username": username, "failures": failures},
            sample=str(username or "")[:150],
        )
        raise PermissionDenied


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out login sees (AXES_LOCKOUT_CALLABLE): which lock, for how long."""
    context = {
        "by_address": getattr(request, "guifan_lockout", "") == "address",
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "accounts/locked_out.html", context, status=429)
