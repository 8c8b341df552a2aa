"""Fetching one account or grant for a user: the same 404 for missing and not yours."""

from django.http import Http404

from guifan.accounts.models import RoleGrant, User


def access_account(user: User, account_id: int) -> User:
    account = User.objects.visible_to(user).filter(pk=account_id).first()
    if account is None:
        raise Http404
    return account


def access_grant(user: User, grant_id: int) -> RoleGrant:
    grant = (
        RoleGrant.objects.filter(user__in=User.objects.visible_to(user))
        .filter(pk=grant_id)
        .select_related("user", "unit")
        .first()
    )
    if grant is None:
        raise Http404
    return grant
