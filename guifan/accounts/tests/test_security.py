"""Account security of 等保 level 3: complexity, lockout, idle timeout, last login, headers."""

import itertools

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.testing.people import PASSWORD

LOGIN = reverse("accounts:login")


@pytest.mark.parametrize("password", ["short1A", "alllowercase", "lowercase123", "NOUPPER!!!"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["Zhong9guo", "jiancha#2016", "Q!w2e3r4"])
def test_passwords_with_three_classes_pass(password):
    validate_password(password)


def test_password_rule_message_is_chinese():
    with pytest.raises(ValidationError) as exc:
        validate_password("lowercaseonly")
    assert "至少 3 类" in " ".join(exc.value.messages)


def test_login_with_wrong_password_says_so_in_chinese_and_is_journaled(cast, client):
    response = client.post(LOGIN, {"username": "office", "password": "wrong"})
    assert "用户名或密码错误" in response.content.decode()
    assert Entry.objects.filter(verb=Verb.LOGIN_FAILED, target_label__contains="office").exists()


def test_five_failures_lock_the_account_even_with_the_right_password(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "liaison_a", "password": "wrong"})
    response = client.post(LOGIN, {"username": "liaison_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "已被锁定 30 分钟" in response.content.decode()
    assert Entry.objects.filter(verb=Verb.LOCKOUT).exists()
    # Other accounts are not affected.
    assert client.post(LOGIN, {"username": "liaison_b", "password": PASSWORD}).status_code == 302


def test_sysadmin_unlock_lets_the_user_back_in_and_is_journaled(cast, client, login):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "liaison_a", "password": "wrong"})
    admin = login(cast.sysadmin)
    admin.post(reverse("accounts:account_action", args=[cast.liaison_a.pk, "unlock"]))
    assert Entry.objects.filter(verb=Verb.UNLOCK, target_id=str(cast.liaison_a.pk)).exists()
    admin.logout()
    assert client.post(LOGIN, {"username": "liaison_a", "password": PASSWORD}).status_code == 302


def test_successful_login_shows_the_previous_login_time_and_place(cast, client):
    client.post(LOGIN, {"username": "office", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    response = client.post(LOGIN, {"username": "office", "password": PASSWORD}, follow=True)
    assert "上次登录：" in response.content.decode()
    assert "127.0.0.1" in response.content.decode()
    assert Entry.objects.filter(verb=Verb.LOGIN, actor_id=cast.office.pk).count() == 2
    assert Entry.objects.filter(verb=Verb.LOGOUT, actor_id=cast.office.pk).count() == 1


def test_idle_timeout_slides_with_use_but_not_with_the_import_progress_poll(cast, login):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from guifan.cases.models import ImportRun

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    run = ImportRun.objects.create(kind="cases", file_name="a.csv", created_by=cast.liaison_a)
    client = login(cast.liaison_a)
    soon = timezone.now() + timedelta(minutes=5)
    Session.objects.update(expire_date=soon)
    poll = client.get(reverse("cases:import_run", args=[run.pk]), headers={"HX-Request": "true"})
    assert poll.status_code == 200
    assert Session.objects.get().expire_date == soon  # polling is not activity
    client.get(reverse("cases:import_run", args=[run.pk]))  # opening the page is
    assert Session.objects.get().expire_date > timezone.now() + timedelta(minutes=29)


def test_the_idle_clock_is_restarted_at_most_once_a_minute(cast, login):
    """Saving the session on every page cost a write and a commit each; a minute's grain
    signs the user out at most a minute early, never late."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = login(cast.office)
    client.get(reverse("web:dashboard"))
    marked = Session.objects.get().expire_date
    assert marked > timezone.now() + timedelta(minutes=29)
    client.get(reverse("web:dashboard"))  # within the minute: the session is not saved again
    assert Session.objects.get().expire_date == marked
    session = client.session
    session["active_at"] -= 61  # a minute later
    session.save()
    Session.objects.update(expire_date=marked)
    client.get(reverse("web:dashboard"))
    assert Session.objects.get().expire_date > marked


def test_logout_needs_post(cast, login):
    client = login(cast.office)
    assert client.get(reverse("accounts:logout")).status_code == 405


def test_one_time_password_forces_a_change_first(cast, login):
    cast.office.must_change_password = True
    cast.office.save()
    response = login(cast.office).get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change")


def test_changing_the_password_clears_the_flag_and_is_journaled(cast, login):
    cast.office.must_change_password = True
    cast.office.save()
    client = login(cast.office)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Jiancha#2016",
            "new_password2": "Jiancha#2016",
        },
    )
    assert response.status_code == 302
    cast.office.refresh_from_db()
    assert not cast.office.must_change_password
    assert Entry.objects.filter(verb=Verb.PASSWORD_CHANGE, actor_id=cast.office.pk).exists()
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_security_headers(cast, login):
    response = login(cast.office).get(reverse("web:dashboard"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_post_without_csrf_token_is_refused(cast):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.secadmin)
    response = strict.post(reverse("accounts:grant_list"), {"username": "office", "role": "office"})
    assert response.status_code == 403


def test_an_expired_session_sends_the_user_back_to_login(cast, login):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = login(cast.office)
    assert client.get(reverse("web:dashboard")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_password_older_than_the_limit_must_be_changed(cast, login):
    from datetime import timedelta

    from django.utils import timezone

    cast.liaison_a.password_changed_at = timezone.now() - timedelta(
        days=settings.GUIFAN_PASSWORD_MAX_AGE_DAYS + 1
    )
    cast.liaison_a.save()
    response = login(cast.liaison_a).get(reverse("web:dashboard"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:password_change")
    assert "天未修改" in response.content.decode()


def _change(client, old: str, new: str):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_the_forced_change_refuses_the_one_time_password_itself(cast, login):
    from guifan.accounts.services import password_reset

    one_time = password_reset(by=None, user=cast.office)
    cast.office.refresh_from_db()
    client = login(cast.office)
    response = _change(client, one_time, one_time)
    assert response.status_code == 200
    assert "不能与当前密码（含一次性密码）" in response.content.decode()
    cast.office.refresh_from_db()
    assert cast.office.must_change_password


def test_the_last_five_passwords_cannot_come_back(cast, login):
    client = login(cast.office)
    used = [PASSWORD, *(f"Jiancha#{n}x" for n in range(1, 7))]
    for old, new in itertools.pairwise(used):
        assert _change(client, old, new).status_code == 302
    # The current one and the five before it are refused; the one before those is free.
    for earlier in used[1:]:
        response = _change(client, used[-1], earlier)
        assert "最近 5 次用过的密码" in response.content.decode(), earlier
    assert _change(client, used[-1], PASSWORD).status_code == 302
