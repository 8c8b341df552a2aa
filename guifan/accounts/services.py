"""Account and role changes. Each is atomic and journaled; views, CLI and demo call these."""

from __future__ import annotations

import secrets
import string

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guifan.accounts.models import PasswordHistory, RoleGrant, User
from guifan.core import clock
from guifan.core.roles import ADMIN_ROLES, ROLES_NEEDING_UNIT, Role
from guifan.core.scoping import forget_scope, scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.org.models import Person, Unit

_PASSWORD_ALPHABET = string.ascii_letters + string.digits + "#%+=@"


def generate_password(length: int = 14) -> str:
    """A random initial password that always passes the complexity rules."""
    while True:
        candidate = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))
        try:
            validate_password(candidate)
        except ValidationError:
            continue
        return candidate


def _require(actor: User | None, role: Role) -> None:
    # actor None is the command line run by whoever operates the server.
    if actor is not None and not scope_of(actor).has(role):
        raise PermissionDenied


def _not_an_administrator(actor: User | None, user: User) -> None:
    """The system administrator must not be able to take over the other two administrators
    (三员分立): their passwords, locks and status are changed from the command line only."""
    if actor is None:
        return
    if RoleGrant.objects.filter(user=user, role__in=ADMIN_ROLES).exists():
        raise ValidationError(
            _("三员分立：管理员账号的密码、锁定和启停只能由服务器运维人员在命令行处理。")
        )


@transaction.atomic
def account_create(
    *, by: User | None, username: str, person: Person | None = None, ip: str = ""
) -> tuple[User, str]:
    """Create an account with a one-time password the holder must change at first login."""
    _require(by, Role.SYSADMIN)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("该用户名已被使用。")})
    if person is not None and User.objects.filter(person=person).exists():
        raise ValidationError({"person": _("该人员已有账号。")})
    password = generate_password()
    user = User(username=username, person=person, must_change_password=True)
    user.full_clean(exclude=["password"])
    user.set_password(password)
    user.save()
    record(
        actor=by,
        verb=Verb.ACCOUNT_CREATE,
        target=user,
        ip=ip,
        payload={"username": username, "person": person.staff_no if person else None},
    )
    return user, password


@transaction.atomic
def account_set_active(*, by: User | None, user: User, active: bool, ip: str = "") -> None:
    _require(by, Role.SYSADMIN)
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("不能停用或启用自己的账号。"))
    _not_an_administrator(by, user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    verb = Verb.ACCOUNT_ACTIVATE if active else Verb.ACCOUNT_DEACTIVATE
    record(actor=by, verb=verb, target=user, ip=ip)


@transaction.atomic
def account_unlock(*, by: User | None, user: User, ip: str = "") -> int:
    """Lift a login lockout before its 30 minutes are over; returns the attempts cleared."""
    _require(by, Role.SYSADMIN)
    _not_an_administrator(by, user)
    cleared = axes_reset(username=user.username)
    record(actor=by, verb=Verb.UNLOCK, target=user, ip=ip, payload={"cleared": cleared})
    return cleared


@transaction.atomic
def password_reset(*, by: User | None, user: User, ip: str = "") -> str:
    """Give the account a new one-time password (the holder must change it)."""
    _require(by, Role.SYSADMIN)
    _not_an_administrator(by, user)
    password = generate_password()
    _remember_password(user)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    record(actor=by, verb=Verb.PASSWORD_RESET, target=user, ip=ip)
    return password


@transaction.atomic
def password_change(*, user: User, new_password: str, ip: str = "") -> None:
    """The holder sets a new password; validation (history included) was done by the form."""
    _remember_password(user)
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = clock.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    record(actor=user, verb=Verb.PASSWORD_CHANGE, target=user, ip=ip)


def _remember_password(user: User) -> None:
    """Keep the hash being replaced, and only as many as the history rule looks at."""
    if not user.has_usable_password():
        return
    PasswordHistory.objects.create(user=user, password=user.password, replaced_at=clock.now())
    keep = user.password_history.values_list("pk", flat=True)[: settings.GUIFAN_PASSWORD_HISTORY]
    user.password_history.exclude(pk__in=list(keep)).delete()


def _check_department(role: Role, unit: Unit | None, department) -> None:
    if role != Role.DEPT_LIAISON:
        if department is not None:
            raise ValidationError({"department": _("只有部门联络员指定部门。")})
        return
    if department is None:
        raise ValidationError({"department": _("部门联络员须指定部门。")})
    if unit is None or department.unit_id != unit.pk:
        raise ValidationError({"department": _("部门须属于适用单位。")})


def _check_grant(by: User | None, user: User, role: Role, unit: Unit | None) -> None:
    existing = set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("安全管理员不能给自己授权。"))
    if role in ADMIN_ROLES and existing:
        raise ValidationError(_("三员分立：管理员角色不能与其他任何角色由同一账号持有。"))
    if existing & ADMIN_ROLES:
        raise ValidationError(_("三员分立：该账号已是管理员，不能再授予其他角色。"))
    if role in ROLES_NEEDING_UNIT and unit is None:
        raise ValidationError({"unit": _("该角色须指定适用单位。")})
    if role not in ADMIN_ROLES and user.person_id is None:
        raise ValidationError(_("业务角色只能授予已关联人员的账号。"))


def _check_duplicate(user: User, role: Role, unit: Unit | None, department) -> None:
    if RoleGrant.objects.filter(user=user, role=role, unit=unit, department=department).exists():
        raise ValidationError(_("该账号已持有此角色。"))


@transaction.atomic
def role_grant(
    *,
    by: User | None,
    user: User,
    role: Role,
    unit: Unit | None = None,
    department=None,
    ip: str = "",
) -> RoleGrant:
    """Grant a role; only the security administrator may, and never to itself. A 部门联络员
    grant names one department of the unit (that department's campaign tasks only)."""
    _require(by, Role.SECADMIN)
    role = Role(role)
    # Lock the account so that two grants at once cannot both pass the 三员 checks.
    User.objects.select_for_update().filter(pk=user.pk).exists()
    if role not in ROLES_NEEDING_UNIT and unit is None and user.person_id:
        unit = user.person.unit
    if department is not None and unit is None:
        unit = department.unit
    _check_grant(by, user, role, unit)
    _check_department(role, unit, department)
    _check_duplicate(user, role, unit, department)
    grant = RoleGrant.objects.create(
        user=user, role=role, unit=unit, department=department, granted_by=by
    )
    forget_scope(user)
    payload = {"role": role.value, "unit": unit.code if unit else None}
    if department is not None:
        payload["department"] = department.name
    record(actor=by, verb=Verb.ROLE_GRANT, target=user, ip=ip, payload=payload)
    return grant


@transaction.atomic
def role_revoke(*, by: User | None, grant: RoleGrant, ip: str = "") -> None:
    _require(by, Role.SECADMIN)
    if by is not None and by.pk == grant.user_id:
        raise ValidationError(_("安全管理员不能修改自己的角色。"))
    user, payload = (
        grant.user,
        {"role": grant.role, "unit": grant.unit.code if grant.unit else None},
    )
    if grant.department_id:
        payload["department"] = grant.department.name
    grant.delete()
    forget_scope(user)
    record(actor=by, verb=Verb.ROLE_REVOKE, target=user, ip=ip, payload=payload)
