"""Reads of accounts and grants, scoped to the acting user."""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from guifan.accounts.models import RoleGrant, User
from guifan.core.roles import ADMIN_ROLES


def grants_of(user: User) -> list[RoleGrant]:
    """The user's own roles, for the header and the 工作台."""
    return list(RoleGrant.objects.filter(user=user).select_related("unit").order_by("role"))


def account_list(*, user: User, query: str = "") -> QuerySet[User]:
    """Accounts with what the list offers on each: ``is_admin`` (三员: nothing to do on the
    web) and ``is_locked`` (解锁 only then)."""
    admin_grants = RoleGrant.objects.filter(user=OuterRef("pk"), role__in=ADMIN_ROLES)
    accounts = (
        User.objects.visible_to(user)
        .select_related("person__unit")
        .annotate(
            grant_count=Count("role_grants"),
            is_admin=Exists(admin_grants),
            is_locked=Exists(_lockouts()),
        )
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
        .select_related("user__person", "unit", "department", "granted_by")
        .order_by("user__username", "role")
    )


def account_summary(*, user: User) -> dict:
    """Counts for the administrators' 工作台."""
    accounts = User.objects.visible_to(user)
    return {
        "total": accounts.count(),
        "active": accounts.filter(is_active=True).count(),
        "must_change": accounts.filter(must_change_password=True).count(),
    }


def role_summary(*, user: User) -> list[dict]:
    """Grants per role, for the security administrator's 工作台."""
    from guifan.core.roles import Role

    counts = dict(grant_list(user=user).order_by().values_list("role").annotate(n=Count("pk")))
    return [{"label": str(role.label), "count": counts.get(role.value, 0)} for role in Role]


def _lockouts():
    """django-axes' records of an account locked out now (any address, so that a per-address
    lockout counts too). axes stamps attempts in real time, not the business clock."""
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(
        username=OuterRef("username"),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    )
