"""What a user may see: one Scope per request, one queryset method per model.

Every list, export, API endpoint and panel reads through ``Model.objects.visible_to(user)``;
models say what "visible" means for them in ``ScopedQuerySet.scope_q``. Views never filter
by unit or role themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from guifan.core.roles import ADMIN_ROLES, OVERSIGHT_ROLES, UNIT_ROLES, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from guifan.accounts.models import User

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    """The roles of one user and the units whose business data those roles open."""

    user_id: int | None
    person_id: int | None
    roles: frozenset[str]
    # Units whose business data the user sees as office, inspection or liaison.
    business_unit_ids: frozenset[int]
    # Units the user oversees with everything below them (office, inspection).
    oversight_unit_ids: frozenset[int]
    # The user's own unit (through the linked person), for display-level rights.
    own_unit_id: int | None
    # Per role, the units where the user acts in that role (office and inspection with
    # everything below). Writes check the set of the role they need, never the union above.
    role_units: dict[str, frozenset[int]] = field(default_factory=dict)
    # Departments the user is liaison of (部门联络员), and their units. Such a grant opens
    # the department's own campaign tasks only: it adds nothing to the sets above.
    liaison_department_ids: frozenset[int] = frozenset()
    liaison_department_unit_ids: frozenset[int] = frozenset()

    def has(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def units_for(self, *roles: str) -> frozenset[int]:
        """Units where the user holds one of ``roles``."""
        return frozenset().union(*(self.role_units.get(role, frozenset()) for role in roles))

    def acts_as(self, role: str, unit_id: int | None) -> bool:
        return unit_id is not None and unit_id in self.role_units.get(role, frozenset())

    def acts_for_department(self, department_id: int | None) -> bool:
        """Liaison of this department (a department grant, not the unit's liaison)."""
        return department_id is not None and department_id in self.liaison_department_ids

    def oversees(self, unit_id: int | None) -> bool:
        """Acts as the office or as discipline inspection at (or above) the unit."""
        return self.acts_as(Role.OFFICE, unit_id) or self.acts_as(Role.INSPECTION, unit_id)

    @property
    def is_admin(self) -> bool:
        return bool(self.roles & ADMIN_ROLES)

    def business_q(self, unit_field: str = "unit") -> Q:
        """Rows whose unit lies in the user's business units."""
        if not self.business_unit_ids:
            return NOTHING
        return Q(**{f"{unit_field}__in": self.business_unit_ids})


ANONYMOUS = Scope(None, None, frozenset(), frozenset(), frozenset(), None)


def scope_of(user: User | AnonymousUser | None) -> Scope:
    """The user's scope, computed once per user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_guifan_scope", None)
    if cached is None:
        cached = _build_scope(user)
        user._guifan_scope = cached
    return cached


def forget_scope(user: User) -> None:
    """Drop the cached scope after the user's roles changed."""
    user.__dict__.pop("_guifan_scope", None)


def _build_scope(user: User) -> Scope:
    from guifan.accounts.models import RoleGrant
    from guifan.org.models import Unit

    rows = list(RoleGrant.objects.filter(user=user).values_list("role", "unit_id", "department_id"))
    # A department liaison's grant opens its department only, never the unit (below).
    grants = [(role, unit) for role, unit, _d in rows if role != Role.DEPT_LIAISON]
    departments = [(unit, dept) for role, unit, dept in rows if role == Role.DEPT_LIAISON and dept]
    roles = frozenset(role for role, _u, _d in rows)
    person = user.person
    own_unit_id = person.unit_id if person else None
    if roles & ADMIN_ROLES:
        # Administrators never see business data, whatever else might be attached to them.
        return Scope(user.pk, user.person_id, roles, frozenset(), frozenset(), own_unit_id)
    oversight = frozenset(unit for role, unit in grants if role in OVERSIGHT_ROLES and unit)
    role_units: dict[str, frozenset[int]] = {}
    for role in roles:
        units = [unit for granted, unit in grants if granted == role and unit]
        if role in OVERSIGHT_ROLES:
            units = Unit.objects.subtree_ids(units)
        role_units[role] = frozenset(units)
    business = frozenset().union(
        *(role_units[role] for role in roles if role in OVERSIGHT_ROLES | UNIT_ROLES)
    )
    return Scope(
        user_id=user.pk,
        person_id=user.person_id,
        roles=roles,
        business_unit_ids=business,
        oversight_unit_ids=oversight,
        own_unit_id=own_unit_id,
        role_units=role_units,
        liaison_department_ids=frozenset(department for _u, department in departments),
        liaison_department_unit_ids=frozenset(unit for unit, _d in departments),
    )


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every model that holds data someone must not see."""

    def visible_to(self, user: User | AnonymousUser | None) -> Self:
        return self.visible_to_scope(scope_of(user))

    def visible_to_scope(self, scope: Scope) -> Self:
        if scope is ANONYMOUS:
            return self.none()
        return self.filter(self.scope_q(scope))

    def scope_q(self, scope: Scope) -> Q:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError(f"{type(self).__name__} must define scope_q()")


class UnitScopedQuerySet(ScopedQuerySet):
    """Rows that belong to one unit (its ``unit`` field) and are seen with that unit's data."""

    def scope_q(self, scope: Scope) -> Q:
        return scope.business_q("unit")


__all__ = [
    "NOTHING",
    "Role",
    "Scope",
    "ScopedQuerySet",
    "UnitScopedQuerySet",
    "forget_scope",
    "scope_of",
]
