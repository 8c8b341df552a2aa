"""Security events raised by Django and axes, written to the journal (等保 §8.1.4.3)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from guifan.core import clock
from guifan.core.http import client_ip
from guifan.journal.services import record, record_throttled
from guifan.journal.verbs import Verb

# We keep the previous login as well as this one, so we update last_login ourselves.
user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")


@receiver(user_logged_in, dispatch_uid="guifan_login")
def on_login(sender, request, user, **kwargs) -> None:
    ip = client_ip(request) if request is not None else ""
    user.previous_login_at, user.previous_login_ip = user.last_login, user.last_login_ip
    user.last_login, user.last_login_ip = clock.now(), ip
    user.save(
        update_fields=["previous_login_at", "previous_login_ip", "last_login", "last_login_ip"]
    )
    record(actor=user, verb=Verb.LOGIN, target=user, ip=ip)


@receiver(user_logged_out, dispatch_uid="guifan_logout")
def on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(actor=user, verb=Verb.LOGOUT, target=user, ip=client_ip(request))


@receiver(user_login_failed, dispatch_uid="guifan_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    ip = client_ip(request) if request is not None else ""
    record_throttled(
        key=f"login_failed:{ip}",
        actor=None,
        verb=Verb.LOGIN_FAILED,
        target=_account_target(username),
        ip=ip,
        payload={"username": username},
        sample=username,
    )


@receiver(user_locked_out, dispatch_uid="guifan_locked_out")
def on_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    if getattr(request, "guifan_lockout", "") == "address":
        return  # journaled by the address throttle itself
    record_throttled(
        key=f"lockout:account:{ip_address}:{username}",
        actor=None,
        verb=Verb.LOCKOUT,
        target=_account_target(username or ""),
        ip=ip_address or "",
        payload={"kind": "account", "username": username},
    )


def _account_target(username: str):
    user = get_user_model().objects.filter(username=username).first()
    return user if user is not None else ("accounts.user", "", username)
