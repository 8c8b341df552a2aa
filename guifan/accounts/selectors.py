"""Reads of accounts and grants, scoped to the acting user."""

from django.db.models import Count, QuerySet

from guifan.accounts.models import RoleGrant, User


def grants_of(user: User) -> list[RoleGrant]:
    """The user's own roles, for the header and the 工作台."""
    return list(RoleGrant.objects.filter(user=user).select_related("unit").order_by("role"))


def account_list(*, user: User, query: str = "") -> QuerySet[User]:
    accounts = (
        User.objects.visible_to(user)
        .select_related("person__unit")
        .annotate(grant_count=Count("role_grants"))
        .order_by("username")
    )
    if query:
        accounts = accounts.filter(username__icontains=query) | accounts.filter(
            person__name__icontains=query
        )
    return accounts


def grant_list(*, user: User) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.filter(user__in=User.objects.visible_to(user))
        .select_related("user__person", "unit", "granted_by")
        .order_by("user__username", "role")
    )
