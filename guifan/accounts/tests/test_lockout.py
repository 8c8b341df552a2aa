"""Lockout per username and address: a stranger cannot lock the real user out, an address
failing across many usernames is throttled, and both kinds are journaled (不被他人锁定)."""

import json
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from guifan.core.clock import frozen_at
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.testing.journal import counted, flush
from guifan.testing.people import PASSWORD

LOGIN = reverse("accounts:login")
STRANGER = "10.9.9.9"


def _login(client, username, password, ip="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_stranger_failing_five_times_does_not_lock_the_real_user_out(cast, client):
    for _ in range(5):
        _login(client, "auditadmin", "wrong", ip=STRANGER)
    # The stranger's own pair is locked, even with the right password …
    assert _login(client, "auditadmin", PASSWORD, ip=STRANGER).status_code == 429
    # … the administrator at their own desk signs in.
    assert _login(client, "auditadmin", PASSWORD).status_code == 302
    lockout = Entry.objects.get(verb=Verb.LOCKOUT)
    assert (lockout.ip, lockout.target_label) == (STRANGER, "auditadmin")
    assert json.loads(lockout.payload)["kind"] == "account"


def test_five_failures_lock_the_pair_for_thirty_minutes(cast, client):
    for _ in range(5):
        _login(client, "liaison_a", "wrong")
    response = _login(client, "liaison_a", PASSWORD)
    assert response.status_code == 429
    assert "该账号在您所在地址已被锁定 30 分钟" in response.content.decode()


def test_an_address_failing_across_usernames_is_throttled_and_journaled(cast, client, settings):
    settings.GUIFAN_LOCKOUT_ADDRESS_FAILURES = 8
    for n in range(8):
        _login(client, f"guess{n}", "wrong", ip=STRANGER)
    response = _login(client, "office", PASSWORD, ip=STRANGER)
    assert response.status_code == 429
    assert "该地址已被锁定 30 分钟" in response.content.decode()
    assert _login(client, "office", PASSWORD).status_code == 302  # other addresses are fine
    lockout = Entry.objects.get(verb=Verb.LOCKOUT)
    assert lockout.ip == STRANGER
    assert json.loads(lockout.payload) | {"failures": 8} == {
        "kind": "address",
        "username": "office",
        "failures": 8,
    }


def test_a_flood_of_failed_logins_is_one_entry_per_address_and_minute(cast, client, settings):
    settings.GUIFAN_LOCKOUT_ADDRESS_FAILURES = 1000
    with frozen_at(timezone.make_aware(datetime(2016, 3, 1, 10, 30, 5))):  # one minute
        for n in range(40):
            _login(client, f"guess{n % 20}", "wrong", ip=STRANGER)
    assert Entry.objects.filter(verb=Verb.LOGIN_FAILED).count() == 1
    flush()
    first, repeats = Entry.objects.filter(verb=Verb.LOGIN_FAILED).order_by("seq")
    assert json.loads(first.payload) == {"username": "guess0"}
    summary = json.loads(repeats.payload)
    assert summary["repeats"] == 39
    assert summary["samples"] == ["guess1", "guess2", "guess3", "guess4", "guess5"]
    assert counted(Verb.LOGIN_FAILED) == 40
